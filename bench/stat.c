/* stat.c - look up an existing path: stat of the exec target beside this
 * binary (a path two components deep in the guests); N times. */
#include <sys/stat.h>
#include "bench.h"

#define NAME "stat"

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	char path[PATH_MAX];
	struct stat st;
	bench_sibling(path, sizeof(path), argv[0], BENCH_EXEC_TARGET);
	if (stat(path, &st))                    /* warm-up */
		bench_fail(NAME, "stat");
	uint64_t t0 = bench_rdtsc();
	for (long i = 0; i < n; i++)
		if (stat(path, &st))
			bench_fail(NAME, "stat");
	bench_report(NAME, n, bench_rdtsc() - t0);
	return 0;
}
