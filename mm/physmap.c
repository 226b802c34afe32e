/*
 * physmap.c - the usable physical ranges, from the boot memory map (the
 * rules and invariants are in physmap.h).
 *
 * physmap_build() needs no scratch space: instead of building the union of
 * the available entries and then cutting holes into it (which can run out
 * of slots halfway, with a result that depends on input order), it sweeps
 * upward through addresses, asking the raw entries each time where the
 * next run of usable bytes starts and where it ends. Usability can only
 * begin at the start of an available entry or the end of a hole, and can
 * only end at the end of an available entry or the start of a hole, so only
 * those points are ever looked at. Runs come out in address order, which is
 * what lets a full r[] keep the lowest ranges and just count the others.
 *
 * The cost is O(runs * entries^2) comparisons, a few million at most for a
 * real map: nothing next to the rest of boot, and it runs once.
 *
 * All arithmetic stays in uint64_t without division (a 32-bit kernel would
 * need libgcc's __udivdi3 for that); page rounding is done with masks.
 */
#include <stdbool.h>
#include <stdint.h>

#include "physmap.h"
#include "layout.h"

/* layout.h's PAGE_MASK is 32 bits wide and would clear the top of a uint64_t. */
#define PM_OFFSET_MASK  ((uint64_t)PAGE_SIZE - 1)
#define PM_ADDR_MAX     UINT64_MAX      /* where an entry running past 2^64 is clipped */

/*
 * One sweep: where its ranges come from and the window [lo, hi) it covers.
 * Holes are numbered map entries first (only non-available ones count),
 * then reserved[], then frame 0.
 */
struct sweep {
	const struct boot_mmap_entry *map;
	int n;
	const struct phys_range *reserved;
	int nreserved;
	bool holes;                     /* false: just the union of available entries */
	uint64_t lo, hi;
};

/* Only called with a < PHYS_LIMIT, so adding the offset cannot wrap. */
static uint64_t phys_page_up(uint64_t a)
{
	return (a + PM_OFFSET_MASK) & ~PM_OFFSET_MASK;
}

static uint64_t phys_page_down(uint64_t a)
{
	return a & ~PM_OFFSET_MASK;
}

/* [start, end) cut down to the sweep's window; false if nothing is left
 * (which also rejects empty and inverted ranges). */
static bool clip(const struct sweep *sw, uint64_t start, uint64_t end, struct phys_range *out)
{
	out->start = start > sw->lo ? start : sw->lo;
	out->end = end < sw->hi ? end : sw->hi;
	return out->start < out->end;
}

/* base + len, saturating instead of wrapping past 2^64. */
static uint64_t entry_end(const struct boot_mmap_entry *e)
{
	return e->len > PM_ADDR_MAX - e->base ? PM_ADDR_MAX : e->base + e->len;
}

/* Map entry i as a range, if it is available (or not) as asked. */
static bool entry_span(const struct sweep *sw, int i, bool available, struct phys_range *out)
{
	const struct boot_mmap_entry *e = &sw->map[i];

	if ((e->type == BOOT_MEM_AVAILABLE) != available)
		return false;
	return clip(sw, e->base, entry_end(e), out);
}

static int hole_count(const struct sweep *sw)
{
	return sw->holes ? sw->n + sw->nreserved + 1 : 0;
}

static bool hole_span(const struct sweep *sw, int i, struct phys_range *out)
{
	if (i < sw->n)
		return entry_span(sw, i, false, out);
	i -= sw->n;
	if (i < sw->nreserved)
		return clip(sw, sw->reserved[i].start, sw->reserved[i].end, out);
	return clip(sw, 0, PAGE_SIZE, out);     /* 0 means "no frame" */
}

static bool contains(const struct phys_range *r, uint64_t p)
{
	return r->start <= p && p < r->end;
}

/* Whether byte p is in some available entry and in no hole. */
static bool usable(const struct sweep *sw, uint64_t p)
{
	struct phys_range r;
	bool avail = false;

	for (int i = 0; i < sw->n && !avail; i++)
		avail = entry_span(sw, i, true, &r) && contains(&r, p);
	if (!avail)
		return false;
	for (int i = 0; i < hole_count(sw); i++)
		if (hole_span(sw, i, &r) && contains(&r, p))
			return false;
	return true;
}

/* The lowest usable byte at or above x, or sw->hi if there is none. */
static uint64_t run_start(const struct sweep *sw, uint64_t x)
{
	struct phys_range r;
	uint64_t best = usable(sw, x) ? x : sw->hi;

	for (int i = 0; i < sw->n; i++)
		if (entry_span(sw, i, true, &r) && r.start > x && r.start < best && usable(sw, r.start))
			best = r.start;
	for (int i = 0; i < hole_count(sw); i++)
		if (hole_span(sw, i, &r) && r.end > x && r.end < best && usable(sw, r.end))
			best = r.end;
	return best;
}

