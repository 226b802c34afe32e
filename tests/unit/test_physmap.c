/*
 * test_physmap.c - host unit tests for the usable-frame map (mm/physmap.c).
 *
 * Every test builds a memory map by hand, runs physmap_build() and compares
 * the result with ranges worked out on paper, then checks the invariants
 * of physmap.h (aligned, sorted, disjoint, non-adjacent, frame 0 excluded)
 * on every map built.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mm/physmap.h"
#include "mm/layout.h"

#define AVAIL    BOOT_MEM_AVAILABLE
#define RESV     BOOT_MEM_RESERVED
#define ACPI     BOOT_MEM_ACPI_RECLAIMABLE
#define GIB      0x40000000ull
#define MIB      0x100000ull
#define POISON   0xa5           /* fills a physmap before build, to catch unset fields */
#define MANY     200            /* more ranges than PHYS_RANGES_MAX */

/* The map QEMU gives a 128 MiB guest. */
static const struct boot_mmap_entry qemu_map[] = {
	{ 0x0,        0x9fc00,               AVAIL },
	{ 0x9fc00,    0x400,                 RESV },
	{ 0xf0000,    0x10000,               RESV },
	{ 0x100000,   0x7fe0000 - 0x100000,  AVAIL },
	{ 0xfffc0000, 0x40000,               RESV },
};
#define QEMU_N ((int)(sizeof(qemu_map) / sizeof(qemu_map[0])))
/* ...and what should come of it. */
static const struct phys_range qemu_usable[] = {
	{ 0x1000, 0x9f000 },            /* frame 0 gone; 0x9f000 page partly reserved */
	{ 0x100000, 0x7fe0000 },
};
#define QEMU_FRAMES (0x9e + ((0x7fe0000 - 0x100000) >> PAGE_SHIFT))

static void build(struct physmap *pm, const struct boot_mmap_entry *map, int n,
                  const struct phys_range *res, int nres)
{
	memset(pm, POISON, sizeof(*pm));
	physmap_build(pm, map, n, res, nres);
}

/* The invariants every built map must have. */
static void check_invariants(const struct physmap *pm)
{
	assert_in_range(pm->count, 0, PHYS_RANGES_MAX);
	assert_true(pm->overflow >= 0);
	for (int i = 0; i < pm->count; i++) {
		assert_int_equal(pm->r[i].start % PAGE_SIZE, 0);
		assert_int_equal(pm->r[i].end % PAGE_SIZE, 0);
		assert_true(pm->r[i].start < pm->r[i].end);
		assert_true(pm->r[i].start >= PAGE_SIZE);
		assert_true(pm->r[i].end <= PHYS_LIMIT);
		if (i > 0)
			assert_true(pm->r[i - 1].end < pm->r[i].start);
	}
}

static void expect_ranges(const struct physmap *pm, const struct phys_range *want, int n)
{
	check_invariants(pm);
	assert_int_equal(pm->count, n);
	for (int i = 0; i < n; i++) {
		assert_int_equal(pm->r[i].start, want[i].start);
		assert_int_equal(pm->r[i].end, want[i].end);
	}
}

static void test_qemu_map(void **state)
{
	struct physmap pm;

	(void)state;
	build(&pm, qemu_map, QEMU_N, NULL, 0);
	expect_ranges(&pm, qemu_usable, 2);
	assert_int_equal(pm.overflow, 0);
	assert_int_equal(pm.ignored_above_limit, 0);
	assert_int_equal(physmap_frames(&pm), QEMU_FRAMES);
	assert_int_equal(physmap_pfn_limit(&pm), 0x7fe0);
}

static void test_unsorted_input_same_result(void **state)
{
	const struct boot_mmap_entry shuffled[] = {
		qemu_map[4], qemu_map[1], qemu_map[3], qemu_map[0], qemu_map[2],
	};
	struct physmap pm;

	(void)state;
	build(&pm, shuffled, QEMU_N, NULL, 0);
	expect_ranges(&pm, qemu_usable, 2);
	assert_int_equal(physmap_frames(&pm), QEMU_FRAMES);
}

static void test_empty_map(void **state)
{
	struct physmap pm;

	(void)state;
	build(&pm, NULL, 0, NULL, 0);
	expect_ranges(&pm, NULL, 0);
	assert_int_equal(pm.overflow, 0);
	assert_int_equal(pm.ignored_above_limit, 0);
	assert_int_equal(physmap_frames(&pm), 0);
	assert_int_equal(physmap_pfn_limit(&pm), 0);
}

