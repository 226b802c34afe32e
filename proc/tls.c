/*
 * tls.c - thread-local storage descriptors: set_thread_area(2) with Linux's
 * struct user_desc, three GDT slots (6-8) reloaded on every switch.
 *
 * Only what Linux's tls_desc_okay allows reaches the GDT: a present,
 * 32-bit data segment, or a request to clear the slot. A code segment, a
 * 16-bit segment (a 16-bit stack segment leaks the high half of esp across
 * iret: Linux needs espfix for those) and a not-present one are EINVAL.
 */
#include "proc/thread_internal.h"
#include "gen/syscalls.h"
#include "kernel/gdt.h"
#include "kernel/console.h"
#include "uapi/signal.h"
#include "kernel/string.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/ldt.h"

void tls_load(struct thread *t)
{
	for (int i = 0; i < TLS_ENTRIES; i++)
		gdt_set_raw(GDT_TLS_MIN + i, &t->tls[i]);
}

#define UD_FLAGS_MASK       0x7fu         /* the bits above: lm and later ignored */
#define UD_CONTENTS_DATA_MAX 1u           /* 0 data, 1 expand-down data, 2-3 code */

static uint32_t ud_contents(const struct user_desc *u)
{
	return (u->flags >> UD_CONTENTS_SHIFT) & UD_CONTENTS_MASK;
}

/* Linux's LDT_empty and LDT_zero: either one asks to clear the slot. */
static bool user_desc_clears(const struct user_desc *u)
{
	uint32_t f = u->flags & UD_FLAGS_MASK;
	return u->base_addr == 0 && u->limit == 0 &&
	       (f == (UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT) || f == 0);
}

/* Linux's tls_desc_okay: 32-bit, data, present (or a clearing request). */
static bool user_desc_okay(const struct user_desc *u)
{
	if (user_desc_clears(u))
		return true;
	return (u->flags & UD_SEG_32BIT) && ud_contents(u) <= UD_CONTENTS_DATA_MAX &&
	       !(u->flags & UD_SEG_NOT_PRESENT);
}

static void encode(const struct user_desc *u, struct tls_desc *d)
{
	uint32_t w[2] = { 0, 0 };
	if (!user_desc_clears(u)) {
		uint8_t type = (uint8_t)((((u->flags & UD_READ_EXEC_ONLY) ? 0 : 1) << 1) |
			       (ud_contents(u) << 2) | GDT_ACC_ACCESSED);
		uint8_t access = GDT_ACC_SEGMENT | GDT_ACC_DPL3 | type | GDT_ACC_PRESENT;
		uint8_t gran = ((u->flags & UD_SEG_32BIT) ? GDT_GRAN_32BIT : 0) |
			       ((u->flags & UD_LIMIT_IN_PAGES) ? GDT_GRAN_4K : 0) |
			       ((u->flags & UD_USEABLE) ? GDT_GRAN_AVL : 0);
		gdt_encode(u->base_addr, u->limit, access, gran, w);
	}
	d->lo = w[0];
	d->hi = w[1];
}

/* The slot u names, or with can_allocate and GDT_ENTRY_ANY the first
 * free one of t (u->entry_number is set to it): its GDT index, or -ESRCH
 * (none free), -EINVAL. */
static int tls_slot(struct thread *t, struct user_desc *u, bool can_allocate)
{
	uint32_t idx = u->entry_number;
	if (idx == GDT_ENTRY_ANY && can_allocate) {
		for (idx = 0; idx < TLS_ENTRIES; idx++)
			if (!t->tls[idx].lo && !t->tls[idx].hi)   /* cleared: free */
				break;
		if (idx == TLS_ENTRIES)
			return -ESRCH;
		idx += GDT_TLS_MIN;
		u->entry_number = idx;
	}
	if (idx < GDT_TLS_MIN || idx >= GDT_TLS_MIN + TLS_ENTRIES)
		return -EINVAL;
	return (int)idx;
}

long sys_set_thread_area(user_ptr_t u_info)
{
	struct user_desc u;
	struct thread *t = current_thread();
	if (copy_from_user(&u, u_info, sizeof(u)))
		return -EFAULT;
	if (!user_desc_okay(&u))
		return -EINVAL;                /* checked first, as Linux does */
	bool any = u.entry_number == GDT_ENTRY_ANY;
	int idx = tls_slot(t, &u, true);
	if (idx < 0)
		return idx;
	if (any && copy_to_user(u_info, &u.entry_number, sizeof(u.entry_number)))
		return -EFAULT;
	encode(&u, &t->tls[idx - GDT_TLS_MIN]);
	gdt_set_raw((uint32_t)idx, &t->tls[idx - GDT_TLS_MIN]);
	return 0;
}

/* CLONE_SETTLS: as set_thread_area for the new thread t, which is not
 * running (its slots are loaded when it is switched in); no slot is
 * allocated, as Linux's do_set_thread_area(p, -1, tls, 0). */
int tls_set_for(struct thread *t, user_ptr_t u_info)
{
	struct user_desc u;
	if (copy_from_user(&u, u_info, sizeof(u)))
		return -EFAULT;
	if (!user_desc_okay(&u))
		return -EINVAL;
	int idx = tls_slot(t, &u, false);
	if (idx < 0)
		return idx;
	encode(&u, &t->tls[idx - GDT_TLS_MIN]);
	return 0;
}

/*
 * The way out of a trap reloads the user's gs, fs, es and ds, then iret
 * loads cs and ss. Those selectors were valid on the way in, but a TLS
 * slot they name may have been changed or cleared since (set_thread_area,
 * or another thread's slots after a switch). A segment register then gets
 * the null selector, which is what Linux's refresh after set_thread_area
 * leaves in it; a stale ss or cs cannot be repaired, and the process dies
 * of SIGILL as on Linux i386 (its iret_error trap).
 */
extern char trap_return[], trap_pop_fs[], trap_pop_es[], trap_pop_ds[], trap_iret[];

static bool segment_load_fault(const struct trapframe *tf)
{
	return tf->vector == TRAP_GP || tf->vector == TRAP_NP || tf->vector == TRAP_SS;
}

bool tls_return_fixup(struct trapframe *tf)
{
	uint32_t ip = tf->eip;
	if (!segment_load_fault(tf))
		return false;
	if (ip == (uint32_t)trap_return || ip == (uint32_t)trap_pop_fs ||
	    ip == (uint32_t)trap_pop_es || ip == (uint32_t)trap_pop_ds) {
		*(uint32_t *)trap_kernel_esp(tf) = 0;   /* the selector about to be popped */
		return true;                            /* retry the pop */
	}
	if (ip != (uint32_t)trap_iret)
		return false;
	pr_info("pid %d (%s): iret to a stale segment: killed\n",
		current_process()->pid, current_process()->exe);
	proc_kill_self(SIGILL);
}
