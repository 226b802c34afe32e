/*
 * fault.h - the page-fault handler. Kernel faults on bad addresses are
 * reported (which address, read or write, present or not, which function)
 * and stop the kernel; user faults go to the hook the process layer sets.
 */
#ifndef MM_FAULT_H
#define MM_FAULT_H

#include "kernel/trap.h"
#include <stdint.h>

/* The page-fault error code's bits, Intel SDM vol. 3 figure 4-12. */
#define PF_PRESENT  0x1
#define PF_WRITE    0x2
#define PF_USER     0x4
#define PF_RSVD     0x8
#define PF_FETCH    0x10

/* Returns 0 when the fault was resolved (the access is retried). */
typedef int (*user_fault_fn)(struct trapframe *tf, uint32_t addr);

void fault_init(void);
void fault_set_user_handler(user_fault_fn fn);

#endif