static void test_overlapping_available_counted_once(void **state)
{
	const struct boot_mmap_entry map[] = {
		{ 0x3000, 0x5000, AVAIL },      /* 0x3000-0x8000 */
		{ 0x1000, 0x4000, AVAIL },      /* 0x1000-0x5000 */
		{ 0x1000, 0x4000, AVAIL },      /* exact duplicate */
		{ 0x2000, 0x1000, AVAIL },      /* inside the others */
		{ 0x20000, 0x2000, AVAIL },     /* separate */
	};
	const struct phys_range want[] = { { 0x1000, 0x8000 }, { 0x20000, 0x22000 } };
	struct physmap pm;

	(void)state;
	build(&pm, map, 5, NULL, 0);
	expect_ranges(&pm, want, 2);
	assert_int_equal(physmap_frames(&pm), 9);
}

static void test_adjacent_available_merge(void **state)
{
	const struct boot_mmap_entry map[] = {
		{ 0x4000, 0x2000, AVAIL },
		{ 0x2000, 0x2000, AVAIL },      /* ends where the first begins */
	};
	const struct phys_range want[] = { { 0x2000, 0x6000 } };
	struct physmap pm;

	(void)state;
	build(&pm, map, 2, NULL, 0);
	expect_ranges(&pm, want, 1);
}

/* Two entries meeting mid-page still give that page: shrinking is done last. */
static void test_entries_meeting_mid_page(void **state)
{
	const struct boot_mmap_entry map[] = {
		{ 0x1000, 0x800, AVAIL },
		{ 0x1800, 0x1800, AVAIL },
	};
	const struct phys_range want[] = { { 0x1000, 0x3000 } };
	struct physmap pm;

	(void)state;
	build(&pm, map, 2, NULL, 0);
	expect_ranges(&pm, want, 1);
}

static void test_reserved_overlapping_available_wins(void **state)
{
	const struct boot_mmap_entry map[] = {
		{ 0x150000, 0x10000, RESV },    /* before the available entry it cuts */
		{ 0x100000, 0x100000, AVAIL },
		{ 0x1ff000, 0x101000, ACPI },   /* any non-available type is a hole */
		{ 0x400000, 0x10000, AVAIL },
		{ 0x3f0000, 0x30000, RESV },    /* swallows the whole entry */
		{ 0x500000, 0x1000, 77 },       /* unknown type: a hole too */
		{ 0x4ff000, 0x3000, AVAIL },
	};
	const struct phys_range want[] = {
		{ 0x100000, 0x150000 }, { 0x160000, 0x1ff000 },
		{ 0x4ff000, 0x500000 }, { 0x501000, 0x502000 },
	};
	struct physmap pm;

	(void)state;
	build(&pm, map, 7, NULL, 0);
	expect_ranges(&pm, want, 4);
}

static void test_zero_length_entries_ignored(void **state)
{
	const struct boot_mmap_entry map[] = {
		{ 0x200000, 0, AVAIL },
		{ 0x100000, 0x10000, AVAIL },
		{ 0x108000, 0, RESV },          /* would split the range if not ignored */
	};
	const struct phys_range res[] = {
		{ 0x104000, 0x104000 },         /* empty */
		{ 0x10c000, 0x10a000 },         /* inverted */
	};
	const struct phys_range want[] = { { 0x100000, 0x110000 } };
	struct physmap pm;

	(void)state;
	build(&pm, map, 3, res, 2);
	expect_ranges(&pm, want, 1);
}

static void test_unaligned_edges_shrink_inward(void **state)
{
	const struct boot_mmap_entry map[] = {
		{ 0x100800, 0x102c00, AVAIL },  /* 0x100800-0x203400 */
		{ 0x150010, 0x10, RESV },       /* one reserved byte range costs its page */
		{ 0x300100, 0xe00, AVAIL },     /* less than a page once shrunk: nothing */
	};
	const struct phys_range want[] = { { 0x101000, 0x150000 }, { 0x151000, 0x203000 } };
	struct physmap pm;

	(void)state;
	build(&pm, map, 3, NULL, 0);
	expect_ranges(&pm, want, 2);
}

static void test_above_4g_ignored(void **state)
{
	const struct boot_mmap_entry map[] = {
		{ 0x100000, 0x100000, AVAIL },
		{ 4 * GIB, GIB, AVAIL },
		{ 4 * GIB + GIB / 2, GIB, AVAIL },      /* overlaps the one above: counted once */
		{ 8 * GIB, GIB, RESV },                 /* reserved is not "available RAM" */
	};
	const struct phys_range want[] = { { 0x100000, 0x200000 } };
	struct physmap pm;

	(void)state;
	build(&pm, map, 4, NULL, 0);
	expect_ranges(&pm, want, 1);
	assert_int_equal(pm.ignored_above_limit, GIB + GIB / 2);
}

