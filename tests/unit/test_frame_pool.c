/*
 * test_frame_pool.c - host unit tests for the frame allocator's pool
 * (mm/frame_pool.c), fed by real physmaps (mm/physmap.c).
 *
 * The metadata buffer is malloc'ed at exactly frame_pool_meta_bytes(), so
 * AddressSanitizer catches any write past the stack or the refs. Draining
 * tests mark every frame handed out in a bitmap, which is what catches a
 * frame given out twice.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mm/frame_pool.h"
#include "mm/physmap.h"
#include "mm/layout.h"

#define AVAIL     BOOT_MEM_AVAILABLE
#define RESV      BOOT_MEM_RESERVED
#define GIB       0x40000000ull

/* The map QEMU gives a 128 MiB guest, with the kernel image at 1-4 MiB. */
static const struct boot_mmap_entry qemu_map[] = {
	{ 0x0,        0x9fc00,               AVAIL },
	{ 0x9fc00,    0x400,                 RESV },
	{ 0xf0000,    0x10000,               RESV },
	{ 0x100000,   0x7fe0000 - 0x100000,  AVAIL },
	{ 0xfffc0000, 0x40000,               RESV },
};
static const struct phys_range qemu_kernel[] = { { 0x100000, 0x400000 } };
#define QEMU_N        5
#define QEMU_FRAMES   (0x9e + ((0x7fe0000 - 0x400000) >> PAGE_SHIFT))
#define QEMU_LOWEST   0x1000u
#define QEMU_HIGHEST  0x7fdf000u
#define QEMU_LIMIT_PA 0x7fe0000u        /* first address past the pfn limit */
#define KERNEL_FRAME  0x200000u
#define HOLE_FRAME    0x9f000u          /* partly reserved page below 640 KiB */

struct fixture {
	struct physmap pm;
	struct frame_pool p;
	void *meta;
};

/* A pool holding every usable frame of the map, as the kernel builds it. */
static void make_pool(struct fixture *f, const struct boot_mmap_entry *map, int n,
                      const struct phys_range *res, int nres)
{
	uint32_t usable, limit;

	physmap_build(&f->pm, map, n, res, nres);
	usable = physmap_frames(&f->pm);
	limit = physmap_pfn_limit(&f->pm);
	f->meta = malloc(frame_pool_meta_bytes(usable, limit) + 1);  /* +1: malloc(0) */
	assert_non_null(f->meta);
	frame_pool_init(&f->p, f->meta, usable, limit);
	frame_pool_add_physmap(&f->p, &f->pm);
}

static void make_qemu_pool(struct fixture *f)
{
	make_pool(f, qemu_map, QEMU_N, qemu_kernel, 1);
}

static int in_map(const struct physmap *pm, uint32_t pa)
{
	for (int i = 0; i < pm->count; i++)
		if (pa >= pm->r[i].start && pa < pm->r[i].end)
			return 1;
	return 0;
}

/*
 * Allocate until the pool is empty, checking every frame: aligned, not 0,
 * inside the map, never seen before, refcount 1. Fills out[] (nframes slots)
 * with the frames in allocation order; returns how many there were.
 */
static uint32_t drain(struct fixture *f, uint32_t *out)
{
	uint8_t *seen = calloc(f->p.nframes + 1, 1);
	uint32_t n = 0, pa;

	assert_non_null(seen);
	while ((pa = frame_pool_alloc(&f->p)) != FRAME_NONE) {
		assert_int_equal(pa % PAGE_SIZE, 0);
		assert_true(in_map(&f->pm, pa));
		assert_int_equal(seen[pa >> PAGE_SHIFT], 0);
		seen[pa >> PAGE_SHIFT] = 1;
		assert_int_equal(frame_pool_refcount(&f->p, pa), 1);
		assert_true(n < f->p.nframes);
		out[n++] = pa;
	}
	free(seen);
	assert_int_equal(frame_pool_free_count(&f->p), 0);
	return n;
}

static void put_all(struct fixture *f, const uint32_t *pas, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		assert_int_equal(frame_pool_put(&f->p, pas[i]), FRAME_PUT_FREED);
}

