/*
 * kstack.h - kernel stacks, each with an unmapped guard page below it.
 *
 * A stack that overflows runs into its guard page; the page fault cannot be
 * delivered on that stack, so the CPU raises a double fault, which runs on
 * its own task (kernel/doublefault.c) and reports the overflow by name.
 */
#ifndef MM_KSTACK_H
#define MM_KSTACK_H

#include <stdbool.h>
#include <stdint.h>

#define KSTACK_PAGES   4                              /* 16 KiB of stack */
#define KSTACK_SIZE    (KSTACK_PAGES * 4096u)
#define KSTACK_SLOT    ((KSTACK_PAGES + 1) * 4096u)   /* guard + stack */

/* A new stack: the address just above its top (initial esp), or 0. */
uint32_t kstack_alloc(void);
void kstack_free(uint32_t top);
/* Is addr inside the guard page of a kernel stack (thread 0's included)? */
bool kstack_is_guard(uint32_t addr);

#endif
