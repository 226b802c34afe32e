/*
 * test_cpio.c - host unit tests for the newc cpio reader (fs/cpio.c):
 * well-formed archives. Entries of every type and every padding, name
 * prefixes, the ways an archive may end (trailer, block padding, no
 * trailer), the newc-with-checksum magic, an unaligned archive, and a
 * real archive. Malformed archives are in test_cpio_malformed.c, lookups
 * by path (cpio_find) in test_cpio_find.c.
 *
 * Most tests build an archive by hand with the writer in cpio_builder.h
 * and copy it into a heap buffer of exactly the archive's size before
 * parsing, so under AddressSanitizer any read past what the reader was
 * told it may read is caught.
 *
 * test_real_sample reads an archive made by GNU cpio instead:
 *     (cd DIR && find . | cpio -o -H newc) > sample.cpio
 *     CPIO_SAMPLE=sample.cpio [CPIO_SAMPLE_DIR=DIR] build/unit/test_cpio
 * It is skipped when CPIO_SAMPLE is unset. With CPIO_SAMPLE_DIR, every
 * entry is also checked against the file it came from (type, size,
 * contents, symlink target).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fs/cpio.h"
#include "uapi/errno.h"
#include "tests/unit/cpio_builder.h"

#define NAME_MAX_TEST   256
#define SAMPLE_MAX      (128u << 20)    /* refuse absurd sample files (the initramfs is 64 MiB) */

/* ---- well-formed archives ---- */

static void test_header_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct cpio_newc_header), CPIO_HEADER_SIZE);
	assert_int_equal(FIELD(c_ino), 6);
	assert_int_equal(FIELD(c_filesize), 54);
	assert_int_equal(FIELD(c_namesize), 94);
	assert_int_equal(FIELD(c_check), 102);
}

static void test_regular_file(void **state)
{
	struct arch a = { .len = 0 };
	struct hdr h = {
		.magic = CPIO_MAGIC_NEWC, .ino = 0x1234, .mode = S_IFREG | PERM_FILE,
		.uid = 1000, .gid = 100, .nlink = 1, .mtime = 0x5f5e1000,
		.filesize = 5, .devmajor = 8, .devminor = 1, .rdevmajor = 0,
		.rdevminor = 0, .namesize = sizeof("etc/motd"), .check = 0,
	};
	struct cpio_iter it;
	struct cpio_entry e;
	uint8_t *buf;

	(void)state;
	w_entry_raw(&a, &h, "etc/motd", sizeof("etc/motd"), "hello", 5);
	w_trailer(&a);
	buf = exact(a.b, a.len);
	cpio_iter_init(&it, buf, (uint32_t)a.len);

	assert_int_equal(cpio_next(&it, &e), 1);
	assert_name(&e, "etc/motd");
	assert_int_equal(e.mode, S_IFREG | PERM_FILE);
	assert_int_equal(e.ino, 0x1234);
	assert_int_equal(e.uid, 1000);
	assert_int_equal(e.gid, 100);
	assert_int_equal(e.nlink, 1);
	assert_int_equal(e.mtime, 0x5f5e1000);
	assert_int_equal(e.rdevmajor, 0);
	assert_int_equal(e.rdevminor, 0);
	assert_int_equal(e.size, 5);
	assert_memory_equal(e.data, "hello", 5);
	/* Pointers lie inside the archive; data starts 4-aligned. */
	assert_true((const uint8_t *)e.name >= buf && (const uint8_t *)e.name < buf + a.len);
	assert_int_equal(((const uint8_t *)e.data - buf) % CPIO_ALIGN, 0);

	assert_int_equal(cpio_next(&it, &e), 0);
	assert_true(it.done);
	assert_int_equal(cpio_next(&it, &e), 0);       /* and stays there */
	free(buf);
}

