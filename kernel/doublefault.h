/*
 * doublefault.h - a double fault runs as its own hardware task, on its own
 * stack, so it can be reported even when the kernel stack is gone (the
 * usual cause: a kernel stack ran into its guard page).
 */
#ifndef KERNEL_DOUBLEFAULT_H
#define KERNEL_DOUBLEFAULT_H

#include <stdint.h>

void doublefault_init(void);
/* "kernel stack overflow: ..." naming the guard page hit at addr and the
 * thread that ran into it (the current one). */
void stack_overflow_report(uint32_t addr);

#endif