static void test_straddling_4g_clipped(void **state)
{
	const struct boot_mmap_entry map[] = {
		{ 0xfff00000, 0x200000, AVAIL },        /* 1 MiB below 4 GiB, 1 MiB above */
	};
	const struct phys_range want[] = { { 0xfff00000, PHYS_LIMIT } };
	struct physmap pm;

	(void)state;
	build(&pm, map, 1, NULL, 0);
	expect_ranges(&pm, want, 1);
	assert_int_equal(pm.ignored_above_limit, MIB);
	assert_int_equal(physmap_frames(&pm), 0x100);
	assert_int_equal(physmap_pfn_limit(&pm), 0x100000);
}

static void test_base_plus_len_overflow(void **state)
{
	const struct boot_mmap_entry map[] = {
		{ 0x200000, UINT64_MAX, AVAIL },        /* wraps: clipped, not ignored */
		{ 0x300000, UINT64_MAX - 0x1000, RESV },/* wraps too: cuts everything above */
		{ UINT64_MAX - 0xfff, 0x2000, AVAIL },  /* wraps, entirely above the limit */
	};
	const struct phys_range want[] = { { 0x200000, 0x300000 } };
	struct physmap pm;

	(void)state;
	build(&pm, map, 3, NULL, 0);
	expect_ranges(&pm, want, 1);
	/* Everything from 4 GiB up to the clip point 2^64 - 1. */
	assert_int_equal(pm.ignored_above_limit, UINT64_MAX - PHYS_LIMIT);
}

static void test_reserved_ranges_split(void **state)
{
	const struct boot_mmap_entry map[] = { { 0x0, 0x8000000, AVAIL } };
	const struct phys_range res[] = {
		{ 0x3000000, 0x3000800 },               /* a module, half a page */
		{ 0x100000, 0x2345678 },                /* the kernel image */
		{ 0x2800000, 0x2900000 },               /* another module */
		{ 0x7fff000, 0x9000000 },               /* past the end of RAM */
	};
	const struct phys_range want[] = {
		{ 0x1000, 0x100000 },
		{ 0x2346000, 0x2800000 }, { 0x2900000, 0x3000000 },
		{ 0x3001000, 0x7fff000 },
	};
	struct physmap pm;

	(void)state;
	build(&pm, map, 1, res, 4);
	expect_ranges(&pm, want, 4);
	assert_int_equal(physmap_pfn_limit(&pm), 0x7fff);
}

static void test_frame_zero_excluded(void **state)
{
	const struct boot_mmap_entry just_zero[] = { { 0x0, 0x1000, AVAIL } };
	const struct boot_mmap_entry low[] = { { 0x0, 0x5000, AVAIL } };
	const struct phys_range want[] = { { 0x1000, 0x5000 } };
	struct physmap pm;

	(void)state;
	build(&pm, just_zero, 1, NULL, 0);
	expect_ranges(&pm, NULL, 0);
	assert_int_equal(physmap_pfn_limit(&pm), 0);

	build(&pm, low, 1, NULL, 0);
	expect_ranges(&pm, want, 1);
}

/* One-page available entries two pages apart, from 1 MiB up. */
static void sparse_map(struct boot_mmap_entry *map, int n)
{
	for (int i = 0; i < n; i++) {
		map[i].base = MIB + (uint64_t)i * 2 * PAGE_SIZE;
		map[i].len = PAGE_SIZE;
		map[i].type = AVAIL;
	}
}

static void test_overflow_keeps_lowest(void **state)
{
	struct boot_mmap_entry map[MANY];
	struct physmap pm;

	(void)state;
	sparse_map(map, MANY);
	/* Reverse the order so the lowest ranges come last in the input. */
	for (int i = 0; i < MANY / 2; i++) {
		struct boot_mmap_entry t = map[i];

		map[i] = map[MANY - 1 - i];
		map[MANY - 1 - i] = t;
	}
	build(&pm, map, MANY, NULL, 0);
	check_invariants(&pm);
	assert_int_equal(pm.count, PHYS_RANGES_MAX);
	assert_int_equal(pm.overflow, MANY - PHYS_RANGES_MAX);
	for (int i = 0; i < PHYS_RANGES_MAX; i++)
		assert_int_equal(pm.r[i].start, MIB + (uint64_t)i * 2 * PAGE_SIZE);
	assert_int_equal(physmap_frames(&pm), PHYS_RANGES_MAX);
}