static void test_directory_and_device(void **state)
{
	struct arch a = { .len = 0 };
	struct hdr h = hdr_for("dev/ttyS0", S_IFCHR | 0620, 0);
	struct cpio_iter it;
	struct cpio_entry e;
	uint8_t *buf;

	(void)state;
	w_entry(&a, "etc", S_IFDIR | PERM_DIR, NULL, 0);
	h.rdevmajor = 4;
	h.rdevminor = 64;
	w_entry_raw(&a, &h, "dev/ttyS0", sizeof("dev/ttyS0"), NULL, 0);
	w_trailer(&a);
	buf = exact(a.b, a.len);
	cpio_iter_init(&it, buf, (uint32_t)a.len);

	assert_int_equal(cpio_next(&it, &e), 1);
	assert_name(&e, "etc");
	assert_int_equal(e.mode & S_IFMT, S_IFDIR);
	assert_int_equal(e.mode & ~S_IFMT, PERM_DIR);
	assert_int_equal(e.size, 0);

	assert_int_equal(cpio_next(&it, &e), 1);
	assert_name(&e, "dev/ttyS0");
	assert_int_equal(e.mode & S_IFMT, S_IFCHR);
	assert_int_equal(e.rdevmajor, 4);
	assert_int_equal(e.rdevminor, 64);

	assert_int_equal(cpio_next(&it, &e), 0);
	free(buf);
}

static void test_symlink(void **state)
{
	static const char target[] = "../lib/ld.so";    /* ".." in a TARGET is fine */
	struct arch a = { .len = 0 };
	struct cpio_iter it;
	struct cpio_entry e;
	uint8_t *buf;

	(void)state;
	w_entry(&a, "bin/ld", S_IFLNK | PERM_LINK, target, strlen(target));
	w_trailer(&a);
	buf = exact(a.b, a.len);
	cpio_iter_init(&it, buf, (uint32_t)a.len);

	assert_int_equal(cpio_next(&it, &e), 1);
	assert_name(&e, "bin/ld");
	assert_int_equal(e.mode & S_IFMT, S_IFLNK);
	assert_int_equal(e.size, strlen(target));      /* no NUL counted */
	assert_memory_equal(e.data, target, strlen(target));
	assert_int_equal(cpio_next(&it, &e), 0);
	free(buf);
}

static void test_empty_file(void **state)
{
	struct arch a = { .len = 0 };
	struct cpio_iter it;
	struct cpio_entry e;
	uint8_t *buf;

	(void)state;
	w_file(&a, "empty", "");
	w_file(&a, "after", "abc");
	w_trailer(&a);
	buf = exact(a.b, a.len);
	cpio_iter_init(&it, buf, (uint32_t)a.len);

	assert_int_equal(cpio_next(&it, &e), 1);
	assert_name(&e, "empty");
	assert_int_equal(e.size, 0);
	assert_non_null(e.data);
	assert_int_equal(cpio_next(&it, &e), 1);
	assert_name(&e, "after");
	assert_memory_equal(e.data, "abc", 3);
	assert_int_equal(cpio_next(&it, &e), 0);
	free(buf);
}

/* Every name length 1..8 and data length 0..8, to exercise all paddings. */
static void test_all_paddings(void **state)
{
	struct arch a = { .len = 0 };
	char names[8][9], data[9] = "abcdefgh";
	struct cpio_iter it;
	struct cpio_entry e;
	uint8_t *buf;

	(void)state;
	for (int n = 0; n < 8; n++) {
		memset(names[n], 'a' + n, (size_t)n + 1);
		names[n][n + 1] = '\0';
		for (int d = 0; d <= 8; d++)
			w_entry(&a, names[n], S_IFREG | PERM_FILE, data, (size_t)d);
	}
	w_trailer(&a);
	buf = exact(a.b, a.len);
	cpio_iter_init(&it, buf, (uint32_t)a.len);
	for (int n = 0; n < 8; n++) {
		for (int d = 0; d <= 8; d++) {
			assert_int_equal(cpio_next(&it, &e), 1);
			assert_name(&e, names[n]);
			assert_int_equal(e.size, d);
			assert_memory_equal(e.data, data, (size_t)d);
		}
	}
	assert_int_equal(cpio_next(&it, &e), 0);
	free(buf);
}

