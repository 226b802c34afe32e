/*
 * bench.h - what every benchmark program shares: the iteration count from
 * argv[1], a TSC clock, and the one machine-readable line per figure.
 *
 *   BENCH name=NAME iters=N cycles_per_op=X          a figure
 *   BENCH name=NAME error="what: strerror" errno=E   the benchmark could not run
 *
 * Under qemu -icount shift=0 the TSC counts guest instructions, so a figure
 * is "guest instructions per operation" and repeats exactly (docs/benchmarks.md).
 * Files a benchmark needs (the exec target, the 1 MiB data file) live in the
 * directory of argv[0], so the same binary runs on the host and in both guests.
 */
#ifndef BENCH_H
#define BENCH_H

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BENCH_DEFAULT_ITERS 1000
#define BENCH_EXEC_TARGET   "hello"     /* the static program fork+exec runs */
#define BENCH_DATA_FILE     "data-1m"   /* the file read_1m reads */
#define BENCH_PAGE          4096

static inline uint64_t bench_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* The iteration count: argv[1], at least 1. */
static inline long bench_iters(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : BENCH_DEFAULT_ITERS;
	return n > 0 ? n : 1;
}

/* DIR/NAME where DIR is the directory of argv[0] ("." if it has none). */
static inline void bench_sibling(char *out, size_t size, const char *argv0, const char *name)
{
	const char *slash = strrchr(argv0, '/');
	if (slash)
		snprintf(out, size, "%.*s/%s", (int)(slash - argv0), argv0, name);
	else
		snprintf(out, size, "./%s", name);
}

static inline void bench_report(const char *name, long iters, uint64_t cycles)
{
	printf("BENCH name=%s iters=%ld cycles_per_op=%llu\n", name, iters,
	       (unsigned long long)(cycles / (uint64_t)iters));
	fflush(stdout);
}

/* The usual shape: one untimed warm-up call of once(), then n timed calls. */
static inline void bench_loop(const char *name, long n, void (*once)(void))
{
	once();                                 /* warm-up */
	uint64_t t0 = bench_rdtsc();
	for (long i = 0; i < n; i++)
		once();
	bench_report(name, n, bench_rdtsc() - t0);
}

/* Report why the benchmark cannot run (errno of the failed call) and exit 1. */
static inline void bench_fail(const char *name, const char *what)
{
	int e = errno;
	printf("BENCH name=%s error=\"%s: %s\" errno=%d\n", name, what, strerror(e), e);
	fflush(stdout);
	_exit(1);
}

#endif
