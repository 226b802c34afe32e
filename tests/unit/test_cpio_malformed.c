/*
 * test_cpio_malformed.c - host unit tests for the newc cpio reader
 * (fs/cpio.c): malformed archives, each of which must be refused with
 * -EINVAL (and the error must stick). Archives cut short inside a header,
 * a name or the data; bad magic; non-hex digits in every position of
 * every field; zero and huge namesize/filesize; names without their NUL
 * or with ".." components. Well-formed archives are in test_cpio.c, and
 * cpio_find() over a broken archive in test_cpio_find.c.
 *
 * Each archive is built with the writer in cpio_builder.h, corrupted
 * where the test needs to, and parsed from a heap copy of exactly the
 * size the reader is told, so under AddressSanitizer any over-read of a
 * malformed archive is caught.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fs/cpio.h"
#include "uapi/errno.h"
#include "tests/unit/cpio_builder.h"

/* ---- malformed archives ---- */

/* The archive cut at every length inside the second entry's header. */
static void test_truncated_header(void **state)
{
	struct arch a = { .len = 0 };
	size_t second;
	int count;

	(void)state;
	w_file(&a, "one", "1");
	second = w_file(&a, "two", "2");
	w_trailer(&a);
	for (size_t cut = 1; cut < CPIO_HEADER_SIZE; cut++) {
		assert_int_equal(walk(&a, second + cut, &count), -EINVAL);
		assert_int_equal(count, 1);
	}
	/* A header cut short at the very start, too. */
	assert_int_equal(walk(&a, 1, &count), -EINVAL);
	assert_int_equal(count, 0);
}

static void test_truncated_name(void **state)
{
	struct arch a = { .len = 0 };
	size_t at;
	int count;

	(void)state;
	at = w_file(&a, "a-long-file-name", "data");
	w_trailer(&a);
	for (size_t cut = 0; cut < sizeof("a-long-file-name"); cut++) {
		assert_int_equal(walk(&a, at + CPIO_HEADER_SIZE + cut, &count), -EINVAL);
		assert_int_equal(count, 0);
	}
}

static void test_truncated_data(void **state)
{
	static const char text[] = "0123456789abcdef0123";
	struct arch a = { .len = 0 };
	struct cpio_iter it;
	struct cpio_entry e;
	size_t data_at;
	uint8_t *buf;

	(void)state;
	w_file(&a, "f", text);
	w_trailer(&a);
	data_at = CPIO_HEADER_SIZE + sizeof("f");
	data_at += (CPIO_ALIGN - data_at % CPIO_ALIGN) % CPIO_ALIGN;
	for (size_t cut = 0; cut < strlen(text); cut++) {
		int count;

		assert_int_equal(walk(&a, data_at + cut, &count), -EINVAL);
		assert_int_equal(count, 0);
	}

	/* The error is sticky: the iterator does not move past it. */
	buf = exact(a.b, data_at + 1);
	cpio_iter_init(&it, buf, (uint32_t)(data_at + 1));
	assert_int_equal(cpio_next(&it, &e), -EINVAL);
	assert_int_equal(cpio_next(&it, &e), -EINVAL);
	assert_int_equal(it.off, 0);
	free(buf);
}

static void test_bad_magic(void **state)
{
	static const char *bad[] = { "070707", "070703", "070700", "07070 ", "707010" };
	struct arch a = { .len = 0 };
	size_t second;
	int count;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		a.len = 0;
		w_file(&a, "one", "1");
		second = w_file(&a, "two", "2");
		w_trailer(&a);
		patch(&a, second, FIELD(c_magic), bad[i]);
		assert_int_equal(walk_all(&a, &count), -EINVAL);
		assert_int_equal(count, 1);
	}

	/* Zeros where a header should be (padding without a trailer). */
	a.len = 0;
	w_file(&a, "one", "1");
	memset(a.b + a.len, 0, BLOCK);
	a.len += BLOCK;
	assert_int_equal(walk_all(&a, &count), -EINVAL);
	assert_int_equal(count, 1);
}

static void test_non_hex_digit(void **state)
{
	static const char bad[] = { 'g', 'G', 'x', ' ', '-', '+', '\0', '/', ':', '@', '`' };
	struct arch a;
	int count;

	(void)state;
	for (size_t f = 0; f < (CPIO_HEADER_SIZE - CPIO_MAGIC_LEN) / CPIO_FIELD_LEN; f++) {
		for (size_t pos = 0; pos < CPIO_FIELD_LEN; pos++) {
			for (size_t b = 0; b < sizeof(bad); b++) {
				a.len = 0;
				w_file(&a, "one", "1");
				w_trailer(&a);
				a.b[CPIO_MAGIC_LEN + f * CPIO_FIELD_LEN + pos] = (uint8_t)bad[b];
				assert_int_equal(walk_all(&a, &count), -EINVAL);
			}
		}
	}
}

