/*
 * tmt.c - the transient mapping table (see tmt.h for the contract).
 *
 * The slot page table lives in the kernel image, so it needs no allocator
 * and works before the frame allocator exists (the boot code reads the
 * multiboot2 block through it). Invariant: slot n's PTE is non-zero
 * exactly while n is not on the free stack.
 */
#include "mm/tmt.h"
#include "mm/layout.h"
#include "mm/pte.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/x86.h"

static pte_t tmt_table[PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static uint16_t free_slots[TMT_SLOTS];
static uint32_t free_top;

void tmt_init(void)
{
	for (uint32_t i = 0; i < TMT_SLOTS; i++)
		free_slots[i] = (uint16_t)(TMT_SLOTS - 1 - i);   /* slot 0 first */
	free_top = TMT_SLOTS;
	self_pd()[TMT_PDE] = virt_to_phys_boot(tmt_table) | PDE_KTABLE_FLAGS;
	invlpg((uint32_t)self_pt(TMT_BASE));
}

void *tmt_map(paddr_t pa)
{
	uint32_t f = irq_save();
	if (free_top == 0)
		panic("tmt: all %u slots in use (a slot leaks)", TMT_SLOTS);
	uint32_t slot = free_slots[--free_top];
	tmt_table[slot] = (pa & PTE_FRAME) | PTE_P | PTE_W;
	irq_restore(f);
	/* The slot's PTE was zero, and x86 caches no not-present entry: no flush. */
	return tmt_slot_addr(slot);
}

void tmt_unmap(void *va)
{
	uint32_t slot = ((uint32_t)va - TMT_BASE) >> PAGE_SHIFT;
	if ((uint32_t)va < TMT_BASE || slot >= TMT_SLOTS || !tmt_table[slot])
		panic("tmt_unmap(%p): not a mapped slot", va);
	uint32_t f = irq_save();
	tmt_table[slot] = 0;
	invlpg((uint32_t)va);
	free_slots[free_top++] = (uint16_t)slot;
	irq_restore(f);
}

uint32_t tmt_slots_in_use(void)
{
	return TMT_SLOTS - free_top;
}

void frame_zero(paddr_t pa)
{
	void *p = tmt_map(pa);
	memset(p, 0, PAGE_SIZE);
	tmt_unmap(p);
}

void frame_copy(paddr_t dst, paddr_t src)
{
	void *d = tmt_map(dst), *s = tmt_map(src);
	memcpy(d, s, PAGE_SIZE);
	tmt_unmap(s);
	tmt_unmap(d);
}
