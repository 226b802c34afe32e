/*
 * test_cmdline.c - host unit tests for kernel command line parsing
 * (kernel/cmdline.c).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <cmocka.h>

#include "kernel/cmdline.h"

#define DEF (-99L)      /* cmdline_get_long default, distinct from any value used */

/* Check option i is exactly key=val. */
static void assert_opt(const struct cmdline *c, int i, const char *key, const char *val)
{
	assert_true(i < c->count);
	assert_string_equal(c->opt[i].key, key);
	assert_string_equal(c->opt[i].val, val);
}

/* Every key and value must live inside the struct's own buffer. */
static void assert_points_into_buf(const struct cmdline *c)
{
	for (int i = 0; i < c->count; i++) {
		assert_true(c->opt[i].key >= c->buf && c->opt[i].key < c->buf + CMDLINE_MAX);
		assert_true(c->opt[i].val >= c->buf && c->opt[i].val < c->buf + CMDLINE_MAX);
	}
}

static void test_null_and_empty(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, NULL);
	assert_int_equal(c.count, 0);
	assert_int_equal(c.dropped, 0);
	assert_null(cmdline_get(&c, "root"));
	assert_false(cmdline_has(&c, "root"));
	assert_int_equal(cmdline_get_long(&c, "root", DEF), DEF);

	cmdline_parse(&c, "");
	assert_int_equal(c.count, 0);
	assert_int_equal(c.dropped, 0);

	cmdline_parse(&c, "  \t \t  ");
	assert_int_equal(c.count, 0);
	assert_false(cmdline_has(&c, ""));
}

static void test_reparse_resets(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, "a b c");
	assert_int_equal(c.count, 3);
	cmdline_parse(&c, "d");
	assert_int_equal(c.count, 1);
	assert_false(cmdline_has(&c, "a"));
	assert_true(cmdline_has(&c, "d"));
}

static void test_key_values(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, "root=/dev/hda1 console=ttyS0 init=/sbin/init");
	assert_int_equal(c.count, 3);
	assert_int_equal(c.dropped, 0);
	assert_opt(&c, 0, "root", "/dev/hda1");
	assert_opt(&c, 1, "console", "ttyS0");
	assert_opt(&c, 2, "init", "/sbin/init");
	assert_string_equal(cmdline_get(&c, "root"), "/dev/hda1");
	assert_string_equal(cmdline_get(&c, "init"), "/sbin/init");
	assert_null(cmdline_get(&c, "roo"));      /* no prefix matching */
	assert_null(cmdline_get(&c, "rootx"));
	assert_null(cmdline_get(&c, "/dev/hda1"));  /* values are not keys */
	assert_points_into_buf(&c);
}

static void test_bare_flags(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, "quiet debug=1 nosmp");
	assert_int_equal(c.count, 3);
	assert_opt(&c, 0, "quiet", "");
	assert_opt(&c, 2, "nosmp", "");
	assert_non_null(cmdline_get(&c, "quiet"));
	assert_string_equal(cmdline_get(&c, "quiet"), "");
	assert_true(cmdline_has(&c, "quiet"));
	assert_true(cmdline_has(&c, "nosmp"));
	assert_true(cmdline_has(&c, "debug"));
	assert_false(cmdline_has(&c, "verbose"));
	assert_points_into_buf(&c);
}

static void test_empty_value(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, "init= x");
	assert_opt(&c, 0, "init", "");
	assert_true(cmdline_has(&c, "init"));
	assert_int_equal(cmdline_get_long(&c, "init", DEF), DEF);
}

static void test_separators(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, "\t  a=1\t\tb   c=3  \t");
	assert_int_equal(c.count, 3);
	assert_opt(&c, 0, "a", "1");
	assert_opt(&c, 1, "b", "");
	assert_opt(&c, 2, "c", "3");
}

static void test_last_wins(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, "loglevel=3 quiet loglevel=7 console=tty0 console=ttyS0");
	assert_string_equal(cmdline_get(&c, "loglevel"), "7");
	assert_int_equal(cmdline_get_long(&c, "loglevel", DEF), 7);
	assert_string_equal(cmdline_get(&c, "console"), "ttyS0");
	/* All occurrences are kept, in order. */
	assert_int_equal(c.count, 5);
	assert_opt(&c, 0, "loglevel", "3");

	/* A later bare flag overrides an earlier value too. */
	cmdline_parse(&c, "x=5 x");
	assert_string_equal(cmdline_get(&c, "x"), "");
	assert_int_equal(cmdline_get_long(&c, "x", DEF), DEF);
}

static void test_split_at_first_equals(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, "a=b=c opts=ro=1,rw=0 e==");
	assert_opt(&c, 0, "a", "b=c");
	assert_opt(&c, 1, "opts", "ro=1,rw=0");
	assert_opt(&c, 2, "e", "=");
}

