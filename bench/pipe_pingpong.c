/* pipe_pingpong.c - one byte there and back between two processes over two
 * pipes; one op = one round trip (two wake-ups, two switches). */
#include <sys/wait.h>
#include "bench.h"

#define NAME "pipe_pingpong"

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	int there[2], back[2];
	char c = 'x';
	if (pipe(there) || pipe(back))
		bench_fail(NAME, "pipe");
	pid_t pid = fork();
	if (pid < 0)
		bench_fail(NAME, "fork");
	if (pid == 0) {                         /* echo until the parent closes */
		close(there[1]);
		close(back[0]);
		while (read(there[0], &c, 1) == 1)
			if (write(back[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(there[0]);
	close(back[1]);
	uint64_t t0 = 0;
	for (long i = -1; i < n; i++) {         /* round -1 is the warm-up */
		if (i == 0)
			t0 = bench_rdtsc();
		if (write(there[1], &c, 1) != 1)
			bench_fail(NAME, "write");
		if (read(back[0], &c, 1) != 1)
			bench_fail(NAME, "read");
	}
	uint64_t cycles = bench_rdtsc() - t0;
	close(there[1]);
	int status;
	if (waitpid(pid, &status, 0) != pid)
		bench_fail(NAME, "waitpid");
	bench_report(NAME, n, cycles);
	return 0;
}
