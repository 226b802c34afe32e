/*
 * frame_pool.h - the physical frame allocator: a stack of free frames plus
 * a reference count per frame.
 *
 * Allocation and freeing are O(1): free frame numbers (pfns) sit on a
 * stack; alloc pops, and the last put of a frame pushes it back. refs[]
 * says what each pfn below nframes is:
 *   FRAME_REF_FREE      on the stack, free to hand out
 *   1..FRAME_REF_MAX    allocated, with that many references
 *   FRAME_REF_RESERVED  never the pool's: frame 0, kernel, modules, holes,
 *                       the pool's own metadata, anything not handed over
 *
 * Invariants:
 *   - a pfn is on the stack exactly when its ref is FREE, and at most once;
 *   - top <= total <= capacity, so a push can never overrun the stack;
 *   - frame 0 is never in the pool, so FRAME_NONE (0) means "no frame";
 *   - a bad put (double free, reserved, out of range, unaligned) changes
 *     nothing but bad_frees; alloc never hands out a frame whose ref is
 *     not FREE, even if the stack has been corrupted.
 *
 * Order: frame_pool_add_physmap() pushes frames in ascending address order,
 * so the stack pops the HIGHEST frames first and low memory (ISA DMA below
 * 16 MiB, the boot-mapped first 8 MiB) last.
 *
 * The metadata lives in memory the caller provides (the kernel maps it at
 * FRAME_META_BASE); this file never allocates and calls no library.
 */
#ifndef MM_FRAME_POOL_H
#define MM_FRAME_POOL_H

#include <stdint.h>

#include "physmap.h"

#define FRAME_NONE         0u       /* frame 0 is never in a pool */
#define FRAME_REF_FREE     0u
#define FRAME_REF_RESERVED 0xffffu  /* not the pool's to give: kernel, modules, holes, metadata */
#define FRAME_REF_MAX      0xfffeu

struct frame_pool {
	uint32_t *stack;        /* free frame numbers (pfn); stack[0..top) */
	uint32_t top;
	uint32_t capacity;      /* stack slots */
	uint16_t *refs;         /* per pfn below nframes: FREE, 1..MAX references, or RESERVED */
	uint32_t nframes;       /* pfn limit */
	uint32_t total;         /* frames handed to the pool (free + in use) */
	uint32_t bad_frees;     /* bad puts caught, and corrupt stack entries skipped by alloc */
};

enum frame_put_result {
	FRAME_PUT_FREED = 0,    /* last reference dropped; the frame is free again */
	FRAME_PUT_SHARED = 1,   /* references remain */
	FRAME_PUT_DOUBLE = -1,  /* the frame was already free */
	FRAME_PUT_BAD = -2,     /* unaligned, frame 0, out of range or reserved */
};

/*
 * Bytes of metadata for a pool of `usable` frames and pfn limit `nframes`:
 * the stack (4 bytes a slot), then refs (2 bytes a pfn), each part rounded
 * up to 4 bytes.
 */
uint64_t frame_pool_meta_bytes(uint32_t usable, uint32_t nframes);

/*
 * Lay the stack and refs out in meta (4-byte aligned, frame_pool_meta_bytes
 * long), mark every pfn RESERVED and empty the stack.
 */
void frame_pool_init(struct frame_pool *p, void *meta, uint32_t usable, uint32_t nframes);

/*
 * Hand every frame of pm to the pool: ref FREE, pushed in ascending order
 * (so low addresses are popped last). Frames the pool cannot hold (pfn at or
 * above nframes, no stack slot left, frame 0, already handed over) are
 * skipped and stay RESERVED.
 */
void frame_pool_add_physmap(struct frame_pool *p, const struct physmap *pm);

/* The same for the frames [first, limit) (pfns) that are still RESERVED:
 * how many were taken. */
uint32_t frame_pool_add_range(struct frame_pool *p, uint64_t first, uint64_t limit);

/* Pop a free frame: its physical address with refs = 1, or FRAME_NONE. */
uint32_t frame_pool_alloc(struct frame_pool *p);

/* Drop one reference to the frame at pa; it is free again at zero. */
enum frame_put_result frame_pool_put(struct frame_pool *p, uint32_t pa);

/* Add a reference to an allocated frame: 0, or -1 if pa is unaligned, not
 * allocated, or already at FRAME_REF_MAX. */
int frame_pool_get(struct frame_pool *p, uint32_t pa);

/* The frame's ref: FREE, a count, or RESERVED (also for an unaligned or
 * out-of-range pa, which names no frame of the pool). */
uint16_t frame_pool_refcount(const struct frame_pool *p, uint32_t pa);

static inline uint32_t frame_pool_free_count(const struct frame_pool *p)
{
	return p->top;
}

#endif