static void test_quotes(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, "root=/dev/sda init=\"/bin/sh -x\" quiet");
	assert_int_equal(c.count, 3);
	assert_opt(&c, 0, "root", "/dev/sda");
	assert_opt(&c, 1, "init", "/bin/sh -x");
	assert_opt(&c, 2, "quiet", "");
	assert_string_equal(cmdline_get(&c, "init"), "/bin/sh -x");
	assert_points_into_buf(&c);
}

static void test_quote_edge_cases(void **state)
{
	struct cmdline c;

	(void)state;
	/* Tabs and '=' inside quotes are literal; empty quotes give "". */
	cmdline_parse(&c, "a=\"x\ty=z\" b=\"\" c=\"  \"");
	assert_int_equal(c.count, 3);
	assert_opt(&c, 0, "a", "x\ty=z");
	assert_opt(&c, 1, "b", "");
	assert_opt(&c, 2, "c", "  ");

	/* Quotes inside a word are removed and join the pieces. */
	cmdline_parse(&c, "msg=\"hello world\"! k\"e y\"=v");
	assert_int_equal(c.count, 2);
	assert_opt(&c, 0, "msg", "hello world!");
	assert_opt(&c, 1, "ke y", "v");

	/* An unclosed quote runs to the end of the line. */
	cmdline_parse(&c, "a=1 init=\"/bin/sh -c x");
	assert_int_equal(c.count, 2);
	assert_opt(&c, 1, "init", "/bin/sh -c x");

	/* A quoted '=' in the key position does not split. */
	cmdline_parse(&c, "\"a=b\"=c");
	assert_int_equal(c.count, 1);
	assert_opt(&c, 0, "a=b", "c");
}

static void test_empty_keys_ignored(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, "=x \"\" a =");
	assert_int_equal(c.count, 1);
	assert_int_equal(c.dropped, 0);
	assert_opt(&c, 0, "a", "");
}

static void test_source_not_modified(void **state)
{
	struct cmdline c;
	char src[] = "a=\"1 2\" b=c";

	(void)state;
	cmdline_parse(&c, src);
	assert_string_equal(src, "a=\"1 2\" b=c");
	assert_opt(&c, 0, "a", "1 2");
}

static void test_truncation(void **state)
{
	static struct cmdline c;
	char src[CMDLINE_MAX * 2];
	size_t len;

	(void)state;
	/* One key whose value is far longer than the buffer. */
	memset(src, 'v', sizeof(src));
	memcpy(src, "k=", 2);
	src[sizeof(src) - 1] = '\0';
	memset(&c, 0x5a, sizeof(c));
	cmdline_parse(&c, src);
	assert_int_equal(c.count, 1);
	len = strlen(cmdline_get(&c, "k"));
	assert_int_equal(len, CMDLINE_MAX - 1 - 2);     /* room left after "k=" */
	assert_int_equal(c.buf[CMDLINE_MAX - 1], '\0');
	assert_points_into_buf(&c);

	/* Exactly CMDLINE_MAX-1 characters fit with nothing lost. */
	memset(src, 'w', CMDLINE_MAX - 1);
	src[0] = 'k';
	src[1] = '=';
	src[CMDLINE_MAX - 1] = '\0';
	cmdline_parse(&c, src);
	assert_int_equal(strlen(cmdline_get(&c, "k")), CMDLINE_MAX - 3);

	/* A cut through the middle of a later option keeps the earlier ones. */
	memset(src, 'x', sizeof(src));
	memcpy(src, "first=1 ", 8);
	/* " last=" ends 6 characters before the last stored one. */
	memcpy(src + CMDLINE_MAX - 1 - 6 - 6, " last=abcdefgh", 14);
	src[sizeof(src) - 1] = '\0';
	cmdline_parse(&c, src);
	assert_int_equal(c.count, 3);
	assert_opt(&c, 0, "first", "1");
	assert_opt(&c, 2, "last", "abcdef");   /* the rest did not fit */
}

static void test_too_many_options(void **state)
{
	struct cmdline c;
	char src[CMDLINE_MAX];
	char key[16];
	size_t pos = 0;
	const int total = CMDLINE_OPTS_MAX + 5;

	(void)state;
	for (int i = 0; i < total; i++)
		pos += (size_t)snprintf(src + pos, sizeof(src) - pos, "o%d=%d ", i, i);
	assert_true(pos < sizeof(src) - 1);     /* the input itself fits */
	cmdline_parse(&c, src);
	assert_int_equal(c.count, CMDLINE_OPTS_MAX);
	assert_int_equal(c.dropped, total - CMDLINE_OPTS_MAX);
	/* The first options are kept, the extra ones are not visible. */
	snprintf(key, sizeof(key), "o%d", CMDLINE_OPTS_MAX - 1);
	assert_int_equal(cmdline_get_long(&c, key, DEF), CMDLINE_OPTS_MAX - 1);
	snprintf(key, sizeof(key), "o%d", CMDLINE_OPTS_MAX);
	assert_false(cmdline_has(&c, key));
	assert_int_equal(cmdline_get_long(&c, "o0", DEF), 0);
}

