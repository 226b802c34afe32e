/*
 * test_mb2.c - host unit tests for the multiboot2 parser (boot/mb2_parse.c).
 *
 * Each test builds an information block by hand, byte by byte, the way a
 * loader lays one out (tags padded to 8, END tag, total_size patched last),
 * then corrupts it where the test needs to. The block is copied into a heap
 * buffer of exactly `avail` bytes before parsing, so under AddressSanitizer
 * any read beyond what the parser was told is readable is caught.
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

#define BLOCK_MAX       8192    /* big enough for the largest test block */
#define PAYLOAD_MAX     2048    /* ...and its largest tag */
#define TAG_HDR         8       /* sizeof(struct mb2_tag) */
#define TOTAL_SIZE_OFF  0       /* offset of total_size in the block */
#define TAG_SIZE_OFF    4       /* offset of size within a tag */
#define MMAP_ENTRY_SIZE_OFF 8   /* offset of entry_size within an mmap tag */
#define MMAP_ENTRY_SIZE 24      /* version-0 entry */
#define BIG_ENTRY_SIZE  32      /* a future, larger entry */
#define UNKNOWN_TYPE    0x7777  /* a tag type no specification defines */

/* A block under construction; len is where the next tag goes. */
struct block {
	_Alignas(8) uint8_t b[BLOCK_MAX];
	size_t len;
};

/* A tag payload under construction. */
struct payload {
	uint8_t b[PAYLOAD_MAX];
	size_t len;
};

/* ---- builders ---- */

static void pl_bytes(struct payload *p, const void *src, size_t n)
{
	assert_true(p->len + n <= sizeof p->b);
	memcpy(p->b + p->len, src, n);
	p->len += n;
}

static void pl_u8(struct payload *p, uint8_t v)   { pl_bytes(p, &v, sizeof v); }
static void pl_u16(struct payload *p, uint16_t v) { pl_bytes(p, &v, sizeof v); }
static void pl_u32(struct payload *p, uint32_t v) { pl_bytes(p, &v, sizeof v); }
static void pl_u64(struct payload *p, uint64_t v) { pl_bytes(p, &v, sizeof v); }

/* A string with its NUL, as a well-behaved loader writes it. */
static void pl_str(struct payload *p, const char *s)
{
	pl_bytes(p, s, strlen(s) + 1);
}

static void blk_init(struct block *blk)
{
	memset(blk, 0, sizeof *blk);
	blk->len = sizeof(struct mb2_info_header);
}

static void blk_set32(struct block *blk, size_t off, uint32_t v)
{
	assert_true(off + sizeof v <= sizeof blk->b);
	memcpy(blk->b + off, &v, sizeof v);
}

/* Append a tag (p may be NULL for no payload), pad to 8; returns its offset. */
static size_t blk_tag(struct block *blk, uint32_t type, const struct payload *p)
{
	size_t off = blk->len;
	size_t plen = p ? p->len : 0;

	assert_true(off + TAG_HDR + plen + MB2_TAG_ALIGN <= sizeof blk->b);
	blk_set32(blk, off, type);
	blk_set32(blk, off + TAG_SIZE_OFF, (uint32_t)(TAG_HDR + plen));
	if (plen > 0)
		memcpy(blk->b + off + TAG_HDR, p->b, plen);
	blk->len = off + TAG_HDR + plen;
	while (blk->len % MB2_TAG_ALIGN != 0)
		blk->b[blk->len++] = 0;
	return off;
}

/* Patch total_size to cover everything so far (no END tag added). */
static void blk_seal(struct block *blk)
{
	blk_set32(blk, TOTAL_SIZE_OFF, (uint32_t)blk->len);
}

/* Add the END tag and patch total_size. */
static void blk_finish(struct block *blk)
{
	blk_tag(blk, MB2_TAG_END, NULL);
	blk_seal(blk);
}

static size_t add_string_tag(struct block *blk, uint32_t type, const char *s)
{
	struct payload p = { .len = 0 };

	pl_str(&p, s);
	return blk_tag(blk, type, &p);
}

static size_t add_module(struct block *blk, uint32_t start, uint32_t end, const char *name)
{
	struct payload p = { .len = 0 };

	pl_u32(&p, start);
	pl_u32(&p, end);
	pl_str(&p, name);
	return blk_tag(blk, MB2_TAG_MODULE, &p);
}

