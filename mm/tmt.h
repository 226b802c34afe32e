/*
 * tmt.h - the transient mapping table: reach any physical frame briefly.
 *
 * There is no direct map of physical memory. To read or write a frame that
 * is not mapped, take a slot: tmt_map(pa) maps the frame at one of 1024
 * fixed virtual pages (PDE 1021, 0xFF400000-0xFF7FFFFF) and tmt_unmap()
 * gives the slot back and invalidates its TLB entry. Take and give are O(1)
 * (a stack of free slots) and safe from interrupt handlers. The TMT page
 * table is the same in every address space.
 * Slots are for short use: tests check that none leak (tmt_slots_in_use()).
 */
#ifndef MM_TMT_H
#define MM_TMT_H

#include "mm/frame.h"
#include <stdint.h>

void tmt_init(void);
/* Map pa (page aligned) for the kernel, read-write; panics when all slots
 * are taken, which can only be a leak. */
void *tmt_map(paddr_t pa);
void tmt_unmap(void *va);
uint32_t tmt_slots_in_use(void);

/* Frame helpers built on slots. */
void frame_zero(paddr_t pa);
void frame_copy(paddr_t dst, paddr_t src);
/* Zero a mapped page with SSE stores (mm/page_clear.asm); only once
 * fpu_init has enabled SSE. */
void page_clear(void *page);

#endif