static void test_meta_bytes(void **state)
{
	(void)state;
	assert_int_equal(frame_pool_meta_bytes(0, 0), 0);
	assert_int_equal(frame_pool_meta_bytes(1, 1), 4 + 4);
	assert_int_equal(frame_pool_meta_bytes(2, 2), 8 + 4);
	assert_int_equal(frame_pool_meta_bytes(3, 5), 12 + 12);
	assert_int_equal(frame_pool_meta_bytes(3, 6), 12 + 12);
	/* The largest inputs must not wrap. */
	assert_int_equal(frame_pool_meta_bytes(UINT32_MAX, UINT32_MAX),
	                 4ull * UINT32_MAX + 2ull * UINT32_MAX + 2);
}

static void test_init_layout(void **state)
{
	struct frame_pool p;
	uint8_t *meta = malloc(frame_pool_meta_bytes(3, 5));

	(void)state;
	assert_non_null(meta);
	memset(&p, 0xa5, sizeof(p));
	frame_pool_init(&p, meta, 3, 5);
	assert_ptr_equal(p.stack, meta);
	assert_ptr_equal(p.refs, meta + 12);
	assert_int_equal(p.top, 0);
	assert_int_equal(p.capacity, 3);
	assert_int_equal(p.nframes, 5);
	assert_int_equal(p.total, 0);
	assert_int_equal(p.bad_frees, 0);
	for (uint32_t pfn = 0; pfn < 5; pfn++)
		assert_int_equal(frame_pool_refcount(&p, pfn << PAGE_SHIFT), FRAME_REF_RESERVED);
	assert_int_equal(frame_pool_alloc(&p), FRAME_NONE);
	free(meta);
}

static void test_fill_and_drain(void **state)
{
	struct fixture f;
	uint32_t *pas = malloc(sizeof(uint32_t) * QEMU_FRAMES);
	uint32_t n;

	(void)state;
	make_qemu_pool(&f);
	assert_int_equal(f.p.total, QEMU_FRAMES);
	assert_int_equal(frame_pool_free_count(&f.p), QEMU_FRAMES);
	assert_int_equal(frame_pool_refcount(&f.p, KERNEL_FRAME), FRAME_REF_RESERVED);
	assert_int_equal(frame_pool_refcount(&f.p, HOLE_FRAME), FRAME_REF_RESERVED);
	assert_int_equal(frame_pool_refcount(&f.p, 0), FRAME_REF_RESERVED);

	n = drain(&f, pas);
	assert_int_equal(n, QEMU_FRAMES);
	/* Pushed in ascending order: the highest frame comes out first, the lowest last. */
	assert_int_equal(pas[0], QEMU_HIGHEST);
	assert_int_equal(pas[n - 1], QEMU_LOWEST);
	assert_int_equal(frame_pool_alloc(&f.p), FRAME_NONE);
	assert_int_equal(f.p.bad_frees, 0);

	put_all(&f, pas, n);
	assert_int_equal(frame_pool_free_count(&f.p), QEMU_FRAMES);
	assert_int_equal(f.p.total, QEMU_FRAMES);
	for (uint32_t i = 0; i < n; i++)
		assert_int_equal(frame_pool_refcount(&f.p, pas[i]), FRAME_REF_FREE);

	/* A second round gives the same frames again, still each once. */
	assert_int_equal(drain(&f, pas), QEMU_FRAMES);
	assert_int_equal(f.p.bad_frees, 0);
	free(pas);
	free(f.meta);
}

