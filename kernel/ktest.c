/*
 * ktest.c - run the registered in-guest tests and report TAP on COM2.
 * The linker gathers every KTEST descriptor into .ktests (linker.ld).
 */
#include "kernel/ktest.h"
#include "kernel/console.h"
#include "kernel/format.h"
#include "kernel/protect.h"
#include "kernel/string.h"
#include "drivers/debugexit.h"
#include "drivers/serial.h"
#include "mm/frame.h"
#include "mm/kheap.h"
#include <stdarg.h>
#include <stdbool.h>

extern const struct ktest __ktests_start[], __ktests_end[];

static int failures_in_test;

static void tap_put(char c, void *ctx)
{
	(void)ctx;
	serial_putc(COM2_PORT, c);
}

static void tap(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kvformat(tap_put, 0, fmt, ap);
	va_end(ap);
}

void ktest_putc(char c)
{
	serial_putc(COM2_PORT, c);
}

void ktest_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kvformat(tap_put, 0, fmt, ap);
	va_end(ap);
}

void ktest_diag(const char *fmt, ...)
{
	va_list ap;
	tap("# ");
	va_start(ap, fmt);
	kvformat(tap_put, 0, fmt, ap);
	va_end(ap);
	tap("\n");
}

void ktest_fail(const char *file, int line, const char *what)
{
	failures_in_test++;
	tap("# FAILED %s:%d: %s\n", file, line, what);
	kprintf("ktest: FAILED %s:%d: %s\n", file, line, what);
}

void ktest_fail_eq(const char *file, int line, const char *what, uint64_t a, uint64_t b)
{
	failures_in_test++;
	tap("# FAILED %s:%d: %s (%llu != %llu)\n", file, line, what, a, b);
	kprintf("ktest: FAILED %s:%d: %s (%llu != %llu)\n", file, line, what, a, b);
}

bool ktest_filter_match(const char *filter, const char *suite)
{
	if (strcmp(filter, "all") == 0)
		return true;
	size_t n = strlen(suite);
	for (const char *p = filter; *p; ) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, suite, n) == 0)
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

void ktest_run(const char *filter)
{
	int planned = 0, failed = 0, n = 0;
	serial_init(COM2_PORT);
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
		planned += ktest_filter_match(filter, t->suite);
	tap("TAP version 13\n1..%d\n", planned);
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
		if (!ktest_filter_match(filter, t->suite))
			continue;
		failures_in_test = 0;
		kprintf("ktest: %s.%s\n", t->suite, t->name);
		t->fn();
		n++;
		failed += failures_in_test != 0;
		tap("%sok %d - %s.%s\n", failures_in_test ? "not " : "", n, t->suite, t->name);
	}
	kprintf("ktest: %d passed, %d failed\n", n - failed, failed);
	debugexit(failed || planned == 0 ? DEBUGEXIT_FAIL : DEBUGEXIT_PASS);
	for (;;)
		__asm__ volatile("cli; hlt");
}

uint32_t ktest_user_read32(uint32_t va)
{
	user_access_begin();
	uint32_t v = *(volatile uint32_t *)va;
	user_access_end();
	return v;
}

void ktest_user_write32(uint32_t va, uint32_t v)
{
	user_access_begin();
	*(volatile uint32_t *)va = v;
	user_access_end();
}

uint32_t ktest_frames_outside_heap(void)
{
	struct kheap_stats h;
	kheap_get_stats(&h);
	return frame_free_count() + h.pages;
}
