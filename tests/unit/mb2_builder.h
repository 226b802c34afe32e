/*
 * mb2_builder.h - helpers shared by the multiboot2 parser tests
 * (test_mb2.c, test_mb2_malformed.c): a builder for information blocks,
 * wrappers that run the parser, and the normal block most tests start from.
 *
 * A block is built by hand, byte by byte, the way a loader lays one out:
 * tags appended with blk_tag() (payloads assembled with the pl_*()
 * helpers) and padded to 8, an END tag, total_size patched last by
 * blk_finish() (or blk_seal(), which adds no END tag); blk_set32() lets a
 * test corrupt any field afterwards. parse() copies the block into a heap
 * buffer of exactly `avail` bytes before parsing, so under AddressSanitizer
 * any read beyond what the parser was told is readable is caught;
 * expect_ok() and expect_error() use it. Header-only: everything is
 * static inline and needs cmocka.h.
 */
#ifndef TESTS_UNIT_MB2_BUILDER_H
#define TESTS_UNIT_MB2_BUILDER_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
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

static inline void pl_bytes(struct payload *p, const void *src, size_t n)
{
	assert_true(p->len + n <= sizeof p->b);
	memcpy(p->b + p->len, src, n);
	p->len += n;
}

static inline void pl_u8(struct payload *p, uint8_t v)   { pl_bytes(p, &v, sizeof v); }
static inline void pl_u16(struct payload *p, uint16_t v) { pl_bytes(p, &v, sizeof v); }
static inline void pl_u32(struct payload *p, uint32_t v) { pl_bytes(p, &v, sizeof v); }
static inline void pl_u64(struct payload *p, uint64_t v) { pl_bytes(p, &v, sizeof v); }

/* A string with its NUL, as a well-behaved loader writes it. */
static inline void pl_str(struct payload *p, const char *s)
{
	pl_bytes(p, s, strlen(s) + 1);
}

static inline void blk_init(struct block *blk)
{
	memset(blk, 0, sizeof *blk);
	blk->len = sizeof(struct mb2_info_header);
}

static inline void blk_set32(struct block *blk, size_t off, uint32_t v)
{
	assert_true(off + sizeof v <= sizeof blk->b);
	memcpy(blk->b + off, &v, sizeof v);
}

/* Append a tag (p may be NULL for no payload), pad to 8; returns its offset. */
static inline size_t blk_tag(struct block *blk, uint32_t type, const struct payload *p)
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
static inline void blk_seal(struct block *blk)
{
	blk_set32(blk, TOTAL_SIZE_OFF, (uint32_t)blk->len);
}

/* Add the END tag and patch total_size. */
static inline void blk_finish(struct block *blk)
{
	blk_tag(blk, MB2_TAG_END, NULL);
	blk_seal(blk);
}

static inline size_t add_string_tag(struct block *blk, uint32_t type, const char *s)
{
	struct payload p = { .len = 0 };

	pl_str(&p, s);
	return blk_tag(blk, type, &p);
}

static inline size_t add_module(struct block *blk, uint32_t start, uint32_t end, const char *name)
{
	struct payload p = { .len = 0 };

	pl_u32(&p, start);
	pl_u32(&p, end);
	pl_str(&p, name);
	return blk_tag(blk, MB2_TAG_MODULE, &p);
}

static inline void add_meminfo(struct block *blk, uint32_t lower, uint32_t upper)
{
	struct payload p = { .len = 0 };

	pl_u32(&p, lower);
	pl_u32(&p, upper);
	blk_tag(blk, MB2_TAG_BASIC_MEMINFO, &p);
}

/* Entries are written at a stride of entry_size; any excess is filled with 0xEE. */
static inline size_t add_mmap(struct block *blk, uint32_t entry_size,
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
static inline void add_fb(struct block *blk, uint64_t addr, uint32_t pitch, uint32_t w,
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
static inline int parse(const struct block *blk, size_t avail, struct boot_info *out, const char **err)
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

static inline void expect_ok(const struct block *blk)
{
	const char *err = NULL;
	int rc = parse(blk, blk->len, &bi, &err);

	if (rc != 0)
		fail_msg("unexpected error: %s", err ? err : "(null)");
}

/* The parse must fail with a message containing keyword. */
static inline void expect_error(const struct block *blk, size_t avail, const char *keyword)
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

static inline void build_normal(struct block *blk)
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

#endif /* TESTS_UNIT_MB2_BUILDER_H */