static void test_refcounts_shared(void **state)
{
	struct fixture f;
	uint32_t pa;

	(void)state;
	make_qemu_pool(&f);
	pa = frame_pool_alloc(&f.p);
	assert_int_equal(frame_pool_get(&f.p, pa), 0);
	assert_int_equal(frame_pool_get(&f.p, pa), 0);
	assert_int_equal(frame_pool_refcount(&f.p, pa), 3);
	assert_int_equal(frame_pool_put(&f.p, pa), FRAME_PUT_SHARED);
	assert_int_equal(frame_pool_put(&f.p, pa), FRAME_PUT_SHARED);
	assert_int_equal(frame_pool_refcount(&f.p, pa), 1);
	assert_int_equal(frame_pool_free_count(&f.p), QEMU_FRAMES - 1);
	assert_int_equal(frame_pool_put(&f.p, pa), FRAME_PUT_FREED);
	assert_int_equal(frame_pool_refcount(&f.p, pa), FRAME_REF_FREE);
	assert_int_equal(frame_pool_free_count(&f.p), QEMU_FRAMES);
	/* A free frame cannot gain a reference. */
	assert_int_equal(frame_pool_get(&f.p, pa), -1);
	assert_int_equal(frame_pool_refcount(&f.p, pa), FRAME_REF_FREE);
	/* The frame freed last is the next handed out. */
	assert_int_equal(frame_pool_alloc(&f.p), pa);
	assert_int_equal(f.p.bad_frees, 0);
	free(f.meta);
}

static void test_ref_max(void **state)
{
	struct fixture f;
	uint32_t pa;

	(void)state;
	make_qemu_pool(&f);
	pa = frame_pool_alloc(&f.p);
	for (uint32_t i = 1; i < FRAME_REF_MAX; i++)
		assert_int_equal(frame_pool_get(&f.p, pa), 0);
	assert_int_equal(frame_pool_refcount(&f.p, pa), FRAME_REF_MAX);
	/* One more would make it look RESERVED. */
	assert_int_equal(frame_pool_get(&f.p, pa), -1);
	assert_int_equal(frame_pool_refcount(&f.p, pa), FRAME_REF_MAX);
	for (uint32_t i = 1; i < FRAME_REF_MAX; i++)
		assert_int_equal(frame_pool_put(&f.p, pa), FRAME_PUT_SHARED);
	assert_int_equal(frame_pool_put(&f.p, pa), FRAME_PUT_FREED);
	assert_int_equal(frame_pool_free_count(&f.p), QEMU_FRAMES);
	free(f.meta);
}

static void test_double_free(void **state)
{
	struct fixture f;
	uint32_t *pas = malloc(sizeof(uint32_t) * QEMU_FRAMES);
	uint32_t a, b, top, n, seen_a = 0;

	(void)state;
	make_qemu_pool(&f);
	a = frame_pool_alloc(&f.p);
	b = frame_pool_alloc(&f.p);
	assert_int_equal(frame_pool_put(&f.p, a), FRAME_PUT_FREED);
	top = f.p.top;

	assert_int_equal(frame_pool_put(&f.p, a), FRAME_PUT_DOUBLE);
	assert_int_equal(f.p.bad_frees, 1);
	assert_int_equal(f.p.top, top);
	assert_int_equal(f.p.stack[top - 1], a >> PAGE_SHIFT);
	assert_int_equal(frame_pool_refcount(&f.p, a), FRAME_REF_FREE);
	assert_int_equal(frame_pool_refcount(&f.p, b), 1);

	/* a is still on the stack exactly once. */
	n = drain(&f, pas);
	assert_int_equal(n, QEMU_FRAMES - 1);
	for (uint32_t i = 0; i < n; i++)
		seen_a += pas[i] == a;
	assert_int_equal(seen_a, 1);
	free(pas);
	free(f.meta);
}

static void test_bad_puts_change_nothing(void **state)
{
	const uint32_t bad[] = {
		KERNEL_FRAME,           /* reserved[] */
		HOLE_FRAME,             /* reserved by the map */
		0,                      /* frame 0 */
		QEMU_LIMIT_PA,          /* first pfn past the limit */
		0xfffff000u,            /* far out of range */
	};
	struct fixture f;
	uint32_t pa, top;

	(void)state;
	make_qemu_pool(&f);
	pa = frame_pool_alloc(&f.p);
	top = f.p.top;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(frame_pool_put(&f.p, bad[i]), FRAME_PUT_BAD);
		assert_int_equal(frame_pool_get(&f.p, bad[i]), -1);
		assert_int_equal(frame_pool_refcount(&f.p, bad[i]), FRAME_REF_RESERVED);
	}
	/* Unaligned: names no frame, even though pa's frame is allocated. */
	assert_int_equal(frame_pool_put(&f.p, pa + 1), FRAME_PUT_BAD);
	assert_int_equal(frame_pool_put(&f.p, pa + PAGE_SIZE / 2), FRAME_PUT_BAD);
	assert_int_equal(frame_pool_get(&f.p, pa + 1), -1);
	assert_int_equal(frame_pool_refcount(&f.p, pa + 1), FRAME_REF_RESERVED);

	assert_int_equal(f.p.bad_frees, 7);         /* puts count, gets do not */
	assert_int_equal(f.p.top, top);
	assert_int_equal(frame_pool_refcount(&f.p, pa), 1);
	assert_int_equal(frame_pool_refcount(&f.p, KERNEL_FRAME), FRAME_REF_RESERVED);
	assert_int_equal(frame_pool_put(&f.p, pa), FRAME_PUT_FREED);
	free(f.meta);
}

