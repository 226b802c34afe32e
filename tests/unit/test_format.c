/*
 * test_format.c - host unit tests for the kernel printf engine
 * (kernel/format.c).
 *
 * Most checks compare against a literal expected string. The sweep tests
 * additionally compare against the host libc's snprintf over many
 * flag/width/precision combinations, for the cases where the kernel
 * promises C behaviour.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <cmocka.h>

#include "kernel/format.h"

#define BUF_SIZE 256
#define GUARD    '#'     /* fill byte to catch writes past the allowed size */

/* Format with fn (ksnprintf or raw below) into a local buffer and check
 * both the text and the return value. */
#define EXPECT_BY(fn, want, ...)                                        \
	do {                                                            \
		char buf_[BUF_SIZE];                                    \
		int n_ = fn(buf_, sizeof(buf_), __VA_ARGS__);           \
		assert_string_equal(buf_, (want));                      \
		assert_int_equal(n_, strlen(want));                     \
	} while (0)
#define EXPECT(want, ...) EXPECT_BY(ksnprintf, want, __VA_ARGS__)

/*
 * For formats that are deliberately invalid: no format attribute here, so
 * the compiler's printf checking does not object to them.
 */
static int raw(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#define EXPECT_RAW(want, ...) EXPECT_BY(raw, want, __VA_ARGS__)

/* ---- basics ---- */

static void test_plain_and_percent(void **state)
{
	(void)state;
	EXPECT("", "%s", "");
	EXPECT("hello, world", "hello, world");
	EXPECT("100%", "100%%");
	EXPECT("%%", "%%%%");
	EXPECT("a%b", "a%cb", '%');
}

static void test_decimal(void **state)
{
	(void)state;
	EXPECT("0", "%d", 0);
	EXPECT("42", "%d", 42);
	EXPECT("-42", "%i", -42);
	EXPECT("2147483647", "%d", INT_MAX);
	EXPECT("-2147483648", "%d", INT_MIN);
	EXPECT("-2147483648", "%i", INT_MIN);
	EXPECT("1 -2 3", "%d %d %d", 1, -2, 3);
}

static void test_unsigned(void **state)
{
	(void)state;
	EXPECT("0", "%u", 0u);
	EXPECT("3000000000", "%u", 3000000000u);
	EXPECT("4294967295", "%u", UINT_MAX);
	EXPECT("4294967295", "%u", (unsigned)-1);
}

static void test_hex(void **state)
{
	(void)state;
	EXPECT("0", "%x", 0u);
	EXPECT("deadbeef", "%x", 0xdeadbeefu);
	EXPECT("DEADBEEF", "%X", 0xdeadbeefu);
	EXPECT("ffffffff", "%x", UINT_MAX);
	EXPECT("a", "%x", 10u);
	EXPECT("0x1f", "%#x", 0x1fu);
	EXPECT("0X1F", "%#X", 0x1fu);
	EXPECT("0", "%#x", 0u);         /* C: no prefix for zero */
	EXPECT("0x0000001f", "%#010x", 0x1fu);
}

static void test_char(void **state)
{
	(void)state;
	EXPECT("x", "%c", 'x');
	EXPECT("    x", "%5c", 'x');
	EXPECT("x    |", "%-5c|", 'x');
	EXPECT("abc", "%c%c%c", 'a', 'b', 'c');
}

static void test_string(void **state)
{
	(void)state;
	EXPECT("hello", "%s", "hello");
	EXPECT("   hi", "%5s", "hi");
	EXPECT("hi   |", "%-5s|", "hi");
	EXPECT_RAW("   hi", "%05s", "hi");   /* '0' does not apply to strings */
	EXPECT("hello", "%2s", "hello");  /* width never truncates */
	EXPECT("hel", "%.3s", "hello");
	EXPECT("  hel", "%5.3s", "hello");
	EXPECT("hel  |", "%-5.3s|", "hello");
	EXPECT("", "%.0s", "hello");
	EXPECT("he", "%.*s", 2, "hello");
	EXPECT("hello", "%.*s", -1, "hello");   /* negative: no precision */
	EXPECT("hi", "%.10s", "hi");
}

static void test_string_precision_stops_reading(void **state)
{
	/* Not NUL-terminated: the precision must stop the read. */
	const char raw_chars[3] = { 'a', 'b', 'c' };

	(void)state;
	EXPECT("abc", "%.3s", raw_chars);
	EXPECT("ab", "%.*s", 2, raw_chars);
}

static void test_null_string(void **state)
{
	(void)state;
	EXPECT_RAW("(null)", "%s", (const char *)NULL);
	EXPECT_RAW("  (null)", "%8s", (const char *)NULL);
	EXPECT_RAW("(nu", "%.3s", (const char *)NULL);
}

static void test_pointer(void **state)
{
	char want[BUF_SIZE];
	int x;
	void *p = &x;

	(void)state;
	/* Host: uintptr_t in "0x%08lx" style. */
	snprintf(want, sizeof(want), "0x%08lx", (unsigned long)(uintptr_t)p);
	EXPECT(want, "%p", p);
	EXPECT("0x00000000", "%p", (void *)0);
	EXPECT("0xc0100000", "%p", (void *)(uintptr_t)0xc0100000u);
	EXPECT("0x000b8000", "%p", (void *)(uintptr_t)0xb8000u);
	EXPECT("  0x000b8000", "%12p", (void *)(uintptr_t)0xb8000u);
	EXPECT("0x000b8000  |", "%-12p|", (void *)(uintptr_t)0xb8000u);
	EXPECT("0x123456789a", "%p", (void *)(uintptr_t)0x123456789aull);
}

/* ---- width, zero padding, justification, precision ---- */

static void test_width_and_flags(void **state)
{
	(void)state;
	EXPECT("   42", "%5d", 42);
	EXPECT("42   |", "%-5d|", 42);
	EXPECT("00042", "%05d", 42);
	EXPECT("-0042", "%05d", -42);
	EXPECT("  -42", "%5d", -42);
	EXPECT("-42  |", "%-5d|", -42);
	EXPECT_RAW("42   |", "%-05d|", 42);  /* '-' overrides '0' */
	EXPECT("42", "%1d", 42);
	EXPECT("000000ff", "%08x", 0xffu);
	EXPECT("ff      |", "%-8x|", 0xffu);
	EXPECT("   FF", "%5X", 0xffu);
	EXPECT("+42", "%+d", 42);
	EXPECT("-42", "%+d", -42);
	EXPECT(" 42", "% d", 42);
	EXPECT_RAW("+42", "%+ d", 42);   /* '+' beats ' ' */
	EXPECT("+0042", "%+05d", 42);
	EXPECT_RAW("42", "%+u", 42u);    /* sign flags ignored for unsigned */
}

static void test_star_width(void **state)
{
	(void)state;
	EXPECT("   42", "%*d", 5, 42);
	EXPECT("42   |", "%*d|", -5, 42);   /* negative '*' width: left-justify */
	EXPECT("00042", "%0*d", 5, 42);
	EXPECT("  abc", "%*s", 5, "abc");
	EXPECT("   ab", "%*.*s", 5, 2, "abc");
	EXPECT("x", "%*c", 0, 'x');
}

static void test_integer_precision(void **state)
{
	(void)state;
	EXPECT("00042", "%.5d", 42);
	EXPECT("-00042", "%.5d", -42);
	EXPECT("   00042", "%8.5d", 42);
	EXPECT("00042   |", "%-8.5d|", 42);
	EXPECT_RAW("   00042", "%08.5d", 42);  /* precision disables '0' */
	EXPECT("", "%.0d", 0);             /* zero with zero precision: no digits */
	EXPECT("", "%.d", 0);
	EXPECT("     ", "%5.0d", 0);
	EXPECT("+", "%+.0d", 0);
	EXPECT("7", "%.0d", 7);
	EXPECT("00ff", "%.4x", 0xffu);
	EXPECT("0x00ff", "%#.4x", 0xffu);
	EXPECT("123456", "%.3d", 123456);
	EXPECT("00042", "%.*d", 5, 42);
	EXPECT("42", "%.*d", -1, 42);
	EXPECT_RAW("00042", "%0*.*d", 5, -1, 42);  /* negative: no precision, '0' kept */
}

/* ---- length modifiers ---- */

static void test_long(void **state)
{
	char want[BUF_SIZE];

	(void)state;
	EXPECT("deadbeef", "%lx", 0xdeadbeefUL);
	EXPECT("DEADBEEF", "%lX", 0xdeadbeefUL);
	EXPECT("-123456", "%ld", -123456L);
	EXPECT("4000000000", "%lu", 4000000000UL);
	EXPECT("  ff", "%4lx", 0xffUL);
	/* long is 64-bit on the host and 32-bit on the kernel: ask libc. */
	snprintf(want, sizeof(want), "%ld", LONG_MIN);
	EXPECT(want, "%ld", LONG_MIN);
	snprintf(want, sizeof(want), "%ld", LONG_MAX);
	EXPECT(want, "%ld", LONG_MAX);
	snprintf(want, sizeof(want), "%lu", ULONG_MAX);
	EXPECT(want, "%lu", ULONG_MAX);
	snprintf(want, sizeof(want), "%lx", ULONG_MAX);
	EXPECT(want, "%lx", ULONG_MAX);
}

static void test_long_long(void **state)
{
	(void)state;
	EXPECT("-9223372036854775808", "%lld", LLONG_MIN);
	EXPECT("9223372036854775807", "%lld", LLONG_MAX);
	EXPECT("18446744073709551615", "%llu", ULLONG_MAX);
	EXPECT("ffffffffffffffff", "%llx", ULLONG_MAX);
	EXPECT("FFFFFFFFFFFFFFFF", "%llX", ULLONG_MAX);
	EXPECT("8000000000000000", "%llx", 1ULL << 63);
	EXPECT("4294967296", "%llu", 1ULL << 32);         /* first value > 32 bits */
	EXPECT("4294967295", "%llu", 0xffffffffULL);
	EXPECT("10000000000", "%llu", 10000000000ULL);
	EXPECT("12345678901234567890", "%llu", 12345678901234567890ULL);
	EXPECT("-4294967296", "%lli", -4294967296LL);
	EXPECT("100000000", "%llx", 1ULL << 32);
	EXPECT("0", "%llu", 0ULL);
	EXPECT("  -0000000005", "%13.10lld", -5LL);
	EXPECT("00000000000000000001", "%020llu", 1ULL);
}

static void test_short_lengths(void **state)
{
	(void)state;
	/* Out-of-range ints on purpose, to see the conversion to char/short. */
	EXPECT_RAW("-1", "%hhd", 255);
	EXPECT_RAW("255", "%hhu", -1);
	EXPECT_RAW("ff", "%hhx", 0x1ff);
	EXPECT_RAW("-1", "%hd", 65535);
	EXPECT_RAW("65535", "%hu", -1);
	EXPECT_RAW("1234", "%hx", 0x51234);
	EXPECT("-32768", "%hd", (short)-32768);
	EXPECT("-128", "%hhd", (signed char)-128);
}

static void test_size_lengths(void **state)
{
	char want[BUF_SIZE];

	(void)state;
	EXPECT("12345", "%zu", (size_t)12345);
	EXPECT("abc", "%zx", (size_t)0xabc);
	EXPECT("-7", "%zd", (ptrdiff_t)-7);
	EXPECT("-9", "%td", (ptrdiff_t)-9);
	EXPECT("-5", "%jd", (intmax_t)-5);
	EXPECT("18446744073709551615", "%ju", (uintmax_t)UINTMAX_MAX);
	snprintf(want, sizeof(want), "%zu", SIZE_MAX);
	EXPECT(want, "%zu", SIZE_MAX);
}

/* ---- malformed formats ---- */

static void test_unknown_conversion(void **state)
{
	(void)state;
	EXPECT_RAW("%q", "%q");
	EXPECT_RAW("a%qb", "a%qb");
	EXPECT_RAW("%-5q", "%-5q");
	EXPECT_RAW("%lq", "%lq");
	/* The next conversion still works after an unknown one. */
	EXPECT_RAW("%q 42", "%q %d", 42);
}

static void test_trailing_percent(void **state)
{
	(void)state;
	EXPECT_RAW("%", "%");
	EXPECT_RAW("abc%", "abc%");
	EXPECT_RAW("x%5", "x%5");
	EXPECT_RAW("7%l", "%d%%l", 7);
	EXPECT_RAW("7%l", "%d%l", 7);
}

/* ---- ksnprintf truncation ---- */

static void test_snprintf_size_zero(void **state)
{
	char buf[4] = { GUARD, GUARD, GUARD, GUARD };

	(void)state;
	assert_int_equal(ksnprintf(NULL, 0, "hello %d", 42), 8);
	assert_int_equal(ksnprintf(buf, 0, "hello"), 5);
	assert_int_equal(buf[0], GUARD);    /* nothing written, not even a NUL */
}

static void test_snprintf_size_one(void **state)
{
	char buf[4] = { GUARD, GUARD, GUARD, GUARD };

	(void)state;
	assert_int_equal(ksnprintf(buf, 1, "hello"), 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], GUARD);
}