static void test_overflow_from_reserved_splits(void **state)
{
	const struct boot_mmap_entry map[] = { { MIB, 4 * MIB, AVAIL } };
	struct phys_range res[MANY];
	struct physmap pm;

	(void)state;
	/* Every other page reserved: MANY holes make MANY + 1 pieces. */
	for (int i = 0; i < MANY; i++) {
		res[i].start = MIB + PAGE_SIZE + (uint64_t)i * 2 * PAGE_SIZE;
		res[i].end = res[i].start + PAGE_SIZE;
	}
	build(&pm, map, 1, res, MANY);
	check_invariants(&pm);
	assert_int_equal(pm.count, PHYS_RANGES_MAX);
	assert_int_equal(pm.overflow, MANY + 1 - PHYS_RANGES_MAX);
	assert_int_equal(pm.r[0].start, MIB);
	assert_int_equal(pm.r[PHYS_RANGES_MAX - 1].start,
	                 MIB + (uint64_t)(PHYS_RANGES_MAX - 1) * 2 * PAGE_SIZE);
}

/* Exactly PHYS_RANGES_MAX ranges fit with no overflow. */
static void test_exactly_max_ranges(void **state)
{
	struct boot_mmap_entry map[PHYS_RANGES_MAX];
	struct physmap pm;

	(void)state;
	sparse_map(map, PHYS_RANGES_MAX);
	build(&pm, map, PHYS_RANGES_MAX, NULL, 0);
	check_invariants(&pm);
	assert_int_equal(pm.count, PHYS_RANGES_MAX);
	assert_int_equal(pm.overflow, 0);
}

static void test_rebuild_resets(void **state)
{
	struct physmap pm;

	(void)state;
	build(&pm, qemu_map, QEMU_N, NULL, 0);
	physmap_build(&pm, NULL, 0, NULL, 0);
	assert_int_equal(pm.count, 0);
	assert_int_equal(pm.overflow, 0);
}

static void test_take_lowest_fit(void **state)
{
	struct physmap pm;
	uint64_t start = 0;

	(void)state;
	build(&pm, qemu_map, QEMU_N, NULL, 0);
	assert_int_equal(physmap_take(&pm, 16, 0, &start), 0);
	assert_int_equal(start, 0x1000);
	assert_int_equal(pm.r[0].start, 0x11000);
	assert_int_equal(physmap_frames(&pm), QEMU_FRAMES - 16);

	/* 200 frames no longer fit below 640 KiB: the next range gives them. */
	assert_int_equal(physmap_take(&pm, 200, 0, &start), 0);
	assert_int_equal(start, 0x100000);
	assert_int_equal(pm.r[1].start, 0x100000 + 200 * PAGE_SIZE);
	assert_int_equal(pm.count, 2);
	check_invariants(&pm);
}

static void test_take_does_not_fit(void **state)
{
	struct physmap pm, before;
	uint64_t start = 0x1234;

	(void)state;
	build(&pm, qemu_map, QEMU_N, NULL, 0);
	before = pm;
	assert_int_equal(physmap_take(&pm, QEMU_FRAMES, 0, &start), -1);
	assert_int_equal(physmap_take(&pm, 0, 0, &start), -1);
	assert_int_equal(physmap_take(&pm, 1, 0x7fe0000, &start), -1);     /* above all RAM */
	assert_int_equal(physmap_take(&pm, 1, UINT64_MAX, &start), -1);    /* no wrap on rounding */
	assert_int_equal(physmap_take(&pm, UINT32_MAX, 0, &start), -1);
	assert_int_equal(start, 0x1234);
	assert_memory_equal(&pm, &before, sizeof(pm));
}