/* The first unusable byte above s (s itself usable), or sw->hi. */
static uint64_t run_end(const struct sweep *sw, uint64_t s)
{
	struct phys_range r;
	uint64_t best = sw->hi;

	for (int i = 0; i < sw->n; i++)
		if (entry_span(sw, i, true, &r) && r.end > s && r.end < best && !usable(sw, r.end))
			best = r.end;
	/* A hole's first byte is never usable, so it needs no check. */
	for (int i = 0; i < hole_count(sw); i++)
		if (hole_span(sw, i, &r) && r.start > s && r.start < best)
			best = r.start;
	return best;
}

/* The next maximal run of usable bytes at or above *cursor, in address order. */
static bool next_run(const struct sweep *sw, uint64_t *cursor, struct phys_range *run)
{
	if (*cursor >= sw->hi)
		return false;
	run->start = run_start(sw, *cursor);
	if (run->start >= sw->hi)
		return false;
	run->end = run_end(sw, run->start);
	*cursor = run->end;
	return true;
}

/*
 * Append the whole pages of a run. Runs are separated by at least one
 * unusable byte, and shrinking only widens that gap, so the new range is
 * never adjacent to the previous one and needs no merging.
 */
static void add_pages(struct physmap *pm, const struct phys_range *run)
{
	uint64_t start = phys_page_up(run->start), end = phys_page_down(run->end);

	if (start >= end)
		return;
	if (pm->count == PHYS_RANGES_MAX) {
		pm->overflow++;
		return;
	}
	pm->r[pm->count].start = start;
	pm->r[pm->count].end = end;
	pm->count++;
}

/* Bytes covered by available entries at or above PHYS_LIMIT, overlaps once. */
static uint64_t bytes_above_limit(const struct boot_mmap_entry *map, int n)
{
	struct sweep sw = { map, n, 0, 0, false, PHYS_LIMIT, PM_ADDR_MAX };
	struct phys_range run;
	uint64_t cursor = PHYS_LIMIT, sum = 0;

	while (next_run(&sw, &cursor, &run))
		sum += run.end - run.start;
	return sum;
}

void physmap_build(struct physmap *pm, const struct boot_mmap_entry *map, int n,
                   const struct phys_range *reserved, int nreserved)
{
	struct sweep sw = { map, n > 0 ? n : 0, reserved, nreserved > 0 ? nreserved : 0,
	                    true, 0, PHYS_LIMIT };
	struct phys_range run;
	uint64_t cursor = 0;

	pm->count = 0;
	pm->overflow = 0;
	while (next_run(&sw, &cursor, &run))
		add_pages(pm, &run);
	pm->ignored_above_limit = bytes_above_limit(map, sw.n);
}

uint32_t physmap_frames(const struct physmap *pm)
{
	uint32_t frames = 0;

	for (int i = 0; i < pm->count; i++)
		frames += (uint32_t)((pm->r[i].end - pm->r[i].start) >> PAGE_SHIFT);
	return frames;
}

uint32_t physmap_pfn_limit(const struct physmap *pm)
{
	if (pm->count == 0)
		return 0;
	return (uint32_t)(pm->r[pm->count - 1].end >> PAGE_SHIFT);
}

static void remove_range(struct physmap *pm, int i)
{
	for (; i + 1 < pm->count; i++)
		pm->r[i] = pm->r[i + 1];
	pm->count--;
}

/* Open a slot at i for [start, end); the caller has checked there is room. */
static void insert_range(struct physmap *pm, int i, uint64_t start, uint64_t end)
{
	for (int j = pm->count; j > i; j--)
		pm->r[j] = pm->r[j - 1];
	pm->r[i].start = start;
	pm->r[i].end = end;
	pm->count++;
}

/* Remove [s, s+len) from range i, which holds it; returns where it went. */
static uint64_t carve(struct physmap *pm, int i, uint64_t s, uint64_t len)
{
	struct phys_range *r = &pm->r[i];
	uint64_t old_end = r->end;

	if (s != r->start && s + len != r->end && pm->count == PHYS_RANGES_MAX)
		s = r->end - len;       /* no slot for an upper piece: take the top */
	if (s == r->start) {
		r->start += len;
		if (r->start == r->end)
			remove_range(pm, i);
	} else {
		r->end = s;
		if (s + len != old_end)
			insert_range(pm, i + 1, s + len, old_end);
	}
	return s;
}

int physmap_take(struct physmap *pm, uint32_t nframes, uint64_t min_addr, uint64_t *start)
{
	uint64_t len = (uint64_t)nframes << PAGE_SHIFT;

	if (nframes == 0 || min_addr >= PHYS_LIMIT)
		return -1;
	min_addr = phys_page_up(min_addr);
	for (int i = 0; i < pm->count; i++) {
		const struct phys_range *r = &pm->r[i];
		uint64_t s = r->start > min_addr ? r->start : min_addr;

		if (s < r->end && r->end - s >= len) {
			*start = carve(pm, i, s, len);
			return 0;
		}
	}
	return -1;
}
