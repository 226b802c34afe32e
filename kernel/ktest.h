/*
 * ktest.h - in-guest tests. A test is a function registered with KTEST();
 * `test=all` (or `test=SUITE[,SUITE...]`) on the kernel command line runs
 * them after boot, reports TAP on COM2, and ends QEMU through
 * isa-debug-exit: DEBUGEXIT_PASS when every test passed, else FAIL.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <stdbool.h>
#include <stdint.h>
#include "kernel/wait.h"

struct ktest {
	const char *suite;
	const char *name;
	void (*fn)(void);
};

#define KTEST(suite, name)                                                   \
	static void ktest_##suite##_##name(void);                            \
	static const struct ktest ktest_desc_##suite##_##name                \
		__attribute__((used, section(".ktests"), aligned(4))) =      \
		{ #suite, #name, ktest_##suite##_##name };                   \
	static void ktest_##suite##_##name(void)

/* Record a failed check; the test goes on (one report per failed check). */
void ktest_fail(const char *file, int line, const char *what);

#define KEXPECT(cond) \
	do { if (!(cond)) ktest_fail(__FILE__, __LINE__, #cond); } while (0)
#define KEXPECT_EQ(a, b)                                                     \
	do {                                                                 \
		uint64_t ka_ = (uint64_t)(a), kb_ = (uint64_t)(b);           \
		if (ka_ != kb_)                                              \
			ktest_fail_eq(__FILE__, __LINE__, #a " == " #b, ka_, kb_); \
	} while (0)
void ktest_fail_eq(const char *file, int line, const char *what, uint64_t a, uint64_t b);

/* Wait (sleeping a tick at a time, at most KTEST_WAIT_TICKS) until cond
 * holds, then check it. Tests of other threads wait for what they expect
 * to see, not for a fixed number of ticks: under a loaded host QEMU's
 * timer may deliver several ticks before a runnable thread gets its turn. */
#define KTEST_WAIT_TICKS 3000
#define KWAIT_EXPECT(cond)                                                   \
	do {                                                                 \
		for (int kw_ = 0; !(cond) && kw_ < KTEST_WAIT_TICKS; kw_++)  \
			sleep_ticks(1);                                      \
		KEXPECT(cond);                                               \
	} while (0)

/* Free frames, not counting those the kernel heap holds (its slab pages
 * come and go with the first allocation of a size): what a leak check
 * compares before and after. */
uint32_t ktest_frames_outside_heap(void);

/* A word of the current space's user half, read or written as user code
 * would: with user memory open to the kernel (SMAP, kernel/protect.h)
 * for that one access. A fault is served as a user copy's. */
uint32_t ktest_user_read32(uint32_t va);
void ktest_user_write32(uint32_t va, uint32_t v);

/* Raw output on the test port (COM2), for reports the host parses. */
void ktest_putc(char c);
void ktest_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print a TAP diagnostic line ("# ...") on the test port. */
void ktest_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Does filter ("all", or names separated by commas) name this one? */
bool ktest_filter_match(const char *filter, const char *name);

/* Run the tests the filter names ("all" or comma-separated suites), end the run. */
__attribute__((noreturn)) void ktest_run(const char *filter);

#endif
