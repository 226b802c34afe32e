/*
 * test_cpio_find.c - host unit tests for cpio_find() (fs/cpio.c), the
 * lookup of one entry by path: leading "/" and "./" ignored on both
 * sides, near misses not found, the last of several entries with one name
 * wins, and an archive that is malformed anywhere fails the lookup with
 * -EINVAL without touching the caller's entry. Iteration over well-formed
 * and malformed archives is in test_cpio.c and test_cpio_malformed.c.
 *
 * Archives are built with the writer in cpio_builder.h; test_find_hit_miss
 * searches a heap copy of exactly the archive's size, so under
 * AddressSanitizer any over-read is caught.
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

/* ---- lookup by path ---- */

static void test_find_hit_miss(void **state)
{
	struct arch a = { .len = 0 };
	struct cpio_entry e;
	uint8_t *buf;
	uint32_t n;

	(void)state;
	w_entry(&a, ".", S_IFDIR | PERM_DIR, NULL, 0);
	w_entry(&a, "./etc", S_IFDIR | PERM_DIR, NULL, 0);
	w_file(&a, "./etc/passwd", "root:x:0:0::/:/bin/sh\n");
	w_entry(&a, "./bin/sh", S_IFLNK | PERM_LINK, "busybox", 7);
	w_trailer(&a);
	buf = exact(a.b, a.len);
	n = (uint32_t)a.len;

	assert_int_equal(cpio_find(buf, n, "etc/passwd", &e), 0);
	assert_name(&e, "etc/passwd");
	assert_memory_equal(e.data, "root:", 5);
	assert_int_equal(cpio_find(buf, n, "/etc/passwd", &e), 0);
	assert_name(&e, "etc/passwd");
	assert_int_equal(cpio_find(buf, n, "./etc/passwd", &e), 0);
	assert_int_equal(cpio_find(buf, n, "/etc", &e), 0);
	assert_int_equal(e.mode & S_IFMT, S_IFDIR);
	assert_int_equal(cpio_find(buf, n, "bin/sh", &e), 0);
	assert_int_equal(e.mode & S_IFMT, S_IFLNK);
	assert_int_equal(cpio_find(buf, n, "/", &e), 0);
	assert_name(&e, "");
	assert_int_equal(cpio_find(buf, n, "", &e), 0);

	assert_int_equal(cpio_find(buf, n, "etc/pass", &e), -ENOENT);
	assert_int_equal(cpio_find(buf, n, "etc/passwd/", &e), -ENOENT);
	assert_int_equal(cpio_find(buf, n, "etc/passwdx", &e), -ENOENT);
	assert_int_equal(cpio_find(buf, n, "passwd", &e), -ENOENT);
	assert_int_equal(cpio_find(buf, n, "etc//passwd", &e), -ENOENT);   /* not required */
	assert_int_equal(cpio_find(buf, n, CPIO_TRAILER_NAME, &e), -ENOENT);
	assert_int_equal(cpio_find(buf, n, NULL, &e), -EINVAL);
	assert_int_equal(cpio_find(NULL, 0, "etc", &e), -ENOENT);
	free(buf);
}

static void test_find_last_wins(void **state)
{
	struct arch a = { .len = 0 };
	struct cpio_entry e;

	(void)state;
	w_file(&a, "etc/motd", "old");
	w_file(&a, "other", "x");
	w_file(&a, "./etc/motd", "new");
	w_trailer(&a);
	assert_int_equal(cpio_find(a.b, (uint32_t)a.len, "/etc/motd", &e), 0);
	assert_memory_equal(e.data, "new", 3);
}

static void test_find_malformed(void **state)
{
	struct arch a = { .len = 0 };
	struct cpio_entry e, untouched;
	size_t second;

	(void)state;
	w_file(&a, "hit", "1");
	second = w_file(&a, "two", "2");
	w_trailer(&a);
	patch(&a, second, FIELD(c_magic), "070707");
	memset(&e, 0x5a, sizeof(e));
	untouched = e;
	assert_int_equal(cpio_find(a.b, (uint32_t)a.len, "hit", &e), -EINVAL);
	assert_memory_equal(&e, &untouched, sizeof(e));
	assert_int_equal(cpio_find(a.b, (uint32_t)a.len, "nope", &e), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_hit_miss),
		cmocka_unit_test(test_find_last_wins),
		cmocka_unit_test(test_find_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