static void test_take_min_addr_splits(void **state)
{
	struct physmap pm;
	uint64_t start = 0;

	(void)state;
	build(&pm, qemu_map, QEMU_N, NULL, 0);
	/* Unaligned min_addr rounds up; the range is split around the frames. */
	assert_int_equal(physmap_take(&pm, 4, 0x200001, &start), 0);
	assert_int_equal(start, 0x201000);
	check_invariants(&pm);
	assert_int_equal(pm.count, 3);
	assert_int_equal(pm.r[1].start, 0x100000);
	assert_int_equal(pm.r[1].end, 0x201000);
	assert_int_equal(pm.r[2].start, 0x205000);
	assert_int_equal(pm.r[2].end, 0x7fe0000);
	assert_int_equal(physmap_frames(&pm), QEMU_FRAMES - 4);

	/* min_addr inside the hole: the next range above it, from its start. */
	assert_int_equal(physmap_take(&pm, 1, 0x9f000, &start), 0);
	assert_int_equal(start, 0x100000);

	/* Up to the very end of a range: it just shrinks. */
	assert_int_equal(physmap_take(&pm, 0x10, 0x7fd0000, &start), 0);
	assert_int_equal(start, 0x7fd0000);
	assert_int_equal(pm.r[2].end, 0x7fd0000);
	assert_int_equal(pm.count, 3);
}

static void test_take_exact_size_removes_range(void **state)
{
	struct physmap pm;
	uint64_t start = 0;

	(void)state;
	build(&pm, qemu_map, QEMU_N, NULL, 0);
	assert_int_equal(physmap_take(&pm, 0x9e, 0, &start), 0);
	assert_int_equal(start, 0x1000);
	assert_int_equal(pm.count, 1);
	assert_int_equal(pm.r[0].start, 0x100000);
	assert_int_equal(pm.r[0].end, 0x7fe0000);

	assert_int_equal(physmap_take(&pm, (0x7fe0000 - 0x100000) >> PAGE_SHIFT, 0, &start), 0);
	assert_int_equal(start, 0x100000);
	assert_int_equal(pm.count, 0);
	assert_int_equal(physmap_pfn_limit(&pm), 0);
	assert_int_equal(physmap_take(&pm, 1, 0, &start), -1);
}

/* With r[] full, a take that would split takes the top of the range instead. */
static void test_take_full_map_takes_top(void **state)
{
	struct boot_mmap_entry map[PHYS_RANGES_MAX];
	struct physmap pm;
	uint64_t start = 0;
	uint64_t big_end = MIB + 64 * PAGE_SIZE;

	(void)state;
	/* A full map whose first range is 64 pages long: move the other ranges
	 * up by 64 pages and stretch the first over the space they left. */
	sparse_map(map, PHYS_RANGES_MAX);
	for (int i = 1; i < PHYS_RANGES_MAX; i++)
		map[i].base += 64 * PAGE_SIZE;
	map[0].len = 64 * PAGE_SIZE;
	build(&pm, map, PHYS_RANGES_MAX, NULL, 0);
	assert_int_equal(pm.count, PHYS_RANGES_MAX);

	assert_int_equal(physmap_take(&pm, 4, MIB + 8 * PAGE_SIZE, &start), 0);
	assert_int_equal(start, big_end - 4 * PAGE_SIZE);
	assert_int_equal(pm.count, PHYS_RANGES_MAX);
	assert_int_equal(pm.r[0].start, MIB);
	assert_int_equal(pm.r[0].end, big_end - 4 * PAGE_SIZE);
	check_invariants(&pm);

	/* From the start of a range, nothing needs splitting. */
	assert_int_equal(physmap_take(&pm, 2, 0, &start), 0);
	assert_int_equal(start, MIB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_map),
		cmocka_unit_test(test_unsorted_input_same_result),
		cmocka_unit_test(test_empty_map),
		cmocka_unit_test(test_overlapping_available_counted_once),
		cmocka_unit_test(test_adjacent_available_merge),
		cmocka_unit_test(test_entries_meeting_mid_page),
		cmocka_unit_test(test_reserved_overlapping_available_wins),
		cmocka_unit_test(test_zero_length_entries_ignored),
		cmocka_unit_test(test_unaligned_edges_shrink_inward),
		cmocka_unit_test(test_above_4g_ignored),
		cmocka_unit_test(test_straddling_4g_clipped),
		cmocka_unit_test(test_base_plus_len_overflow),
		cmocka_unit_test(test_reserved_ranges_split),
		cmocka_unit_test(test_frame_zero_excluded),
		cmocka_unit_test(test_overflow_keeps_lowest),
		cmocka_unit_test(test_overflow_from_reserved_splits),
		cmocka_unit_test(test_exactly_max_ranges),
		cmocka_unit_test(test_rebuild_resets),
		cmocka_unit_test(test_take_lowest_fit),
		cmocka_unit_test(test_take_does_not_fit),
		cmocka_unit_test(test_take_min_addr_splits),
		cmocka_unit_test(test_take_exact_size_removes_range),
		cmocka_unit_test(test_take_full_map_takes_top),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
