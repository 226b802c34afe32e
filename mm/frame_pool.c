/*
 * frame_pool.c - the free-frame stack and per-frame reference counts (the
 * states and invariants are in frame_pool.h).
 *
 * Every entry point checks the frame it is given against refs[] before
 * touching anything, and a rejected call changes nothing except bad_frees:
 * a double free caught early is a bug report, one caught late is two
 * owners of the same frame.
 *
 * Built for the kernel and for host tests: no library calls (the refs fill
 * is a plain loop), no assumption about pointer size, no 64-bit division.
 */
#include <stddef.h>
#include <stdint.h>

#include "frame_pool.h"
#include "layout.h"

#define FP_ALIGN      4u                        /* each metadata part starts 4-byte aligned */
#define FP_SLOT_BYTES sizeof(uint32_t)          /* one stack slot */
#define FP_REF_BYTES  sizeof(uint16_t)          /* one refcount */
#define FP_OFFSET_MASK (PAGE_SIZE - 1)          /* low bits of an unaligned pa */

static uint64_t align_up4(uint64_t n)
{
	return (n + FP_ALIGN - 1) & ~(uint64_t)(FP_ALIGN - 1);
}

static uint64_t stack_bytes(uint32_t usable)
{
	return align_up4((uint64_t)usable * FP_SLOT_BYTES);
}

uint64_t frame_pool_meta_bytes(uint32_t usable, uint32_t nframes)
{
	return stack_bytes(usable) + align_up4((uint64_t)nframes * FP_REF_BYTES);
}

void frame_pool_init(struct frame_pool *p, void *meta, uint32_t usable, uint32_t nframes)
{
	p->stack = meta;
	p->refs = (uint16_t *)((uint8_t *)meta + (size_t)stack_bytes(usable));
	p->top = 0;
	p->capacity = usable;
	p->nframes = nframes;
	p->total = 0;
	p->bad_frees = 0;
	/* Nothing is the pool's until add_physmap says so. */
	for (uint32_t pfn = 0; pfn < nframes; pfn++)
		p->refs[pfn] = FRAME_REF_RESERVED;
}

/* The pfn that pa names if the pool tracks it, else 0 (never a pool frame):
 * pa must be page aligned, not frame 0, and below the pfn limit. */
static uint32_t frame_pfn(const struct frame_pool *p, uint32_t pa)
{
	uint32_t pfn = pa >> PAGE_SHIFT;

	if ((pa & FP_OFFSET_MASK) != 0 || pfn >= p->nframes)
		return 0;
	return pfn;
}

static void push(struct frame_pool *p, uint32_t pfn)
{
	p->refs[pfn] = FRAME_REF_FREE;
	p->stack[p->top++] = pfn;
}

/*
 * Take pfn into the pool if it can be held. The check is against total, not
 * top: frames already handed out need their slots back when they are freed.
 */
static void add_frame(struct frame_pool *p, uint32_t pfn)
{
	if (pfn == 0 || pfn >= p->nframes || p->total >= p->capacity)
		return;
	if (p->refs[pfn] != FRAME_REF_RESERVED)
		return;         /* already handed over: a second push would duplicate it */
	push(p, pfn);
	p->total++;
}

uint32_t frame_pool_add_range(struct frame_pool *p, uint64_t first, uint64_t limit)
{
	uint32_t before = p->total;
	/* Ascending, so the lowest frames sit at the bottom of the stack. */
	for (uint64_t pfn = first; pfn < limit; pfn++)
		add_frame(p, (uint32_t)pfn);
	return p->total - before;
}

void frame_pool_add_physmap(struct frame_pool *p, const struct physmap *pm)
{
	for (int i = 0; i < pm->count; i++)
		frame_pool_add_range(p, pm->r[i].start >> PAGE_SHIFT, pm->r[i].end >> PAGE_SHIFT);
}

uint32_t frame_pool_alloc(struct frame_pool *p)
{
	while (p->top > 0) {
		uint32_t pfn = p->stack[--p->top];

		if (pfn != 0 && pfn < p->nframes && p->refs[pfn] == FRAME_REF_FREE) {
			p->refs[pfn] = 1;
			return pfn << PAGE_SHIFT;
		}
		/* A corrupt entry: handing it out could give one frame two owners. */
		p->bad_frees++;
	}
	return FRAME_NONE;
}

static enum frame_put_result bad_put(struct frame_pool *p, enum frame_put_result why)
{
	p->bad_frees++;
	return why;
}

enum frame_put_result frame_pool_put(struct frame_pool *p, uint32_t pa)
{
	uint32_t pfn = frame_pfn(p, pa);
	uint16_t ref;

	if (pfn == 0)
		return bad_put(p, FRAME_PUT_BAD);
	ref = p->refs[pfn];
	if (ref == FRAME_REF_RESERVED)
		return bad_put(p, FRAME_PUT_BAD);
	if (ref == FRAME_REF_FREE)
		return bad_put(p, FRAME_PUT_DOUBLE);
	if (ref > 1) {
		p->refs[pfn] = ref - 1;
		return FRAME_PUT_SHARED;
	}
	/* Only a corrupted pool can be full here (top <= total <= capacity). */
	if (p->top >= p->capacity)
		return bad_put(p, FRAME_PUT_BAD);
	push(p, pfn);
	return FRAME_PUT_FREED;
}

int frame_pool_get(struct frame_pool *p, uint32_t pa)
{
	uint32_t pfn = frame_pfn(p, pa);
	uint16_t ref;

	if (pfn == 0)
		return -1;
	ref = p->refs[pfn];
	if (ref == FRAME_REF_FREE || ref == FRAME_REF_RESERVED || ref == FRAME_REF_MAX)
		return -1;
	p->refs[pfn] = ref + 1;
	return 0;
}

uint16_t frame_pool_refcount(const struct frame_pool *p, uint32_t pa)
{
	uint32_t pfn = frame_pfn(p, pa);

	return pfn == 0 ? FRAME_REF_RESERVED : p->refs[pfn];
}
