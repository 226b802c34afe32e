/* fork_exit_wait.c - create a process that exits at once and reap it:
 * fork + _exit + waitpid, N times. */
#include <sys/wait.h>
#include "bench.h"

static void once(void)
{
	pid_t pid = fork();
	if (pid < 0)
		bench_fail("fork_exit_wait", "fork");
	if (pid == 0)
		_exit(0);
	int status;
	if (waitpid(pid, &status, 0) != pid)
		bench_fail("fork_exit_wait", "waitpid");
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	bench_loop("fork_exit_wait", n, once);
	return 0;
}
