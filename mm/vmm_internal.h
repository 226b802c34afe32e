/*
 * vmm_internal.h - shared between the files of mm/ that edit page tables;
 * not part of the contract (other folders include mm/vmm.h only).
 */
#ifndef MM_VMM_INTERNAL_H
#define MM_VMM_INTERNAL_H

#include "mm/vmm.h"
#include "kernel/spinlock.h"
#include "mm/layout.h"

extern struct spinlock vmm_lock;

/* Put s's directory in the foreign window (PDE 1022 of the current space):
 * its tables appear at foreign_pt(va), its directory at foreign_pd().
 * Caller holds vmm_lock until foreign_remove(). */
void foreign_install(struct vm_space *s);
void foreign_remove(void);

/* Where the walk of [va, end) leaves va's page table: the next 4 MiB
 * boundary, or end when that comes first. */
static inline uint32_t table_stop(uint32_t va, uint32_t end)
{
	uint32_t stop = (va | (PDE_SPAN - 1)) + 1;   /* 0 past the top of memory */
	return stop == 0 || stop > end ? end : stop;
}

#endif
