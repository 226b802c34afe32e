/*
 * fault.h - the page-fault handler. A fault on a user address is demand
 * paging, copy-on-write, a system call's bad pointer (-EFAULT), or SIGSEGV
 * for the process; a kernel fault on a bad address is reported (which
 * address, read or write, present or not, which function) and stops the
 * kernel.
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

void fault_init(void);

#endif
