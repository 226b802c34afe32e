/*
 * cpu.h - per-CPU state: one CPU for now, kept in one struct so SMP can
 * come later (then cpu0 becomes an array indexed by the CPU's id).
 *
 * Every field belongs to its CPU: only code running on that CPU reads or
 * writes it, with interrupts off unless the field says otherwise.
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include <stdbool.h>

struct thread;

struct cpu {
	struct thread *current;           /* the thread running here */
	struct thread *idle;              /* runs when nothing else can */
	struct thread *dead;              /* exited; its stack is freed after the switch */
	bool need_resched;                /* set by the tick when the slice is used up */
	unsigned slice_left;              /* ticks the current thread may still run */
	/* Spinlocks held here (spin_lock adds one, spin_unlock takes it
	 * back): the scheduler never switches away while it is not zero. */
	int preempt_count;
};

extern struct cpu cpu0;

static inline struct cpu *this_cpu(void) { return &cpu0; }

#endif