static void add_meminfo(struct block *blk, uint32_t lower, uint32_t upper)
{
	struct payload p = { .len = 0 };

	pl_u32(&p, lower);
	pl_u32(&p, upper);
	blk_tag(blk, MB2_TAG_BASIC_MEMINFO, &p);
}

/* Entries are written at a stride of entry_size; any excess is filled with 0xEE. */
static size_t add_mmap(struct block *blk, uint32_t entry_size,
		       const struct boot_mmap_entry *e, int n)
{
	struct payload p = { .len = 0 };
	int i;

	pl_u32(&p, entry_size);
	pl_u32(&p, 0);                          /* entry_version */
	for (i = 0; i < n; i++) {
		size_t start = p.len;

		pl_u64(&p, e[i].base);
		pl_u64(&p, e[i].len);
		pl_u32(&p, e[i].type);
		pl_u32(&p, 0);                  /* reserved */
		while (p.len - start < entry_size)
			pl_u8(&p, 0xEE);
	}
	return blk_tag(blk, MB2_TAG_MMAP, &p);
}

/* An RGB framebuffer tag, with its 6 bytes of color_info after the common part. */
static void add_fb(struct block *blk, uint64_t addr, uint32_t pitch, uint32_t w,
		   uint32_t h, uint8_t bpp)
{
	struct payload p = { .len = 0 };
	static const uint8_t rgb_color_info[] = { 16, 8, 8, 8, 0, 8 };

	pl_u64(&p, addr);
	pl_u32(&p, pitch);
	pl_u32(&p, w);
	pl_u32(&p, h);
	pl_u8(&p, bpp);
	pl_u8(&p, MB2_FRAMEBUFFER_TYPE_RGB);
	pl_u16(&p, 0);                          /* reserved */
	pl_bytes(&p, rgb_color_info, sizeof rgb_color_info);
	blk_tag(blk, MB2_TAG_FRAMEBUFFER, &p);
}

/* ---- running the parser ---- */

/* Parse a copy of the block's first avail bytes, in a buffer of exactly that size. */
static int parse(const struct block *blk, size_t avail, struct boot_info *out, const char **err)
{
	uint8_t *copy;
	int rc;

	assert_true(avail <= sizeof blk->b);
	copy = malloc(avail > 0 ? avail : 1);
	assert_non_null(copy);
	memcpy(copy, blk->b, avail);
	rc = mb2_parse(copy, avail, out, err);
	free(copy);
	return rc;
}

static struct boot_info bi;     /* too big to be comfortable on the stack */

static void expect_ok(const struct block *blk)
{
	const char *err = NULL;
	int rc = parse(blk, blk->len, &bi, &err);

	if (rc != 0)
		fail_msg("unexpected error: %s", err ? err : "(null)");
}

/* The parse must fail with a message containing keyword. */
static void expect_error(const struct block *blk, size_t avail, const char *keyword)
{
	const char *err = NULL;

	assert_int_equal(parse(blk, avail, &bi, &err), -1);
	assert_non_null(err);
	if (strstr(err, keyword) == NULL)
		fail_msg("error \"%s\" does not mention \"%s\"", err, keyword);
}

/* ---- fixtures ---- */

static const struct boot_mmap_entry normal_mmap[] = {
	{ 0x0,         0x9FC00,     BOOT_MEM_AVAILABLE },
	{ 0xF0000,     0x10000,     BOOT_MEM_RESERVED },
	{ 0x100000000, 0x40000000,  BOOT_MEM_AVAILABLE },   /* above 4 GiB */
};
#define NORMAL_MMAP_N ((int)(sizeof normal_mmap / sizeof normal_mmap[0]))

static void build_normal(struct block *blk)
{
	blk_init(blk);
	add_string_tag(blk, MB2_TAG_CMDLINE, "console=ttyS0 root=hda1"); /* odd: padded */
	add_string_tag(blk, MB2_TAG_BOOT_LOADER_NAME, "GRUB 2.06");
	add_module(blk, 0x200000, 0x201000, "initrd");
	add_module(blk, 0x300000, 0x300123, "font.psf big");
	add_meminfo(blk, 639, 130048);
	add_mmap(blk, MMAP_ENTRY_SIZE, normal_mmap, NORMAL_MMAP_N);
	add_fb(blk, 0xFD000000, 4096, 1024, 768, 32);
	blk_finish(blk);
}

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

	return cmocka_run_group_tests_name("mb2", tests, NULL, NULL);
}
