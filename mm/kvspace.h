/*
 * kvspace.h - hands out runs of units (heap pages, kernel stack slots)
 * inside a fixed region of kernel virtual space: a bitmap, first fit.
 * It deals in unit indices; callers turn them into addresses.
 * Internal to mm/.
 */
#ifndef MM_KVSPACE_H
#define MM_KVSPACE_H

#include <stdint.h>

#include <stdbool.h>

struct kvspace {
	uint32_t units;          /* region size in units */
	uint32_t *bitmap;        /* one bit per unit, set = taken */
	uint32_t hint;           /* every unit below hint is taken */
};

/* Take a run of n free units; false when there is none. */
bool kvspace_take(struct kvspace *k, uint32_t n, uint32_t *first);
void kvspace_give(struct kvspace *k, uint32_t first, uint32_t n);

#endif
