/*
 * syscall.c - the int 0x80 entry: look the number up, run the call with
 * interrupts on (a system call may sleep or take long), return its result.
 * The table (gen/syscall_table.c) is generated from kernel/syscall_32.tbl.
 */
#include "kernel/syscall.h"
#include "kernel/console.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "proc/proc.h"
#include "uapi/errno.h"

static uint32_t reported[(NR_SYSCALLS + 31) / 32];   /* numbers already logged as ENOSYS */

const char *syscall_name(uint32_t nr)
{
	return nr < NR_SYSCALLS ? syscall_table[nr].name : NULL;
}

static long syscall_unknown(uint32_t nr)
{
	if (nr >= NR_SYSCALLS || !(reported[nr / 32] & (1u << (nr % 32)))) {
		if (nr < NR_SYSCALLS)
			reported[nr / 32] |= 1u << (nr % 32);
		const char *name = syscall_name(nr);
		pr_info("syscall %u%s%s (pid %d, %s): not implemented, -ENOSYS\n", nr,
			name ? " " : "", name ? name : "", current_process()->pid,
			current_process()->exe);
	}
	return -ENOSYS;
}

static void syscall_trap(struct trapframe *tf)
{
	uint32_t nr = tf->eax;
	current_thread()->tf = tf;
	sti();
	long r;
	if (nr < NR_SYSCALLS && syscall_table[nr].fn)
		r = syscall_table[nr].fn(tf);
	else
		r = syscall_unknown(nr);
	cli();
	tf->eax = (uint32_t)r;
}

void syscall_init(void)
{
	trap_register(TRAP_SYSCALL, syscall_trap);
}
