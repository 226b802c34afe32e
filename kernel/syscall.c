/*
 * syscall.c - the int 0x80 entry: look the number up, run the call with
 * interrupts on (a system call may sleep or take long), return its result.
 */
#include "kernel/syscall.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "proc/proc.h"

static uint32_t reported[SYSCALL_MAX / 32];   /* numbers already logged as ENOSYS */

static long syscall_unknown(uint32_t nr)
{
	if (nr >= SYSCALL_MAX || !(reported[nr / 32] & (1u << (nr % 32)))) {
		if (nr < SYSCALL_MAX)
			reported[nr / 32] |= 1u << (nr % 32);
		pr_info("syscall %u%s%s (pid %d, %s): not implemented, -ENOSYS\n", nr,
			nr < SYSCALL_MAX && syscall_table[nr].name ? " " : "",
			nr < SYSCALL_MAX && syscall_table[nr].name ? syscall_table[nr].name : "",
			current_process()->pid, current_process()->exe);
	}
	return -ENOSYS;
}

static void syscall_trap(struct trapframe *tf)
{
	uint32_t nr = tf->eax;
	current_thread()->tf = tf;
	sti();
	long r;
	if (nr < SYSCALL_MAX && syscall_table[nr].fn)
		r = syscall_table[nr].fn(tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp);
	else
		r = syscall_unknown(nr);
	cli();
	tf->eax = (uint32_t)r;
}

void syscall_init(void)
{
	trap_register(TRAP_SYSCALL, syscall_trap);
}