static void test_snprintf_truncation(void **state)
{
	char buf[16];

	(void)state;
	/* Exact fit: 5 characters and the NUL in 6 bytes. */
	memset(buf, GUARD, sizeof(buf));
	assert_int_equal(ksnprintf(buf, 6, "%s", "hello"), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(buf[6], GUARD);

	/* One byte short: last character gives way to the NUL. */
	memset(buf, GUARD, sizeof(buf));
	assert_int_equal(ksnprintf(buf, 5, "%s", "hello"), 5);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], GUARD);

	/* Truncation in the middle of a padded number. */
	memset(buf, GUARD, sizeof(buf));
	assert_int_equal(ksnprintf(buf, 4, "%08x", 0xabcu), 8);
	assert_string_equal(buf, "000");
	assert_int_equal(buf[4], GUARD);

	/* Empty output still terminates. */
	memset(buf, GUARD, sizeof(buf));
	assert_int_equal(ksnprintf(buf, sizeof(buf), "%s", ""), 0);
	assert_int_equal(buf[0], '\0');
}

/* ---- kvformat with a custom sink ---- */

struct sink {
	char text[BUF_SIZE];
	int n;
};

static void sink_put(char c, void *ctx)
{
	struct sink *s = ctx;

	if (s->n < BUF_SIZE)
		s->text[s->n] = c;
	s->n++;
}

