/*
 * test_mb2.c - host unit tests for the multiboot2 parser (boot/mb2_parse.c):
 * blocks it must accept. A normal block from a loader, an empty one,
 * unknown tags, lenient sizes, tags after END, larger mmap entries;
 * strings without a NUL, empty or too long for their field; more modules
 * and memory map entries than boot_info holds. Blocks it must refuse are
 * in test_mb2_malformed.c.
 *
 * Each block is built with mb2_builder.h and parsed from a heap copy of
 * exactly its size, so under AddressSanitizer any read beyond what the
 * parser was told is readable is caught.
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

/* ---- tests: well-formed blocks ---- */

static void test_normal_block(void **state)
{
	struct block blk;
	int i;

	(void)state;
	build_normal(&blk);
	expect_ok(&blk);

	assert_string_equal(bi.cmdline, "console=ttyS0 root=hda1");
	assert_string_equal(bi.loader, "GRUB 2.06");

	assert_int_equal(bi.module_count, 2);
	assert_int_equal(bi.modules_dropped, 0);
	assert_int_equal(bi.modules[0].start, 0x200000);
	assert_int_equal(bi.modules[0].end, 0x201000);
	assert_string_equal(bi.modules[0].cmdline, "initrd");
	assert_int_equal(bi.modules[1].start, 0x300000);
	assert_int_equal(bi.modules[1].end, 0x300123);
	assert_string_equal(bi.modules[1].cmdline, "font.psf big");

	assert_true(bi.has_meminfo);
	assert_int_equal(bi.mem_lower_kb, 639);
	assert_int_equal(bi.mem_upper_kb, 130048);

	assert_int_equal(bi.mmap_count, NORMAL_MMAP_N);
	assert_int_equal(bi.mmap_dropped, 0);
	for (i = 0; i < NORMAL_MMAP_N; i++) {
		assert_true(bi.mmap[i].base == normal_mmap[i].base);
		assert_true(bi.mmap[i].len == normal_mmap[i].len);
		assert_int_equal(bi.mmap[i].type, normal_mmap[i].type);
	}

	assert_true(bi.has_fb);
	assert_true(bi.fb_addr == 0xFD000000);
	assert_int_equal(bi.fb_pitch, 4096);
	assert_int_equal(bi.fb_width, 1024);
	assert_int_equal(bi.fb_height, 768);
	assert_int_equal(bi.fb_bpp, 32);
	assert_int_equal(bi.fb_type, MB2_FRAMEBUFFER_TYPE_RGB);

	assert_int_equal(bi.unknown_tags, 0);
}

static void test_end_only_block(void **state)
{
	struct block blk;

	(void)state;
	blk_init(&blk);
	blk_finish(&blk);
	expect_ok(&blk);
	assert_string_equal(bi.cmdline, "");
	assert_false(bi.has_meminfo);
	assert_false(bi.has_fb);
	assert_int_equal(bi.mmap_count, 0);
	assert_int_equal(bi.module_count, 0);
}

static void test_out_zeroed_first(void **state)
{
	static struct boot_info zero;
	struct block blk;

	(void)state;
	blk_init(&blk);
	blk_finish(&blk);
	memset(&bi, 0xA5, sizeof bi);
	expect_ok(&blk);
	assert_memory_equal(&bi, &zero, sizeof bi);
}

static void test_unknown_tags_skipped(void **state)
{
	struct block blk;
	struct payload junk = { .len = 0 };

	(void)state;
	pl_u32(&junk, 0xDEADBEEF);
	pl_u32(&junk, 0xFFFFFFFF);      /* would look like a bad size if misread */
	pl_u8(&junk, 1);
	blk_init(&blk);
	blk_tag(&blk, UNKNOWN_TYPE, &junk);
	blk_tag(&blk, MB2_TAG_ACPI_NEW, &junk);         /* known, but unused */
	add_string_tag(&blk, MB2_TAG_CMDLINE, "after");
	blk_tag(&blk, UNKNOWN_TYPE, NULL);
	blk_finish(&blk);
	expect_ok(&blk);
	assert_int_equal(bi.unknown_tags, 3);
	assert_string_equal(bi.cmdline, "after");
}

static void test_total_size_not_multiple_of_8(void **state)
{
	struct block blk;

	(void)state;
	build_normal(&blk);
	blk.len += 5;                   /* trailing slack a lenient loader might report */
	blk_seal(&blk);
	expect_ok(&blk);
	assert_int_equal(bi.module_count, 2);
}

static void test_tags_after_end_ignored(void **state)
{
	struct block blk;
	size_t off;

	(void)state;
	blk_init(&blk);
	add_string_tag(&blk, MB2_TAG_CMDLINE, "before");
	blk_tag(&blk, MB2_TAG_END, NULL);
	off = add_string_tag(&blk, MB2_TAG_CMDLINE, "after");
	blk_set32(&blk, off + TAG_SIZE_OFF, 0);         /* garbage past END */
	blk_seal(&blk);
	expect_ok(&blk);
	assert_string_equal(bi.cmdline, "before");
}

static void test_mmap_larger_entry_size(void **state)
{
	struct block blk;
	int i;

	(void)state;
	blk_init(&blk);
	add_mmap(&blk, BIG_ENTRY_SIZE, normal_mmap, NORMAL_MMAP_N);
	blk_finish(&blk);
	expect_ok(&blk);
	assert_int_equal(bi.mmap_count, NORMAL_MMAP_N);
	for (i = 0; i < NORMAL_MMAP_N; i++) {
		assert_true(bi.mmap[i].base == normal_mmap[i].base);
		assert_true(bi.mmap[i].len == normal_mmap[i].len);
		assert_int_equal(bi.mmap[i].type, normal_mmap[i].type);
	}
}

