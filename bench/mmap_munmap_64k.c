/* mmap_munmap_64k.c - map 64 KiB of anonymous memory and unmap it again,
 * untouched; N times. */
#include <sys/mman.h>
#include "bench.h"

#define NAME "mmap_munmap_64k"
#define MAP_BYTES (64 * 1024)

static void once(void)
{
	void *p = mmap(NULL, MAP_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		bench_fail(NAME, "mmap");
	if (munmap(p, MAP_BYTES))
		bench_fail(NAME, "munmap");
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	bench_loop(NAME, n, once);
	return 0;
}
