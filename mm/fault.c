/*
 * fault.c - decide what a page fault means (see fault.h).
 */
#include "mm/fault.h"
#include "mm/kimage.h"
#include "mm/kstack.h"
#include "mm/layout.h"
#include "mm/oom.h"
#include "mm/usercopy.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "uapi/signal.h"
#include "kernel/console.h"
#include "kernel/doublefault.h"
#include "uapi/errno.h"
#include "kernel/panic.h"
#include "kernel/protect.h"
#include "kernel/trap.h"
#include "kernel/x86.h"

static const char *kernel_fault_cause(uint32_t addr, uint32_t error)
{
	if ((error & PF_WRITE) && kimage_is_readonly(addr))
		return "write to read-only kernel text or rodata";
	if (kstack_is_guard(addr))
		return "kernel stack overflow (guard page hit)";
	if (addr < PAGE_SIZE)
		return "NULL pointer dereference";
	if (addr < USER_TOP)
		return "kernel access to a user address";
	return "bad kernel address";
}

/* A fault on a user address, by user code or by a system call's copy:
 * demand paging first. A copy that still faults returns the error to its
 * caller through its fix-up: -EFAULT, or -ENOMEM when the page was allowed
 * but no frame was left; the system call then unwinds and frees what it
 * holds (killing it on the spot leaked its buffers). But first the
 * out-of-memory killer (mm/oom.h) may kill a bigger process for the page:
 * then the access is tried again. User code whose page cannot be had is
 * killed (SIGKILL, as Linux's out-of-memory killer would) rather than
 * told it erred; a page of a file mapping wholly past
 * the end of its file is SIGBUS (a copy gets -EFAULT); else SIGSEGV. */
static bool user_address_fault(struct trapframe *tf, uint32_t addr)
{
	struct mm *mm = current_process()->mm;
	int err = -EFAULT;
	bool area = false;
	if (mm) {
		sleeplock_acquire(&mm->lock);           /* another thread may fault or unmap here too */
		err = uvm_fault(mm, addr, tf->error & PF_WRITE);
		if (err == -EFAULT && mm_grow_stack(mm, addr))   /* a stack's growth */
			err = uvm_fault(mm, addr, tf->error & PF_WRITE);
		area = err && mm_find_area(mm, addr);
		sleeplock_release(&mm->lock);
	}
	if (err == 0) {
		current_process()->min_flt++;      /* getrusage's ru_minflt */
		return true;
	}
	if (err == -ENOMEM && oom_make_room(addr))
		return true;                       /* a bigger process went for it: again */
	uint32_t fixup = trap_from_user(tf) ? 0 : usercopy_fixup(tf->eip);
	if (fixup) {
		tf->eip = fixup;
		tf->eax = (uint32_t)(err == -EIO ? -EFAULT : err);   /* what the copy returns */
		return true;
	}
	if (err == -ENOMEM) {
		pr_warn("out of memory: pid %d (%s) killed at address %08x\n",
			current_process()->pid, current_process()->exe, addr);
		proc_kill_self(SIGKILL);
	}
	if (!trap_from_user(tf))
		return false;
	if (err == -EIO) {                  /* a file mapping's page past the end of its file */
		signal_fault(tf, SIGBUS, BUS_ADRERR, addr);
		return true;
	}
	/* Linux's si_code: no area there at all, or an area that forbids it. */
	int code = area ? SEGV_ACCERR : SEGV_MAPERR;
	signal_fault(tf, SIGSEGV, code, addr);
	return true;
}

/* A kernel access to a user page other than through the doors (copy_*_user,
 * mm/usercopy.h): an instruction fetch there (SMEP), or a read or write
 * with user memory shut (SMAP: EFLAGS.AC clear; the doors set it). NULL
 * for an access with the door open (demand paging, or -EFAULT from the
 * copy's fix-up) and for a NULL pointer (reported as such below). On a
 * CPU without SMAP only the CPU's own checks remain: a stray access to a
 * mapped user page goes unnoticed, one that cannot be paged in stops the
 * kernel ("kernel access to a user address"). */
static const char *user_access_breach(const struct trapframe *tf, uint32_t addr)
{
	if (trap_from_user(tf) || addr >= USER_TOP || addr < PAGE_SIZE)
		return NULL;
	if (tf->error & PF_FETCH)
		return "SMEP: the kernel tried to execute a user page";
	if (smap_enabled() && !(tf->eflags & EFLAGS_AC))
		return "SMAP: kernel access to a user page outside copy_*_user";
	return NULL;
}

/* Report a breach; then the kernel stops, unless it was the SMAP test's
 * probe (usercopy.h), which returns -EFAULT from its fix-up. */
static void user_access_breach_report(struct trapframe *tf, const char *why)
{
	kprintf("\nKERNEL PAGE FAULT: %s\n", why);
	trap_report(tf, "KERNEL FAULT");
	uint32_t fixup = usercopy_probe_fixup(tf->eip);
	if (!fixup)
		kernel_halt();
	kprintf("(the SMAP test's probe: survived, the probe returns -EFAULT)\n");
	tf->eip = fixup;
	tf->eax = (uint32_t)-EFAULT;
}

static void page_fault(struct trapframe *tf)
{
	uint32_t addr = read_cr2();
	const char *breach = user_access_breach(tf, addr);
	if (breach) {
		user_access_breach_report(tf, breach);
		return;
	}
	if ((addr < USER_TOP || trap_from_user(tf)) && user_address_fault(tf, addr))
		return;
	kprintf("\nKERNEL PAGE FAULT: %s\n", kernel_fault_cause(addr, tf->error));
	if (kstack_is_guard(addr))
		stack_overflow_report(addr);
	trap_report(tf, "KERNEL FAULT");
	kernel_halt();
}

void fault_init(void)
{
	trap_register(TRAP_PF, page_fault);
}