static void test_alloc_empty(void **state)
{
	struct frame_pool p;
	uint32_t meta[1];
	struct fixture f;
	const struct boot_mmap_entry tiny[] = { { 0x1000, 0x1000, AVAIL } };

	(void)state;
	frame_pool_init(&p, meta, 0, 0);
	assert_int_equal(frame_pool_alloc(&p), FRAME_NONE);
	assert_int_equal(frame_pool_free_count(&p), 0);
	assert_int_equal(frame_pool_put(&p, 0x1000), FRAME_PUT_BAD);

	make_pool(&f, tiny, 1, NULL, 0);
	assert_int_equal(frame_pool_alloc(&f.p), 0x1000);
	assert_int_equal(frame_pool_alloc(&f.p), FRAME_NONE);
	assert_int_equal(frame_pool_alloc(&f.p), FRAME_NONE);
	assert_int_equal(f.p.top, 0);
	assert_int_equal(f.p.bad_frees, 0);
	free(f.meta);
}

/* Eight frames, 0x1000-0x8000, stacked as pfns 1..8. */
static const struct boot_mmap_entry eight[] = { { 0x1000, 8 * PAGE_SIZE, AVAIL } };

/* Entries that are not free frames on the stack are skipped, never handed out. */
static void test_alloc_skips_corrupt_entries(void **state)
{
	struct fixture f;
	uint32_t *pas = malloc(sizeof(uint32_t) * 8);
	uint32_t a;

	(void)state;
	make_pool(&f, eight, 1, NULL, 0);
	a = frame_pool_alloc(&f.p);
	assert_int_equal(a, 0x8000);
	/* Stack is pfns 1..7; overwrite the top three. */
	f.p.stack[6] = a >> PAGE_SHIFT;         /* in use */
	f.p.stack[5] = 0;                       /* frame 0 */
	f.p.stack[4] = f.p.nframes + 5;         /* past refs[]: must not be read */
	assert_int_equal(frame_pool_alloc(&f.p), 0x4000);
	assert_int_equal(f.p.bad_frees, 3);
	assert_int_equal(frame_pool_refcount(&f.p, a), 1);

	/* A free frame on the stack twice is handed out once. */
	f.p.stack[f.p.top++] = 3;
	assert_int_equal(drain(&f, pas), 3);    /* 0x3000, 0x2000, 0x1000 */
	assert_int_equal(f.p.bad_frees, 4);
	free(pas);
	free(f.meta);
}

/* Even a corrupted top cannot make put write past the stack. */
static void test_put_refuses_when_stack_full(void **state)
{
	struct fixture f;
	uint32_t a;

	(void)state;
	make_pool(&f, eight, 1, NULL, 0);
	a = frame_pool_alloc(&f.p);
	f.p.top = f.p.capacity;
	assert_int_equal(frame_pool_put(&f.p, a), FRAME_PUT_BAD);
	assert_int_equal(f.p.top, f.p.capacity);
	assert_int_equal(frame_pool_refcount(&f.p, a), 1);
	assert_int_equal(f.p.bad_frees, 1);
	free(f.meta);
}

