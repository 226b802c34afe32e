/* vfork_exec_wait.c - start a static program without copying the address
 * space: vfork, execve of the quiet static hello, waitpid; N times. */
#include <sys/wait.h>
#include "bench.h"

#define NAME "vfork_exec_wait"
static char target[PATH_MAX];
static volatile int exec_errno;  /* set by a vfork child whose execve failed */

static void once(void)
{
	char *args[] = { target, "-q", NULL };
	char *env[] = { NULL };
	pid_t pid = vfork();
	if (pid < 0)
		bench_fail(NAME, "vfork");
	if (pid == 0) {
		execve(target, args, env);
		exec_errno = errno;             /* shared with the parent until exit */
		_exit(errno);                   /* and in the status, should vfork copy */
	}
	int status;
	if (waitpid(pid, &status, 0) != pid)
		bench_fail(NAME, "waitpid");
	/* The target exits 0, so any other status is execve's errno. */
	if (exec_errno || (WIFEXITED(status) && WEXITSTATUS(status) != 0)) {
		errno = exec_errno ? exec_errno : WEXITSTATUS(status);
		bench_fail(NAME, "execve");
	}
	if (!WIFEXITED(status)) {
		errno = ECHILD;
		bench_fail(NAME, "the exec target was killed");
	}
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	bench_sibling(target, sizeof(target), argv[0], BENCH_EXEC_TARGET);
	bench_loop(NAME, n, once);
	return 0;
}
