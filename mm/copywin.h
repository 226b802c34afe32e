/*
 * copywin.h - copy windows: up to COPYWIN_PAGES frames mapped at
 * consecutive kernel pages, so that one user copy crosses them all (read
 * and write of the page cache, fs/pagecache.c) instead of one TMT slot
 * and one copy per page. A thread may sleep while it holds a window (its
 * user copy can fault); when all COPYWIN_COUNT are held, the caller goes
 * page by page through the TMT instead.
 */
#ifndef MM_COPYWIN_H
#define MM_COPYWIN_H

#include "mm/frame.h"
#include <stdint.h>

/* Map pa[0..n) (n <= COPYWIN_PAGES, page-aligned frames) read-write at
 * consecutive pages: the first one's address, or NULL when a frame is
 * FRAME_NONE (a hole) or no window is free (or its page table could not
 * be made). Interrupts may be off; it never sleeps. */
void *copywin_map(const paddr_t *pa, uint32_t n);
/* Give back the window at va, which mapped n pages: they stay mapped (a
 * later copy of the same frames reuses them; copywin.c says why). */
void copywin_unmap(void *va, uint32_t n);

#endif
