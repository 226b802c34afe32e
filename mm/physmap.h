/*
 * physmap.h - the physical frames the kernel may use, worked out from the
 * boot loader's memory map.
 *
 * A page is usable when every byte of it is
 *   - inside some AVAILABLE map entry, and below PHYS_LIMIT (a 32-bit
 *     kernel without PAE cannot address RAM above 4 GiB), and
 *   - inside no entry of any other type (a reserved entry overlapping an
 *     available one wins, whatever the order), and
 *   - inside none of the caller's reserved[] ranges (kernel image, modules),
 *     and
 *   - not frame 0, so that physical address 0 can mean "no frame".
 * The work is done on exact byte ranges first and only the final ranges are
 * shrunk inward to whole pages, so two available entries that meet in the
 * middle of a page still give that page, and a reserved byte anywhere in a
 * page takes the whole page away.
 *
 * Invariants of a built struct physmap:
 *   - r[0..count) are page aligned, non-empty, sorted by start, disjoint
 *     and never adjacent (adjacent ranges are one range);
 *   - every range lies in [PAGE_SIZE, PHYS_LIMIT);
 *   - when the map has more than PHYS_RANGES_MAX ranges the LOWEST ones are
 *     kept and `overflow` counts the rest; their frames are lost.
 *
 * The input is untrusted: entries may overlap, come in any order, be empty,
 * or have a base+len that runs past 2^64 (such an entry is clipped at
 * 2^64 - 1). Pure logic, no allocation, no library calls.
 */
#ifndef MM_PHYSMAP_H
#define MM_PHYSMAP_H

#include <stdint.h>

#include "boot/bootinfo.h"

struct phys_range {
	uint64_t start, end;            /* [start, end), page aligned in a physmap */
};

#define PHYS_RANGES_MAX 128
#define PHYS_LIMIT      0x100000000ull  /* RAM at or above 4 GiB is ignored */

struct physmap {
	struct phys_range r[PHYS_RANGES_MAX]; /* sorted by start, disjoint, non-adjacent */
	int count;
	int overflow;                   /* ranges that did not fit (their frames are lost) */
	uint64_t ignored_above_limit;   /* bytes of available RAM at/above PHYS_LIMIT,
	                                   overlapping entries counted once */
};

/*
 * Build pm from the n entries of map, removing the caller's nreserved
 * reserved[] ranges (byte ranges, any alignment and order; empty or
 * inverted ones are ignored). Replaces pm's whole contents.
 */
void physmap_build(struct physmap *pm, const struct boot_mmap_entry *map, int n,
                   const struct phys_range *reserved, int nreserved);

/* Total frames in all ranges. */
uint32_t physmap_frames(const struct physmap *pm);

/* Highest usable page frame number + 1, or 0 when the map is empty. */
uint32_t physmap_pfn_limit(const struct physmap *pm);

/*
 * Carve nframes contiguous frames out of the lowest range that has them at
 * or above min_addr (rounded up to a page), remove them from the map and
 * return their start address in *start. Within that range the frames are
 * the lowest ones at or above min_addr, unless that would split the range
 * while r[] is full: then they are taken from the top of the range instead,
 * so a take never loses frames to overflow. Returns 0, or -1 (map and
 * *start untouched) when no range fits or nframes is 0.
 */
int physmap_take(struct physmap *pm, uint32_t nframes, uint64_t min_addr, uint64_t *start);

#endif