static void test_exactly_max_options(void **state)
{
	struct cmdline c;
	char src[CMDLINE_MAX];
	size_t pos = 0;

	(void)state;
	for (int i = 0; i < CMDLINE_OPTS_MAX; i++)
		pos += (size_t)snprintf(src + pos, sizeof(src) - pos, "f%d ", i);
	cmdline_parse(&c, src);
	assert_int_equal(c.count, CMDLINE_OPTS_MAX);
	assert_int_equal(c.dropped, 0);
}

static void test_get_long(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, "a=42 b=-17 c=0x1F d=0XfF e=+5 f=0 g=-0x10 h=007 i=-0");
	assert_int_equal(cmdline_get_long(&c, "a", DEF), 42);
	assert_int_equal(cmdline_get_long(&c, "b", DEF), -17);
	assert_int_equal(cmdline_get_long(&c, "c", DEF), 0x1f);
	assert_int_equal(cmdline_get_long(&c, "d", DEF), 0xff);
	assert_int_equal(cmdline_get_long(&c, "e", DEF), 5);
	assert_int_equal(cmdline_get_long(&c, "f", DEF), 0);
	assert_int_equal(cmdline_get_long(&c, "g", DEF), -16);
	assert_int_equal(cmdline_get_long(&c, "h", DEF), 7);       /* decimal, not octal */
	assert_int_equal(cmdline_get_long(&c, "i", DEF), 0);
	assert_int_equal(cmdline_get_long(&c, "absent", DEF), DEF);
}

static void test_get_long_garbage(void **state)
{
	struct cmdline c;

	(void)state;
	cmdline_parse(&c, "a=12abc b=abc c=0x d=- e=0xg f=1.5 g= flag h=\" 5\" "
			  "i=5\" \" j=--1 k=0x-1 l=1f");
	static const char *const keys[] = {
		"a", "b", "c", "d", "e", "f", "g", "flag", "h", "i", "j", "k", "l",
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		assert_true(cmdline_has(&c, keys[i]));
		if (cmdline_get_long(&c, keys[i], DEF) != DEF)
			print_error("key %s parsed as a number\n", keys[i]);
		assert_int_equal(cmdline_get_long(&c, keys[i], DEF), DEF);
	}
}

static void test_get_long_limits(void **state)
{
	struct cmdline c;
	char src[CMDLINE_MAX];

	(void)state;
	snprintf(src, sizeof(src), "max=%ld min=%ld hmax=0x%lx over=%lu0 under=-%lu0",
		 LONG_MAX, LONG_MIN, (unsigned long)LONG_MAX, (unsigned long)LONG_MAX,
		 (unsigned long)LONG_MAX);
	cmdline_parse(&c, src);
	assert_int_equal(cmdline_get_long(&c, "max", DEF), LONG_MAX);
	assert_int_equal(cmdline_get_long(&c, "min", DEF), LONG_MIN);
	assert_int_equal(cmdline_get_long(&c, "hmax", DEF), LONG_MAX);
	assert_int_equal(cmdline_get_long(&c, "over", DEF), DEF);
	assert_int_equal(cmdline_get_long(&c, "under", DEF), DEF);

	/* One past the limits in each direction. */
	snprintf(src, sizeof(src), "p=%lu n=-%lu hp=0x%lx",
		 (unsigned long)LONG_MAX + 1, (unsigned long)LONG_MAX + 2,
		 (unsigned long)LONG_MAX + 1);
	cmdline_parse(&c, src);
	assert_int_equal(cmdline_get_long(&c, "p", DEF), DEF);
	assert_int_equal(cmdline_get_long(&c, "n", DEF), DEF);
	assert_int_equal(cmdline_get_long(&c, "hp", DEF), DEF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_reparse_resets),
		cmocka_unit_test(test_key_values),
		cmocka_unit_test(test_bare_flags),
		cmocka_unit_test(test_empty_value),
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_last_wins),
		cmocka_unit_test(test_split_at_first_equals),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_quote_edge_cases),
		cmocka_unit_test(test_empty_keys_ignored),
		cmocka_unit_test(test_source_not_modified),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_too_many_options),
		cmocka_unit_test(test_exactly_max_options),
		cmocka_unit_test(test_get_long),
		cmocka_unit_test(test_get_long_garbage),
		cmocka_unit_test(test_get_long_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