static int sink_format(struct sink *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvformat(sink_put, s, fmt, ap);
	va_end(ap);
	return n;
}

static void test_kvformat_sink(void **state)
{
	struct sink s = { .n = 0 };

	(void)state;
	assert_int_equal(sink_format(&s, "[%c]%d", '\0', -7), 5);
	assert_int_equal(s.n, 5);
	assert_memory_equal(s.text, "[\0]-7", 5);   /* a NUL char is emitted too */

	s.n = 0;
	assert_int_equal(sink_format(&s, ""), 0);
	assert_int_equal(s.n, 0);
}

/* Arguments of mixed sizes must be consumed in order. */
static void test_many_arguments(void **state)
{
	(void)state;
	EXPECT("1 2 3 4 5 6 7 8 9 10 x y",
	       "%d %u %x %ld %lld %hd %zu %s %c %llu %s %c",
	       1, 2u, 3u, 4L, 5LL, (short)6, (size_t)7, "8", '9', 10ULL, "x", 'y');
}

/* ---- sweeps against the host libc ---- */

static const char *const sweep_flags[] = {
	"", "-", "0", "+", " ", "-0", "+0", "-+", " 0", "- ",
};
static const char *const sweep_widths[] = { "", "1", "3", "8", "21", "25" };
static const char *const sweep_precs[] = { "", ".", ".0", ".1", ".3", ".12", ".22" };

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Format v with fmt both ways and demand identical text and return. */
static void compare_ll(const char *fmt, long long v, bool is_signed)
{
	char want[BUF_SIZE], got[BUF_SIZE];
	int wn, gn;

	if (is_signed) {
		wn = snprintf(want, sizeof(want), fmt, v);
		gn = raw(got, sizeof(got), fmt, v);
	} else {
		wn = snprintf(want, sizeof(want), fmt, (unsigned long long)v);
		gn = raw(got, sizeof(got), fmt, (unsigned long long)v);
	}
	if (strcmp(want, got) != 0 || wn != gn)
		print_error("format \"%s\" value %lld: want \"%s\" got \"%s\"\n",
			    fmt, v, want, got);
	assert_string_equal(got, want);
	assert_int_equal(gn, wn);
}

