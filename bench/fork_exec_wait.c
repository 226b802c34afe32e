/* fork_exec_wait.c - start a static program the Unix way: fork, execve of
 * the quiet static hello beside this binary, waitpid; N times. */
#include <sys/wait.h>
#include "bench.h"

#define NAME "fork_exec_wait"

static char target[PATH_MAX];

static void once(void)
{
	char *args[] = { target, "-q", NULL };
	char *env[] = { NULL };
	pid_t pid = fork();
	if (pid < 0)
		bench_fail(NAME, "fork");
	if (pid == 0) {
		execve(target, args, env);
		bench_fail(NAME, "execve");     /* the child reports and exits */
	}
	int status;
	if (waitpid(pid, &status, 0) != pid)
		bench_fail(NAME, "waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		_exit(1);                       /* the child said why */
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	bench_sibling(target, sizeof(target), argv[0], BENCH_EXEC_TARGET);
	bench_loop(NAME, n, once);
	return 0;
}