/* Frames beyond the stack's capacity or the pfn limit stay RESERVED. */
static void test_add_respects_capacity_and_limit(void **state)
{
	struct physmap pm;
	struct frame_pool p;
	uint32_t limit;
	void *meta;

	(void)state;
	physmap_build(&pm, qemu_map, QEMU_N, qemu_kernel, 1);
	limit = physmap_pfn_limit(&pm);

	meta = malloc(frame_pool_meta_bytes(10, limit));
	frame_pool_init(&p, meta, 10, limit);
	frame_pool_add_physmap(&p, &pm);
	assert_int_equal(p.total, 10);
	assert_int_equal(frame_pool_free_count(&p), 10);
	assert_int_equal(frame_pool_refcount(&p, 0xa000), FRAME_REF_FREE);
	assert_int_equal(frame_pool_refcount(&p, 0xb000), FRAME_REF_RESERVED);
	/* With one frame out, adding more must not take its slot. */
	assert_int_equal(frame_pool_alloc(&p), 0xa000);
	frame_pool_add_physmap(&p, &pm);
	assert_int_equal(p.total, 10);
	assert_int_equal(frame_pool_free_count(&p), 9);
	assert_int_equal(frame_pool_put(&p, 0xa000), FRAME_PUT_FREED);
	free(meta);

	meta = malloc(frame_pool_meta_bytes(QEMU_FRAMES, 0x50));
	frame_pool_init(&p, meta, QEMU_FRAMES, 0x50);
	frame_pool_add_physmap(&p, &pm);
	assert_int_equal(p.total, 0x4f);        /* pfns 1..0x4f */
	/* Adding the same map again must not push anything twice. */
	frame_pool_add_physmap(&p, &pm);
	assert_int_equal(p.total, 0x4f);
	assert_int_equal(frame_pool_free_count(&p), 0x4f);
	free(meta);
}

/* 3.5 GiB of RAM below 4 GiB, half a GiB above: about 900k frames. */
static void test_large_map_exact_count(void **state)
{
	const struct boot_mmap_entry map[] = {
		{ 0x0,        0x9fc00,                AVAIL },
		{ 0x9fc00,    0x400,                  RESV },
		{ 0xf0000,    0x10000,                RESV },
		{ 0x100000,   0xe0000000 - 0x100000,  AVAIL },
		{ 0xfec00000, 0x1400000,              RESV },
		{ 4 * GIB,    GIB / 2,                AVAIL },
	};
	const struct phys_range res[] = {
		{ 0x100000, 0x500000 },         /* kernel: 0x400 frames */
		{ 0x600000, 0x601234 },         /* module: 2 frames */
	};
	const uint32_t expect = 0x9e + ((0xe0000000 - 0x100000) >> PAGE_SHIFT) - 0x400 - 2;
	struct fixture f;
	uint32_t *pas = malloc(sizeof(uint32_t) * expect);

	(void)state;
	make_pool(&f, map, 6, res, 2);
	assert_int_equal(f.pm.ignored_above_limit, GIB / 2);
	assert_int_equal(f.p.nframes, 0xe0000);
	assert_int_equal(f.p.total, expect);
	assert_int_equal(frame_pool_free_count(&f.p), expect);
	assert_int_equal(drain(&f, pas), expect);
	assert_int_equal(pas[0], 0xdffff000u);
	assert_int_equal(pas[expect - 1], 0x1000u);
	put_all(&f, pas, expect);
	assert_int_equal(frame_pool_free_count(&f.p), expect);
	assert_int_equal(f.p.bad_frees, 0);
	free(pas);
	free(f.meta);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meta_bytes),
		cmocka_unit_test(test_init_layout),
		cmocka_unit_test(test_fill_and_drain),
		cmocka_unit_test(test_refcounts_shared),
		cmocka_unit_test(test_ref_max),
		cmocka_unit_test(test_double_free),
		cmocka_unit_test(test_bad_puts_change_nothing),
		cmocka_unit_test(test_alloc_empty),
		cmocka_unit_test(test_alloc_skips_corrupt_entries),
		cmocka_unit_test(test_put_refuses_when_stack_full),
		cmocka_unit_test(test_add_respects_capacity_and_limit),
		cmocka_unit_test(test_large_map_exact_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
