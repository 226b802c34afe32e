/*
 * test_mb2_malformed.c - host unit tests for the multiboot2 parser
 * (boot/mb2_parse.c): blocks it must refuse. NULL arguments; blocks
 * shorter than their header or than total_size; total_size too small;
 * tag sizes below a tag header, overrunning the block or absurdly large;
 * a missing END tag; mmap entry sizes that are too small or do not fit;
 * a module that ends before it starts; tags too small for their type.
 * Each must fail with an error message that names the problem. Blocks it
 * must accept are in test_mb2.c.
 *
 * Each block is built with mb2_builder.h, corrupted where the test needs
 * to, and parsed from a heap copy of exactly `avail` bytes, so under
 * AddressSanitizer any read beyond what the parser was told is readable
 * is caught.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "boot/bootinfo.h"
#include "boot/multiboot2.h"
#include "tests/unit/mb2_builder.h"

/* ---- tests: malformed blocks ---- */

static void test_null_arguments(void **state)
{
	struct block blk;
	const char *err = NULL;

	(void)state;
	build_normal(&blk);
	assert_int_equal(mb2_parse(NULL, blk.len, &bi, &err), -1);
	assert_non_null(err);
	err = NULL;
	assert_int_equal(mb2_parse(blk.b, blk.len, NULL, &err), -1);
	assert_non_null(err);
	/* err itself may be NULL: failure is still reported. */
	assert_int_equal(mb2_parse(blk.b, 4, &bi, NULL), -1);
}

static void test_block_shorter_than_header(void **state)
{
	struct block blk;

	(void)state;
	build_normal(&blk);
	expect_error(&blk, 4, "shorter than its fixed header");
	expect_error(&blk, 0, "shorter than its fixed header");
}

static void test_truncated_block(void **state)
{
	struct block blk;

	(void)state;
	build_normal(&blk);
	expect_error(&blk, blk.len - 1, "exceeds the readable bytes");
	expect_error(&blk, blk.len / 2, "exceeds the readable bytes");
}

static void test_total_size_too_small(void **state)
{
	struct block blk;

	(void)state;
	build_normal(&blk);
	blk_set32(&blk, TOTAL_SIZE_OFF, 4);
	expect_error(&blk, blk.len, "total_size smaller");
	blk_set32(&blk, TOTAL_SIZE_OFF, 0);
	expect_error(&blk, blk.len, "total_size smaller");
}

static void test_tag_size_below_header(void **state)
{
	struct block blk;
	size_t off;

	(void)state;
	blk_init(&blk);
	off = add_string_tag(&blk, MB2_TAG_CMDLINE, "x");
	blk_finish(&blk);
	blk_set32(&blk, off + TAG_SIZE_OFF, 4);
	expect_error(&blk, blk.len, "smaller than a tag header");
	blk_set32(&blk, off + TAG_SIZE_OFF, 0);         /* would loop forever if allowed */
	expect_error(&blk, blk.len, "smaller than a tag header");
}

static void test_tag_overruns_total_size(void **state)
{
	struct block blk;
	size_t off;

	(void)state;
	blk_init(&blk);
	off = add_string_tag(&blk, MB2_TAG_CMDLINE, "hello");
	blk_finish(&blk);
	/* One byte past total_size, though still within the readable buffer. */
	blk_set32(&blk, off + TAG_SIZE_OFF, (uint32_t)(blk.len - off + 1));
	expect_error(&blk, blk.len + 64, "overruns");
}

static void test_oversized_tag_size(void **state)
{
	static const uint32_t sizes[] = { 0xFFFFFFF8, 0xFFFFFFFF, 0x80000000, 0xFFFFFFF0 };
	struct block blk;
	size_t off;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		blk_init(&blk);
		add_string_tag(&blk, MB2_TAG_CMDLINE, "hi");
		off = blk_tag(&blk, UNKNOWN_TYPE, NULL);
		blk_finish(&blk);
		blk_set32(&blk, off + TAG_SIZE_OFF, sizes[i]);
		expect_error(&blk, blk.len, "overruns");
	}
}

static void test_missing_end_tag(void **state)
{
	struct block blk;

	(void)state;
	build_normal(&blk);
	blk.len -= TAG_HDR;             /* drop the END tag */
	blk_seal(&blk);
	expect_error(&blk, blk.len, "no END tag");
}

