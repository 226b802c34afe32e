/*
 * kvspace.c - first-fit runs of pages from a bitmap (see kvspace.h).
 * Invariant: every page below hint is taken, so searches start there.
 * The caller serializes access (the heap and stack allocators lock).
 */
#include "mm/kvspace.h"

#define BITS 32u

static int unit_taken(const struct kvspace *k, uint32_t i)
{
	return (k->bitmap[i / BITS] >> (i % BITS)) & 1;
}

static void mark(struct kvspace *k, uint32_t first, uint32_t n, int taken)
{
	for (uint32_t i = first; i < first + n; i++) {
		if (taken)
			k->bitmap[i / BITS] |= 1u << (i % BITS);
		else
			k->bitmap[i / BITS] &= ~(1u << (i % BITS));
	}
}

bool kvspace_take(struct kvspace *k, uint32_t n, uint32_t *first)
{
	uint32_t run = 0;
	while (k->hint < k->units && unit_taken(k, k->hint))
		k->hint++;
	for (uint32_t i = k->hint; i < k->units; i++) {
		if (run == 0 && k->bitmap[i / BITS] == ~0u && i % BITS == 0) {
			i += BITS - 1;             /* skip a full word */
			continue;
		}
		run = unit_taken(k, i) ? 0 : run + 1;
		if (run == n) {
			*first = i + 1 - n;
			mark(k, *first, n, 1);
			return true;
		}
	}
	return false;
}

void kvspace_give(struct kvspace *k, uint32_t first, uint32_t n)
{
	mark(k, first, n, 0);
	if (first < k->hint)
		k->hint = first;
}