static void compare_int(const char *fmt, int v, bool is_signed)
{
	char want[BUF_SIZE], got[BUF_SIZE];
	int wn, gn;

	if (is_signed) {
		wn = snprintf(want, sizeof(want), fmt, v);
		gn = raw(got, sizeof(got), fmt, v);
	} else {
		wn = snprintf(want, sizeof(want), fmt, (unsigned)v);
		gn = raw(got, sizeof(got), fmt, (unsigned)v);
	}
	if (strcmp(want, got) != 0 || wn != gn)
		print_error("format \"%s\" value %d: want \"%s\" got \"%s\"\n",
			    fmt, v, want, got);
	assert_string_equal(got, want);
	assert_int_equal(gn, wn);
}

static void test_sweep_int_vs_libc(void **state)
{
	static const int values[] = { 0, 1, -1, 7, 42, -42, 255, 65536,
				      123456789, INT_MAX, INT_MIN };
	static const char convs[] = "diuxX";
	char fmt[32];

	(void)state;
	for (size_t f = 0; f < ARRAY_LEN(sweep_flags); f++)
	for (size_t w = 0; w < ARRAY_LEN(sweep_widths); w++)
	for (size_t p = 0; p < ARRAY_LEN(sweep_precs); p++)
	for (size_t c = 0; convs[c] != '\0'; c++)
	for (size_t v = 0; v < ARRAY_LEN(values); v++) {
		snprintf(fmt, sizeof(fmt), "[%%%s%s%s%c]", sweep_flags[f],
			 sweep_widths[w], sweep_precs[p], convs[c]);
		compare_int(fmt, values[v], convs[c] == 'd' || convs[c] == 'i');
	}
}