static void test_missing_end_unpadded_last_tag(void **state)
{
	struct block blk;
	size_t off;

	(void)state;
	blk_init(&blk);
	off = add_string_tag(&blk, MB2_TAG_CMDLINE, "abc");     /* size 12 */
	blk.len = off + TAG_HDR + 4;    /* total ends inside the padding */
	blk_seal(&blk);
	expect_error(&blk, blk.len, "no END tag");
}

static void test_mmap_entry_size_too_small(void **state)
{
	struct block blk;

	(void)state;
	blk_init(&blk);
	add_mmap(&blk, 16, NULL, 0);
	blk_finish(&blk);
	expect_error(&blk, blk.len, "entry_size");

	blk_init(&blk);
	add_mmap(&blk, 0, NULL, 0);     /* must not divide by zero */
	blk_finish(&blk);
	expect_error(&blk, blk.len, "entry_size");
}

static void test_mmap_entries_overrun_tag(void **state)
{
	struct block blk;
	size_t off;

	(void)state;
	blk_init(&blk);
	off = add_mmap(&blk, MMAP_ENTRY_SIZE, normal_mmap, 2);
	blk_finish(&blk);
	/* Claim the tag ends 8 bytes into the second entry. */
	blk_set32(&blk, off + TAG_SIZE_OFF, (uint32_t)(sizeof(struct mb2_tag_mmap) + MMAP_ENTRY_SIZE + 8));
	expect_error(&blk, blk.len, "do not fit");

	/* entry_size 64, but the tag holds a single 32-byte entry's worth. */
	blk_init(&blk);
	off = add_mmap(&blk, BIG_ENTRY_SIZE, normal_mmap, 1);
	blk_finish(&blk);
	blk_set32(&blk, off + MMAP_ENTRY_SIZE_OFF, BIG_ENTRY_SIZE * 2);
	expect_error(&blk, blk.len, "do not fit");
}

static void test_module_end_before_start(void **state)
{
	struct block blk;
	int i;

	(void)state;
	blk_init(&blk);
	add_module(&blk, 0x200000, 0x1FFFFF, "bad");
	blk_finish(&blk);
	expect_error(&blk, blk.len, "ends before it starts");

	/* Checked even once the list is full and the module would be dropped. */
	blk_init(&blk);
	for (i = 0; i < BOOT_MODULES_MAX; i++)
		add_module(&blk, 0x100000, 0x100001, "ok");
	add_module(&blk, 0x200000, 0x100000, "bad");
	blk_finish(&blk);
	expect_error(&blk, blk.len, "ends before it starts");
}

static void test_tag_too_small_for_type(void **state)
{
	static const struct {
		uint32_t type;
		uint32_t size;
	} cases[] = {
		{ MB2_TAG_MODULE, 12 },
		{ MB2_TAG_BASIC_MEMINFO, 12 },
		{ MB2_TAG_MMAP, 12 },
		{ MB2_TAG_FRAMEBUFFER, 24 },
		{ MB2_TAG_FRAMEBUFFER, 31 },
	};
	struct block blk;
	struct payload p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(p.b, 0, cases[i].size - TAG_HDR);
		p.len = cases[i].size - TAG_HDR;
		blk_init(&blk);
		blk_tag(&blk, cases[i].type, &p);
		blk_finish(&blk);
		expect_error(&blk, blk.len, "too small for its type");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_arguments),
		cmocka_unit_test(test_block_shorter_than_header),
		cmocka_unit_test(test_truncated_block),
		cmocka_unit_test(test_total_size_too_small),
		cmocka_unit_test(test_tag_size_below_header),
		cmocka_unit_test(test_tag_overruns_total_size),
		cmocka_unit_test(test_oversized_tag_size),
		cmocka_unit_test(test_missing_end_tag),
		cmocka_unit_test(test_missing_end_unpadded_last_tag),
		cmocka_unit_test(test_mmap_entry_size_too_small),
		cmocka_unit_test(test_mmap_entries_overrun_tag),
		cmocka_unit_test(test_module_end_before_start),
		cmocka_unit_test(test_tag_too_small_for_type),
	};

	return cmocka_run_group_tests_name("mb2_malformed", tests, NULL, NULL);
}
