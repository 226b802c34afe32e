/*
 * trap.h - the saved CPU state of an interrupt, exception or system call,
 * and how handlers are registered.
 *
 * kernel/isr.asm builds a struct trapframe on the kernel stack, in exactly
 * this order, and calls trap_dispatch() (syscall_dispatch() for int 0x80,
 * kernel/syscall.h). user_esp/user_ss exist only when
 * the trap came from ring 3 (cs & 3).
 */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

#include "kernel/gdt.h"
#include <stdint.h>

#define TRAP_EXCEPTIONS  32
#define TRAP_IRQ_BASE    32        /* PIC lines 0-15 arrive as vectors 32-47 */
#define TRAP_IRQ_COUNT   16
#define TRAP_SYSCALL     0x80
#define TRAP_VECTORS     256

/* Exception vectors used by name. */
#define TRAP_DE   0    /* divide error */
#define TRAP_DB   1
#define TRAP_BP   3
#define TRAP_OF   4    /* into */
#define TRAP_UD   6
#define TRAP_NM   7
#define TRAP_DF   8
#define TRAP_NP   11   /* segment not present */
#define TRAP_SS   12   /* stack-segment fault */
#define TRAP_GP   13
#define TRAP_PF   14
#define TRAP_X87  16   /* x87 floating-point error */
#define TRAP_AC   17   /* alignment check */
#define TRAP_XM   19   /* SIMD floating-point error */

struct trapframe {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;   /* pusha */
	uint32_t vector, error;
	uint32_t eip, cs, eflags;                                  /* pushed by the CPU */
	uint32_t user_esp, user_ss;                                /* only from ring 3 */
};

typedef void (*trap_handler_fn)(struct trapframe *tf);

void idt_init(void);
/* Make vector a task gate to the TSS at selector (the double fault's). */
void idt_set_task_gate(unsigned vector, uint16_t selector);
void trap_register(unsigned vector, trap_handler_fn fn);
void trap_dispatch(struct trapframe *tf);
const char *trap_name(unsigned vector);
/* The trap came from ring 3 (inline: every trap's exit asks). */
static inline int trap_from_user(const struct trapframe *tf)
{
	return (tf->cs & 3) == RPL_USER;
}
/* The kernel-mode esp at the moment of the trap (not saved by the CPU). */
uint32_t trap_kernel_esp(const struct trapframe *tf);
/* Print the full report of a trap (registers, CR2, backtrace). */
void trap_report(const struct trapframe *tf, const char *why);

#endif