/* ---- tests: strings ---- */

static void test_string_without_nul(void **state)
{
	struct block blk;
	struct payload p = { .len = 0 };
	size_t off, end;

	(void)state;
	blk_init(&blk);
	pl_bytes(&p, "ABCDE", 5);               /* no NUL */
	off = blk_tag(&blk, MB2_TAG_CMDLINE, &p);
	end = off + TAG_HDR + p.len;
	memset(blk.b + end, 'X', blk.len - end);        /* padding no longer terminates */

	p.len = 0;
	pl_u32(&p, 0x100000);
	pl_u32(&p, 0x100010);
	pl_bytes(&p, "mod", 3);                 /* no NUL */
	off = blk_tag(&blk, MB2_TAG_MODULE, &p);
	end = off + TAG_HDR + p.len;
	memset(blk.b + end, 'Y', blk.len - end);
	blk_finish(&blk);

	expect_ok(&blk);
	assert_string_equal(bi.cmdline, "ABCDE");
	assert_string_equal(bi.modules[0].cmdline, "mod");
}

static void test_empty_string_tag(void **state)
{
	struct block blk;

	(void)state;
	blk_init(&blk);
	blk_tag(&blk, MB2_TAG_CMDLINE, NULL);           /* size 8: no string at all */
	add_module(&blk, 0x100000, 0x100000, "");       /* empty module is fine */
	blk_finish(&blk);
	expect_ok(&blk);
	assert_string_equal(bi.cmdline, "");
	assert_int_equal(bi.module_count, 1);
	assert_string_equal(bi.modules[0].cmdline, "");
}

static void test_long_strings_truncated(void **state)
{
	enum { LONG = 600 };
	char s[LONG + 1];
	struct block blk;

	(void)state;
	memset(s, 'a', LONG);
	s[LONG] = '\0';
	blk_init(&blk);
	add_string_tag(&blk, MB2_TAG_CMDLINE, s);
	add_string_tag(&blk, MB2_TAG_BOOT_LOADER_NAME, s);
	add_module(&blk, 0x100000, 0x200000, s);
	blk_finish(&blk);
	expect_ok(&blk);
	assert_int_equal(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
	assert_int_equal(strlen(bi.loader), BOOT_LOADER_MAX - 1);
	assert_int_equal(strlen(bi.modules[0].cmdline), BOOT_MODNAME_MAX - 1);
	assert_int_equal(bi.cmdline[0], 'a');
}

/* ---- tests: list limits ---- */

static void test_too_many_modules(void **state)
{
	enum { EXTRA = 3 };
	struct block blk;
	char name[16];
	int i;

	(void)state;
	blk_init(&blk);
	for (i = 0; i < BOOT_MODULES_MAX + EXTRA; i++) {
		snprintf(name, sizeof name, "m%d", i);
		add_module(&blk, 0x100000u * (uint32_t)(i + 1), 0x100000u * (uint32_t)(i + 1) + 1, name);
	}
	blk_finish(&blk);
	expect_ok(&blk);
	assert_int_equal(bi.module_count, BOOT_MODULES_MAX);
	assert_int_equal(bi.modules_dropped, EXTRA);
	snprintf(name, sizeof name, "m%d", BOOT_MODULES_MAX - 1);
	assert_string_equal(bi.modules[BOOT_MODULES_MAX - 1].cmdline, name);
	assert_int_equal(bi.modules[BOOT_MODULES_MAX - 1].start, 0x100000u * BOOT_MODULES_MAX);
}

static void test_too_many_mmap_entries(void **state)
{
	enum { EXTRA = 5, N = BOOT_MMAP_MAX + EXTRA };
	struct boot_mmap_entry e[N];
	struct block blk;
	int i;

	(void)state;
	for (i = 0; i < N; i++) {
		e[i].base = 0x1000ull * (uint64_t)i;
		e[i].len = 0x1000;
		e[i].type = BOOT_MEM_AVAILABLE;
	}
	blk_init(&blk);
	add_mmap(&blk, MMAP_ENTRY_SIZE, e, N);
	blk_finish(&blk);
	expect_ok(&blk);
	assert_int_equal(bi.mmap_count, BOOT_MMAP_MAX);
	assert_int_equal(bi.mmap_dropped, EXTRA);
	assert_true(bi.mmap[BOOT_MMAP_MAX - 1].base == 0x1000ull * (BOOT_MMAP_MAX - 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normal_block),
		cmocka_unit_test(test_end_only_block),
		cmocka_unit_test(test_out_zeroed_first),
		cmocka_unit_test(test_unknown_tags_skipped),
		cmocka_unit_test(test_total_size_not_multiple_of_8),
		cmocka_unit_test(test_tags_after_end_ignored),
		cmocka_unit_test(test_mmap_larger_entry_size),
		cmocka_unit_test(test_string_without_nul),
		cmocka_unit_test(test_empty_string_tag),
		cmocka_unit_test(test_long_strings_truncated),
		cmocka_unit_test(test_too_many_modules),
		cmocka_unit_test(test_too_many_mmap_entries),
	};

	return cmocka_run_group_tests_name("mb2", tests, NULL, NULL);
}