static void test_name_prefixes(void **state)
{
	static const struct { const char *raw, *want; } cases[] = {
		{ "./a",        "a" },
		{ "/b",         "b" },
		{ "././c",      "c" },
		{ "//d",        "d" },
		{ "/./e/f",     "e/f" },
		{ "./.hidden",  ".hidden" },
		{ ".",          "" },           /* find . emits the top directory */
		{ "./",         "" },
		{ "/",          "" },
		{ "a/./b",      "a/./b" },      /* only LEADING prefixes go */
		{ "a//b/",      "a//b/" },
		{ "...",        "..." },
	};
	struct cpio_entry e;
	char got[NAME_MAX_TEST];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(first_result(cases[i].raw, &e, got, sizeof(got)), 1);
		assert_string_equal(got, cases[i].want);
		assert_int_equal(e.namelen, strlen(cases[i].want));
	}
}

static void test_trailer_ends_archive(void **state)
{
	struct arch a = { .len = 0 };
	int count;

	(void)state;
	w_file(&a, "one", "1");
	w_trailer(&a);
	w_file(&a, "hidden", "not an entry: after the trailer");
	assert_int_equal(walk_all(&a, &count), 0);
	assert_int_equal(count, 1);

	/* Zero padding to a block, as GNU cpio writes. */
	a.len = 0;
	w_file(&a, "one", "1");
	w_trailer(&a);
	memset(a.b + a.len, 0, BLOCK - a.len % BLOCK);
	a.len += BLOCK - a.len % BLOCK;
	assert_int_equal(walk_all(&a, &count), 0);
	assert_int_equal(count, 1);

	/* The trailer alone is an empty archive. */
	a.len = 0;
	w_trailer(&a);
	assert_int_equal(walk_all(&a, &count), 0);
	assert_int_equal(count, 0);
}

/* Writers other than GNU cpio may stop right after "TRAILER!!!\0". */
static void test_trailer_unpadded(void **state)
{
	struct arch a = { .len = 0 };
	size_t end;
	int count;

	(void)state;
	w_file(&a, "one", "1");
	end = a.len + CPIO_HEADER_SIZE + sizeof(CPIO_TRAILER_NAME);
	w_trailer(&a);
	assert_true(end < a.len);       /* 121 bytes: the padding is really cut */
	assert_int_equal(walk(&a, end, &count), 0);
	assert_int_equal(count, 1);
}

static void test_no_trailer(void **state)
{
	struct arch a = { .len = 0 };
	struct cpio_iter it;
	struct cpio_entry e;
	int count;

	(void)state;
	w_file(&a, "one", "1");
	w_file(&a, "two", "22");
	assert_int_equal(walk_all(&a, &count), 0);
	assert_int_equal(count, 2);

	/* The last data's padding may be cut off by the end. */
	assert_int_equal(walk(&a, a.len - 2, &count), 0);
	assert_int_equal(count, 2);

	/* Empty and NULL archives: nothing in them. */
	cpio_iter_init(&it, a.b, 0);
	assert_int_equal(cpio_next(&it, &e), 0);
	cpio_iter_init(&it, NULL, 1234);
	assert_int_equal(cpio_next(&it, &e), 0);
}

static void test_lowercase_hex(void **state)
{
	struct arch a = { .len = 0 };
	struct cpio_entry e;
	struct cpio_iter it;
	size_t at;

	(void)state;
	at = w_file(&a, "one", "1");
	w_trailer(&a);
	patch(&a, at, FIELD(c_ino), "00abcdef");
	patch(&a, at, FIELD(c_mtime), "DeadBeef");
	cpio_iter_init(&it, a.b, (uint32_t)a.len);
	assert_int_equal(cpio_next(&it, &e), 1);
	assert_int_equal(e.ino, 0xabcdef);
	assert_int_equal(e.mtime, 0xdeadbeef);
}

static void test_newc_crc_accepted(void **state)
{
	struct arch a = { .len = 0 };
	struct hdr h = hdr_for("sum", S_IFREG | PERM_FILE, 3);
	struct cpio_iter it;
	struct cpio_entry e;

	(void)state;
	h.magic = CPIO_MAGIC_NEWC_CRC;
	h.check = 0xdeadbeef;           /* wrong on purpose: not verified */
	w_entry_raw(&a, &h, "sum", sizeof("sum"), "abc", 3);
	w_trailer(&a);
	cpio_iter_init(&it, a.b, (uint32_t)a.len);
	assert_int_equal(cpio_next(&it, &e), 1);
	assert_name(&e, "sum");
	assert_memory_equal(e.data, "abc", 3);
	assert_int_equal(cpio_next(&it, &e), 0);
}