static void test_namesize_zero(void **state)
{
	struct arch a = { .len = 0 };
	size_t at;
	int count;

	(void)state;
	at = w_file(&a, "one", "1");
	w_trailer(&a);
	patch(&a, at, FIELD(c_namesize), "00000000");
	assert_int_equal(walk_all(&a, &count), -EINVAL);
}

/* One file "one" whose header field at field_off is each of values in
 * turn: every such archive is refused with EINVAL. */
static void refuse_each(size_t field_off, const char *const values[], size_t n)
{
	struct arch a;
	int count;

	for (size_t i = 0; i < n; i++) {
		a.len = 0;
		size_t at = w_file(&a, "one", "1");
		w_trailer(&a);
		patch(&a, at, field_off, values[i]);
		assert_int_equal(walk_all(&a, &count), -EINVAL);
	}
}

static void test_namesize_huge(void **state)
{
	static const char *sizes[] = { "FFFFFFFF", "FFFFFFFE", "FFFFFF90", "80000000" };
	struct arch a;
	char field[CPIO_FIELD_LEN + 1];
	size_t at;
	int count;

	(void)state;
	refuse_each(FIELD(c_namesize), sizes, sizeof(sizes) / sizeof(sizes[0]));

	/* One byte more than remains after the header: just past the end. */
	a.len = 0;
	at = w_entry(&a, "abc", S_IFREG, NULL, 0);
	snprintf(field, sizeof(field), "%08zX", a.len - CPIO_HEADER_SIZE + 1);
	patch(&a, at, FIELD(c_namesize), field);
	assert_int_equal(walk_all(&a, &count), -EINVAL);
}

static void test_filesize_huge(void **state)
{
	static const char *sizes[] = { "FFFFFFFF", "FFFFFFFC", "FFFFFF80", "80000000" };
	struct arch a;
	char field[CPIO_FIELD_LEN + 1];
	size_t at, data_at;
	int count;

	(void)state;
	refuse_each(FIELD(c_filesize), sizes, sizeof(sizes) / sizeof(sizes[0]));

	/* Exactly what remains is fine; one more is not. */
	a.len = 0;
	at = w_file(&a, "abc", "1234");
	data_at = a.len - 4;
	w_bytes(&a, "zzzzzzzzz", 9);    /* unclaimed bytes the size may grow into */
	snprintf(field, sizeof(field), "%08zX", a.len - data_at);
	patch(&a, at, FIELD(c_filesize), field);
	assert_int_equal(walk_all(&a, &count), 0);
	assert_int_equal(count, 1);
	snprintf(field, sizeof(field), "%08zX", a.len - data_at + 1);
	patch(&a, at, FIELD(c_filesize), field);
	assert_int_equal(walk_all(&a, &count), -EINVAL);
}

static void test_name_without_nul(void **state)
{
	struct arch a = { .len = 0 };
	struct hdr h = hdr_for("abcd", S_IFREG, 1);
	int count;

	(void)state;
	/* namesize covers "abcd" but not a NUL. */
	h.namesize = 4;
	w_entry_raw(&a, &h, "abcd", 4, "x", 1);
	w_trailer(&a);
	assert_int_equal(walk_all(&a, &count), -EINVAL);

	/* A NUL inside the name, another at the end. */
	a.len = 0;
	h.namesize = 4;
	w_entry_raw(&a, &h, "a\0b", 4, "x", 1);
	w_trailer(&a);
	assert_int_equal(walk_all(&a, &count), -EINVAL);

	/* namesize shorter than the real name: its last byte is not NUL. */
	a.len = 0;
	h.namesize = 2;
	w_entry_raw(&a, &h, "abcd", 5, "x", 1);
	w_trailer(&a);
	assert_int_equal(walk_all(&a, &count), -EINVAL);
}

static void test_dotdot_rejected(void **state)
{
	static const char *bad[] = {
		"../etc", "a/../b", "..", "a/..", "./../x", "/..", "/../etc/passwd",
		"a/b/../../..", "./..",
	};
	static const char *good[] = { "..a", "a..", "a/...b", "...", ".../x", "a/..b/c" };
	struct cpio_entry e;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(first_result(bad[i], &e, NULL, 0), -EINVAL);
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(first_result(good[i], &e, NULL, 0), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truncated_header),
		cmocka_unit_test(test_truncated_name),
		cmocka_unit_test(test_truncated_data),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_non_hex_digit),
		cmocka_unit_test(test_namesize_zero),
		cmocka_unit_test(test_namesize_huge),
		cmocka_unit_test(test_filesize_huge),
		cmocka_unit_test(test_name_without_nul),
		cmocka_unit_test(test_dotdot_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