static void test_sweep_alt_hex_vs_libc(void **state)
{
	static const int values[] = { 0, 1, 0xabc, -1 };
	char fmt[32];

	(void)state;
	for (size_t w = 0; w < ARRAY_LEN(sweep_widths); w++)
	for (size_t p = 0; p < ARRAY_LEN(sweep_precs); p++)
	for (size_t v = 0; v < ARRAY_LEN(values); v++) {
		snprintf(fmt, sizeof(fmt), "[%%#%s%sx]", sweep_widths[w], sweep_precs[p]);
		compare_int(fmt, values[v], false);
		snprintf(fmt, sizeof(fmt), "[%%#0%s%sX]", sweep_widths[w], sweep_precs[p]);
		compare_int(fmt, values[v], false);
		snprintf(fmt, sizeof(fmt), "[%%-#%s%sx]", sweep_widths[w], sweep_precs[p]);
		compare_int(fmt, values[v], false);
	}
}

static void test_sweep_ll_vs_libc(void **state)
{
	static const long long values[] = {
		0, 1, -1, 9, 10, 99, 100, 4294967295LL, 4294967296LL, 4294967297LL,
		-4294967296LL, 9999999999LL, 10000000000LL, 42949672950LL,
		42949672959LL, 1000000000000000000LL, LLONG_MAX, LLONG_MIN,
		(long long)0x8000000000000001ULL, (long long)0xfedcba9876543210ULL,
	};
	static const char *const convs[] = { "lld", "lli", "llu", "llx", "llX" };
	char fmt[32];

	(void)state;
	for (size_t f = 0; f < ARRAY_LEN(sweep_flags); f++)
	for (size_t w = 0; w < ARRAY_LEN(sweep_widths); w++)
	for (size_t p = 0; p < ARRAY_LEN(sweep_precs); p++)
	for (size_t c = 0; c < ARRAY_LEN(convs); c++)
	for (size_t v = 0; v < ARRAY_LEN(values); v++) {
		snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s]", sweep_flags[f],
			 sweep_widths[w], sweep_precs[p], convs[c]);
		compare_ll(fmt, values[v], convs[c][2] == 'd' || convs[c][2] == 'i');
	}
}

