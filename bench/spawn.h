/*
 * spawn.h - the ports benchmarks' one operation: run a program that sits
 * beside the benchmark (fork + execve + waitpid) and insist that it
 * succeeded. Its output goes where the benchmark's goes.
 */
#ifndef BENCH_SPAWN_H
#define BENCH_SPAWN_H

#include <sys/wait.h>
#include "bench.h"

/* Run argv (argv[0] a path) to its end; a failure ends the benchmark. */
static inline void bench_spawn(const char *name, char *const argv[])
{
	static char *const env[] = { "PATH=/bin:/usr/bin", NULL };
	pid_t pid = fork();
	if (pid < 0)
		bench_fail(name, "fork");
	if (pid == 0) {
		execve(argv[0], argv, env);
		bench_fail(name, "execve");     /* the child reports and exits */
	}
	int status;
	if (waitpid(pid, &status, 0) != pid)
		bench_fail(name, "waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errno = 0;
		bench_fail(name, argv[0]);      /* the tool said why on stderr */
	}
}

#endif
