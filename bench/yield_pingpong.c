/* yield_pingpong.c - two processes take turns through sched_yield; one op =
 * one yield of the parent and the child's turn (two switches). */
#include <sched.h>
#include <sys/wait.h>
#include "bench.h"

#define NAME "yield_pingpong"

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	pid_t pid = fork();
	if (pid < 0)
		bench_fail(NAME, "fork");
	if (pid == 0) {
		for (long i = 0; i < n; i++)
			sched_yield();
		_exit(0);
	}
	uint64_t t0 = bench_rdtsc();
	for (long i = 0; i < n; i++)
		sched_yield();
	int status;
	if (waitpid(pid, &status, 0) != pid)
		bench_fail(NAME, "waitpid");
	bench_report(NAME, n, bench_rdtsc() - t0);
	return 0;
}