/* Decimal conversion of 64-bit values, which avoids 64-bit division. */
static void test_sweep_u64_decimal(void **state)
{
	uint64_t x = 0x9e3779b97f4a7c15ULL;   /* arbitrary odd seed */

	(void)state;
	for (int i = 0; i < 20000; i++) {
		/* xorshift64: cheap, covers all magnitudes via the shift below */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		compare_ll("%llu", (long long)(x >> (i % 64)), false);
		compare_ll("%lld", (long long)(x >> (i % 64)), true);
	}
	/* Around every power of ten and of two. */
	for (uint64_t p = 1;; p *= 10) {
		compare_ll("%llu", (long long)(p - 1), false);
		compare_ll("%llu", (long long)p, false);
		compare_ll("%llu", (long long)(p + 1), false);
		if (p > UINT64_MAX / 10)
			break;          /* p is 10^19, the last power that fits */
	}
	for (int b = 0; b < 64; b++) {
		uint64_t p = 1ULL << b;

		compare_ll("%llu", (long long)(p - 1), false);
		compare_ll("%llu", (long long)p, false);
		compare_ll("%llu", (long long)(p + 1), false);
	}
}

static void test_sweep_string_vs_libc(void **state)
{
	static const char *const strs[] = { "", "a", "hello", "hello world!" };
	static const char *const flags[] = { "", "-" };
	char fmt[32], want[BUF_SIZE], got[BUF_SIZE];

	(void)state;
	for (size_t f = 0; f < ARRAY_LEN(flags); f++)
	for (size_t w = 0; w < ARRAY_LEN(sweep_widths); w++)
	for (size_t p = 0; p < ARRAY_LEN(sweep_precs); p++)
	for (size_t s = 0; s < ARRAY_LEN(strs); s++) {
		snprintf(fmt, sizeof(fmt), "[%%%s%s%ss]", flags[f],
			 sweep_widths[w], sweep_precs[p]);
		int wn = snprintf(want, sizeof(want), fmt, strs[s]);
		int gn = raw(got, sizeof(got), fmt, strs[s]);

		assert_string_equal(got, want);
		assert_int_equal(gn, wn);
	}
}

/* Every buffer size from 0 up, against libc's snprintf. */
static void test_sweep_truncation_vs_libc(void **state)
{
	const char *fmt = "%s=%-6d|%08x|%c";
	char want[BUF_SIZE], got[BUF_SIZE];

	(void)state;
	for (size_t size = 0; size < 40; size++) {
		memset(want, GUARD, sizeof(want));
		memset(got, GUARD, sizeof(got));
		int wn = snprintf(want, size, fmt, "key", -12, 0xbeefu, 'z');
		int gn = raw(got, size, fmt, "key", -12, 0xbeefu, 'z');

		assert_int_equal(gn, wn);
		assert_memory_equal(got, want, sizeof(got));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_percent),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_unsigned),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_char),
		cmocka_unit_test(test_string),
		cmocka_unit_test(test_string_precision_stops_reading),
		cmocka_unit_test(test_null_string),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_width_and_flags),
		cmocka_unit_test(test_star_width),
		cmocka_unit_test(test_integer_precision),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_long_long),
		cmocka_unit_test(test_short_lengths),
		cmocka_unit_test(test_size_lengths),
		cmocka_unit_test(test_unknown_conversion),
		cmocka_unit_test(test_trailing_percent),
		cmocka_unit_test(test_snprintf_size_zero),
		cmocka_unit_test(test_snprintf_size_one),
		cmocka_unit_test(test_snprintf_truncation),
		cmocka_unit_test(test_kvformat_sink),
		cmocka_unit_test(test_many_arguments),
		cmocka_unit_test(test_sweep_int_vs_libc),
		cmocka_unit_test(test_sweep_alt_hex_vs_libc),
		cmocka_unit_test(test_sweep_ll_vs_libc),
		cmocka_unit_test(test_sweep_u64_decimal),
		cmocka_unit_test(test_sweep_string_vs_libc),
		cmocka_unit_test(test_sweep_truncation_vs_libc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
