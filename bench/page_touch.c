/* page_touch.c - the first write to fresh anonymous pages (the demand-zero
 * fault): N pages in all, mapped CHUNK_PAGES at a time; only the writes
 * are timed. One op = one page. */
#include <sys/mman.h>
#include "bench.h"

#define NAME "page_touch"
#define CHUNK_PAGES 256          /* 1 MiB mapped per round */

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	uint64_t cycles = 0;
	for (long done = 0; done < n; ) {
		long pages = n - done < CHUNK_PAGES ? n - done : CHUNK_PAGES;
		size_t len = (size_t)pages * BENCH_PAGE;
		volatile char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			bench_fail(NAME, "mmap");
		uint64_t t0 = bench_rdtsc();
		for (long i = 0; i < pages; i++)
			p[i * BENCH_PAGE] = 1;
		cycles += bench_rdtsc() - t0;
		if (munmap((void *)p, len))
			bench_fail(NAME, "munmap");
		done += pages;
	}
	bench_report(NAME, n, cycles);
	return 0;
}
