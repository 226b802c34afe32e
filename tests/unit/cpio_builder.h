/*
 * cpio_builder.h - helpers shared by the newc cpio reader tests
 * (test_cpio.c, test_cpio_malformed.c, test_cpio_find.c): a tiny newc archive writer and
 * the wrappers that parse what it wrote.
 *
 * The writer emits hex header fields, name and data each padded to 4, and
 * an optional trailer; every header field is written verbatim from a
 * struct hdr, and patch() overwrites one field with raw text, so a test
 * can lie in any of them. exact() copies an archive into a heap buffer of
 * exactly the size the reader is told, so under AddressSanitizer any read
 * past it is caught; walk(), walk_all() and first_result() parse such a
 * copy. Header-only: everything is static inline and needs cmocka.h.
 */
#ifndef TESTS_UNIT_CPIO_BUILDER_H
#define TESTS_UNIT_CPIO_BUILDER_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fs/cpio.h"

#define ARCH_MAX        16384   /* big enough for the largest built archive */
#define BLOCK           512     /* GNU cpio pads the archive to this */
#define PERM_FILE       0644
#define PERM_DIR        0755
#define PERM_LINK       0777

/* ---- a tiny newc writer ---- */

struct arch {
	uint8_t b[ARCH_MAX];
	size_t len;
};

/* Header values; fields written verbatim, so a test can lie in any of them. */
struct hdr {
	const char *magic;
	uint32_t ino, mode, uid, gid, nlink, mtime, filesize;
	uint32_t devmajor, devminor, rdevmajor, rdevminor, namesize, check;
};

static inline void w_bytes(struct arch *a, const void *p, size_t n)
{
	assert_true(a->len + n <= ARCH_MAX);
	if (n == 0)
		return;         /* p may be NULL, which memcpy must not see */
	memcpy(a->b + a->len, p, n);
	a->len += n;
}

static inline void w_pad(struct arch *a)
{
	static const uint8_t zeros[CPIO_ALIGN];

	w_bytes(a, zeros, (CPIO_ALIGN - a->len % CPIO_ALIGN) % CPIO_ALIGN);
}

static inline void w_field(struct arch *a, uint32_t v)
{
	char s[CPIO_FIELD_LEN + 1];

	snprintf(s, sizeof(s), "%08X", v);
	w_bytes(a, s, CPIO_FIELD_LEN);
}

static inline void w_header(struct arch *a, const struct hdr *h)
{
	w_bytes(a, h->magic, CPIO_MAGIC_LEN);
	w_field(a, h->ino);
	w_field(a, h->mode);
	w_field(a, h->uid);
	w_field(a, h->gid);
	w_field(a, h->nlink);
	w_field(a, h->mtime);
	w_field(a, h->filesize);
	w_field(a, h->devmajor);
	w_field(a, h->devminor);
	w_field(a, h->rdevmajor);
	w_field(a, h->rdevminor);
	w_field(a, h->namesize);
	w_field(a, h->check);
}

/* Header, then name_bytes of name, pad, data_bytes of data, pad. */
static inline void w_entry_raw(struct arch *a, const struct hdr *h, const void *name,
			       size_t name_bytes, const void *data, size_t data_bytes)
{
	w_header(a, h);
	w_bytes(a, name, name_bytes);
	w_pad(a);
	w_bytes(a, data, data_bytes);
	w_pad(a);
}

static inline struct hdr hdr_for(const char *name, uint32_t mode, size_t size)
{
	static uint32_t next_ino = 100;
	struct hdr h = {
		.magic = CPIO_MAGIC_NEWC, .ino = next_ino++, .mode = mode,
		.nlink = 1, .filesize = (uint32_t)size,
		.namesize = (uint32_t)strlen(name) + 1,
	};
	return h;
}

/* A well-formed entry; returns the offset of its header. */
static inline size_t w_entry(struct arch *a, const char *name, uint32_t mode,
			     const void *data, size_t size)
{
	size_t at = a->len;
	struct hdr h = hdr_for(name, mode, size);

	w_entry_raw(a, &h, name, strlen(name) + 1, data, size);
	return at;
}

static inline size_t w_file(struct arch *a, const char *name, const char *text)
{
	return w_entry(a, name, S_IFREG | PERM_FILE, text, strlen(text));
}

static inline void w_trailer(struct arch *a)
{
	struct hdr h = hdr_for(CPIO_TRAILER_NAME, 0, 0);

	h.ino = 0;
	h.nlink = 1;
	w_entry_raw(a, &h, CPIO_TRAILER_NAME, sizeof(CPIO_TRAILER_NAME), NULL, 0);
}

/* Overwrite one header field of the entry at `at` with raw text. */
static inline void patch(struct arch *a, size_t at, size_t field_off, const char *text)
{
	memcpy(a->b + at + field_off, text, strlen(text));
}

#define FIELD(f) offsetof(struct cpio_newc_header, f)

/* ---- parsing helpers ---- */

#define FIELD(f) offsetof(struct cpio_newc_header, f)

/* An exact-size heap copy, so ASan sees any over-read. */
static inline uint8_t *exact(const void *p, size_t n)
{
	uint8_t *q = malloc(n > 0 ? n : 1);

	assert_non_null(q);
	memcpy(q, p, n);
	return q;
}

/* Walk n bytes of a; return the final cpio_next result, count entries. */
static inline int walk(const struct arch *a, size_t n, int *count)
{
	uint8_t *buf = exact(a->b, n);
	struct cpio_iter it;
	struct cpio_entry e;
	int r;

	*count = 0;
	cpio_iter_init(&it, buf, (uint32_t)n);
	while ((r = cpio_next(&it, &e)) == 1)
		(*count)++;
	free(buf);
	return r;
}

/* The result of walking a whole archive. */
static inline int walk_all(const struct arch *a, int *count)
{
	return walk(a, a->len, count);
}

static inline void assert_name(const struct cpio_entry *e, const char *want)
{
	assert_int_equal(e->namelen, strlen(want));
	assert_memory_equal(e->name, want, strlen(want));
	assert_int_equal(e->name[e->namelen], '\0');
}

/* An archive with one entry named name; return what cpio_next says of it. */
static inline int first_result(const char *name, struct cpio_entry *e, char *got, size_t gotmax)
{
	struct arch a = { .len = 0 };
	struct cpio_iter it;
	uint8_t *buf;
	int r;

	w_file(&a, name, "x");
	w_trailer(&a);
	buf = exact(a.b, a.len);
	cpio_iter_init(&it, buf, (uint32_t)a.len);
	r = cpio_next(&it, e);
	if (r == 1 && got != NULL) {
		assert_true(e->namelen < gotmax);
		memcpy(got, e->name, e->namelen + 1);
	}
	free(buf);
	return r;
}

#endif /* TESTS_UNIT_CPIO_BUILDER_H */
