/*
 * vmm_internal.h - shared between the files of mm/ that edit page tables;
 * not part of the contract (other folders include mm/vmm.h only).
 */
#ifndef MM_VMM_INTERNAL_H
#define MM_VMM_INTERNAL_H

#include "mm/vmm.h"
#include "kernel/spinlock.h"

extern struct spinlock vmm_lock;

/* Put s's directory in the foreign window (PDE 1022 of the current space):
 * its tables appear at foreign_pt(va), its directory at foreign_pd().
 * Caller holds vmm_lock until foreign_remove(). */
void foreign_install(struct vm_space *s);
void foreign_remove(void);

#endif