/* The archive need not be aligned in memory; padding counts from its start. */
static void test_unaligned_base(void **state)
{
	struct arch a = { .len = 0 };
	uint8_t *buf;
	struct cpio_entry e;

	(void)state;
	w_file(&a, "x/y", "hello");
	w_trailer(&a);
	buf = malloc(a.len + 1);
	assert_non_null(buf);
	memcpy(buf + 1, a.b, a.len);
	assert_int_equal(cpio_find(buf + 1, (uint32_t)a.len, "x/y", &e), 0);
	assert_memory_equal(e.data, "hello", 5);
	free(buf);
}

/* ---- a real archive from GNU cpio ---- */

static uint8_t *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0 && (unsigned long)n <= SAMPLE_MAX);
	rewind(f);
	buf = malloc(n > 0 ? (size_t)n : 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/*
 * Compare entry e with the file it was made from, under dir. Not c_ino:
 * --reproducible renumbers inodes. Regular files with several links are
 * skipped for contents, since newc stores the data with the last link only.
 */
static void check_against_disk(const char *dir, const struct cpio_entry *e)
{
	char path[4096], link[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, e->name);
	assert_int_equal(lstat(path, &st), 0);
	assert_int_equal(e->mode, (uint32_t)st.st_mode);
	assert_int_equal(e->uid, (uint32_t)st.st_uid);
	assert_int_equal(e->mtime, (uint32_t)st.st_mtime);
	if (S_ISREG(st.st_mode) && st.st_nlink == 1) {
		uint8_t *want;
		size_t wlen;

		want = read_whole(path, &wlen);
		assert_int_equal(e->size, wlen);
		assert_memory_equal(e->data, want, wlen);
		free(want);
	} else if (S_ISLNK(st.st_mode)) {
		ssize_t n = readlink(path, link, sizeof(link));

		assert_true(n >= 0);
		assert_int_equal(e->size, (size_t)n);
		assert_memory_equal(e->data, link, (size_t)n);
	}
}

static void test_real_sample(void **state)
{
	const char *path = getenv("CPIO_SAMPLE");
	const char *dir = getenv("CPIO_SAMPLE_DIR");
	struct cpio_iter it;
	struct cpio_entry e, found;
	uint8_t *buf;
	size_t len;
	int r, count = 0;

	(void)state;
	if (path == NULL || path[0] == '\0')
		skip();
	buf = read_whole(path, &len);
	cpio_iter_init(&it, buf, (uint32_t)len);
	while ((r = cpio_next(&it, &e)) == 1) {
		count++;
		assert_true((const uint8_t *)e.name >= buf &&
			    (const uint8_t *)e.name + e.namelen < buf + len);
		assert_int_equal(e.name[e.namelen], '\0');
		assert_int_equal(strlen(e.name), e.namelen);
		assert_true((const uint8_t *)e.data >= buf &&
			    e.size <= (size_t)(buf + len - (const uint8_t *)e.data));
		if ((e.mode & S_IFMT) == S_IFDIR)
			assert_int_equal(e.size, 0);
		/* Every entry can be found by its name, with a leading "/". */
		{
			char withslash[4096];

			snprintf(withslash, sizeof(withslash), "/%s", e.name);
			assert_int_equal(cpio_find(buf, (uint32_t)len, withslash, &found), 0);
			assert_int_equal(found.namelen, e.namelen);
		}
		if (dir != NULL && dir[0] != '\0')
			check_against_disk(dir, &e);
	}
	assert_int_equal(r, 0);
	assert_true(count > 0);
	print_message("# %s: %d entries\n", path, count);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_layout),
		cmocka_unit_test(test_regular_file),
		cmocka_unit_test(test_directory_and_device),
		cmocka_unit_test(test_symlink),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_all_paddings),
		cmocka_unit_test(test_name_prefixes),
		cmocka_unit_test(test_trailer_ends_archive),
		cmocka_unit_test(test_trailer_unpadded),
		cmocka_unit_test(test_no_trailer),
		cmocka_unit_test(test_lowercase_hex),
		cmocka_unit_test(test_newc_crc_accepted),
		cmocka_unit_test(test_unaligned_base),
		cmocka_unit_test(test_real_sample),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
