/*
 * copywin.c - copy windows (see copywin.h). COPYWIN_COUNT windows of
 * COPYWIN_PAGES pages at COPYWIN_BASE (mm/layout.h), filling one kernel
 * page table made on first use and, like every kernel table, the same in
 * every space; the entries are global. A bit per window says it is free.
 *
 * A window keeps its frames mapped after its copy, as Linux's kmap pool
 * unmaps lazily: an entry is written (and its old translation flushed)
 * only when a later batch wants another frame there. A batch starts at
 * the window its first frame hashes to (`home`), so a file read again
 * finds its frames where they were and costs no entry and no invlpg (16
 * stores and 16 invlpgs a 64 KiB read before). The stale entries are
 * kernel-only and reached through copywin_map alone, which rewrites any
 * it does not want; the frames they name may be freed meanwhile, as
 * Linux's direct map keeps every frame mapped.
 */
#include "mm/copywin.h"
#include "mm/layout.h"
#include "mm/pte.h"
#include "mm/vmm.h"
#include "kernel/panic.h"
#include "kernel/x86.h"

#define WINDOW_BYTES (COPYWIN_PAGES * PAGE_SIZE)
#define ALL_FREE     (~0u >> (32 - COPYWIN_COUNT))
/* Accessed and dirty from the start, as Linux's kernel mappings: the CPU
 * would set them at the copy, and an entry must read back as written to
 * be found again. */
#define WINDOW_PTE   (PTE_P | PTE_W | PTE_G | PTE_A | PTE_D)

_Static_assert(COPYWIN_COUNT <= 32 && COPYWIN_COUNT * COPYWIN_PAGES <= PT_ENTRIES,
	       "the windows fit in one page table and one 32-bit mask");

static uint32_t free_windows = ALL_FREE;   /* bit i: window i free; irq-off */
static bool table_made;                    /* irq-off */

/* The window a batch starting at frame pa prefers: consecutive runs of
 * COPYWIN_PAGES frames (a file written in one go) get different ones. */
static uint32_t home(paddr_t pa)
{
	return (pa >> PAGE_SHIFT) / COPYWIN_PAGES % COPYWIN_COUNT;
}

/* Take a free window, the home one if it is free: its number, or -1. */
static int take_window(uint32_t want)
{
	uint32_t f = irq_save();
	int w = -1;
	if (!table_made && vmm_reserve_tables(COPYWIN_BASE, COPYWIN_BASE + PDE_SPAN) == 0)
		table_made = true;
	if (table_made && free_windows) {
		w = (free_windows >> want) & 1 ? (int)want : __builtin_ctz(free_windows);
		free_windows &= ~(1u << w);
	}
	irq_restore(f);
	return w;
}

/* Window w is free again. */
static void give_window(uint32_t w)
{
	uint32_t f = irq_save();
	free_windows |= 1u << w;
	irq_restore(f);
}

/* Entry i of the window at va (its entries pte) for frame pa: false for
 * a hole. Kept out of copywin_map's loop, which runs it only for an
 * entry that changes. */
static __attribute__((noinline)) bool set_entry(pte_t *pte, uint32_t va, uint32_t i, paddr_t pa)
{
	if (pa == FRAME_NONE)
		return false;
	bool was = pte[i] & PTE_P;
	pte[i] = pa | WINDOW_PTE;                /* frames are page aligned */
	if (was)
		invlpg(va + i * PAGE_SIZE);
	return true;
}

void *copywin_map(const paddr_t *pa, uint32_t n)
{
	int w = take_window(home(pa[0]));
	if (w < 0)
		return NULL;
	uint32_t va = COPYWIN_BASE + (uint32_t)w * WINDOW_BYTES;
	pte_t *pte = self_pte(va);
	for (uint32_t i = 0; i < n; i++) {
		/* Still mapped from an earlier copy: nothing to do. A hole never
		 * matches (no entry maps frame 0, FRAME_NONE). */
		if (pte[i] != (pa[i] | WINDOW_PTE) && !set_entry(pte, va, i, pa[i])) {
			give_window((uint32_t)w);   /* a hole: the caller goes page by page */
			return NULL;
		}
	}
	return (void *)va;
}

void copywin_unmap(void *va, uint32_t n)
{
	uint32_t w = ((uint32_t)va - COPYWIN_BASE) / WINDOW_BYTES;
	KASSERT(w < COPYWIN_COUNT && (uint32_t)va == COPYWIN_BASE + w * WINDOW_BYTES &&
		n <= COPYWIN_PAGES);
	give_window(w);                          /* the entries stay (lazy, as above) */
}
