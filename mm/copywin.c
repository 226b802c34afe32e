/*
 * copywin.c - copy windows (see copywin.h). COPYWIN_COUNT windows of
 * COPYWIN_PAGES pages at COPYWIN_BASE (mm/layout.h), in one kernel page
 * table made on first use and, like every kernel table, the same in every
 * space; the entries are global. A bit per window says it is free.
 */
#include "mm/copywin.h"
#include "mm/layout.h"
#include "mm/pte.h"
#include "mm/vmm.h"
#include "kernel/panic.h"
#include "kernel/x86.h"

#define WINDOW_BYTES (COPYWIN_PAGES * PAGE_SIZE)
#define ALL_FREE     ((1u << COPYWIN_COUNT) - 1)

static uint32_t free_windows = ALL_FREE;   /* bit i: window i free; irq-off */
static bool table_made;                    /* irq-off */

/* Take a free window: its number, or -1. */
static int take_window(void)
{
	uint32_t f = irq_save();
	int w = -1;
	if (!table_made && vmm_reserve_tables(COPYWIN_BASE, COPYWIN_BASE + PDE_SPAN) == 0)
		table_made = true;
	if (table_made && free_windows) {
		w = __builtin_ctz(free_windows);
		free_windows &= ~(1u << w);
	}
	irq_restore(f);
	return w;
}

void *copywin_map(const paddr_t *pa, uint32_t n)
{
	int w = take_window();
	if (w < 0)
		return NULL;
	uint32_t va = COPYWIN_BASE + (uint32_t)w * WINDOW_BYTES;
	pte_t *pte = self_pte(va);
	for (uint32_t i = 0; i < n; i++)          /* not present before: nothing to flush */
		pte[i] = (pa[i] & PTE_FRAME) | PTE_P | PTE_W | PTE_G;
	return (void *)va;
}

void copywin_unmap(void *va, uint32_t n)
{
	uint32_t w = ((uint32_t)va - COPYWIN_BASE) / WINDOW_BYTES;
	KASSERT(w < COPYWIN_COUNT && (uint32_t)va == COPYWIN_BASE + w * WINDOW_BYTES &&
		n <= COPYWIN_PAGES);
	pte_t *pte = self_pte((uint32_t)va);
	for (uint32_t i = 0; i < n; i++) {
		pte[i] = 0;
		invlpg((uint32_t)va + i * PAGE_SIZE);
	}
	uint32_t f = irq_save();
	free_windows |= 1u << w;
	irq_restore(f);
}
