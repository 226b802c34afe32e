/* getpid.c - the cheapest system call round trip: getpid, N times. */
#include <sys/syscall.h>
#include "bench.h"

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	syscall(SYS_getpid);                    /* warm-up */
	uint64_t t0 = bench_rdtsc();
	for (long i = 0; i < n; i++)
		syscall(SYS_getpid);
	bench_report("getpid", n, bench_rdtsc() - t0);
	return 0;
}
