/*
 * test_path.c - host unit tests for the path walker's name splitting
 * (fs/path.c): slashes repeated, leading and trailing, "." and "..", the
 * longest allowed name and one byte more (ENAMETOOLONG), the empty path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fs/path.h"
#include "uapi/errno.h"
#include "uapi/limits.h"

/* Split p into names joined by '|' in out; the last return value. */
static int split(const char *p, char *out)
{
	const char *name;
	uint32_t len;
	int r;
	out[0] = '\0';
	while ((r = path_next(&p, &name, &len)) == 1) {
		if (out[0])
			strcat(out, "|");
		strncat(out, name, len);
	}
	return r;
}

static void test_slashes_are_separators_only(void **state)
{
	char out[64];
	(void)state;
	assert_int_equal(split("a/b/c", out), 0);
	assert_string_equal(out, "a|b|c");
	assert_int_equal(split("//a///b//", out), 0);
	assert_string_equal(out, "a|b");
	assert_int_equal(split("/", out), 0);
	assert_string_equal(out, "");
	assert_int_equal(split("", out), 0);
	assert_string_equal(out, "");
	assert_int_equal(split("./../.x", out), 0);
	assert_string_equal(out, ".|..|.x");
}

static void test_trailing_slash_and_end(void **state)
{
	const char *p = "dir//", *name;
	uint32_t len;
	(void)state;
	assert_int_equal(path_next(&p, &name, &len), 1);
	assert_int_equal(len, 3);
	assert_true(path_trailing_slash(p));
	assert_true(path_at_end(p));
	p = "a/b";
	path_next(&p, &name, &len);
	assert_false(path_at_end(p));
	assert_false(path_trailing_slash(p));
	path_next(&p, &name, &len);
	assert_true(path_at_end(p));
	assert_false(path_trailing_slash(p));
}

static void test_dots(void **state)
{
	(void)state;
	assert_true(path_is_dot(".", 1));
	assert_false(path_is_dot("..", 2));
	assert_true(path_is_dotdot("..", 2));
	assert_false(path_is_dotdot(".a", 2));
	assert_false(path_is_dotdot("...", 3));
}

/* A name of NAME_MAX bytes is fine; one byte more is ENAMETOOLONG, and
 * the walk does not move past it. */
static void test_name_longer_than_name_max(void **state)
{
	char buf[NAME_MAX + 8];
	const char *p = buf, *name;
	uint32_t len;
	(void)state;
	memset(buf, 'n', NAME_MAX);
	buf[NAME_MAX] = '\0';
	assert_int_equal(path_next(&p, &name, &len), 1);
	assert_int_equal(len, NAME_MAX);
	memset(buf, 'n', NAME_MAX + 1);
	strcpy(buf + NAME_MAX + 1, "/x");
	p = buf;
	assert_int_equal(path_next(&p, &name, &len), -ENAMETOOLONG);
	assert_ptr_equal(p, buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slashes_are_separators_only),
		cmocka_unit_test(test_trailing_slash_and_end),
		cmocka_unit_test(test_dots),
		cmocka_unit_test(test_name_longer_than_name_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
