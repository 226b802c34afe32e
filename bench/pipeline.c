/* pipeline.c - macro benchmark: busybox sh -c 'yes | head -c 100M >
 * /dev/null', the pipe throughput figure; one op = the whole
 * pipeline (two forks and execs, then 100 MiB through one pipe).
 * Bytes per cycle = 104857600 / cycles_per_op. busybox sits beside this
 * binary, as for sh_script.
 *   pipeline [ITERS [MIB]]    MIB below 100 only for quick smoke runs */
#include <sys/wait.h>
#include "bench.h"

#define NAME "pipeline"
#define BUSYBOX "busybox"
#define PIPELINE_MIB 100
#define MIB (1024 * 1024)               /* busybox head takes no "M" suffix: bytes */

static char shell[PATH_MAX], command[PATH_MAX * 2 + 64];

static void once(void)
{
	char *args[] = { BUSYBOX, "sh", "-c", command, NULL };
	char *env[] = { "PATH=/bin", NULL };
	pid_t pid = fork();
	if (pid < 0)
		bench_fail(NAME, "fork");
	if (pid == 0) {
		execve(shell, args, env);
		bench_fail(NAME, "execve");
	}
	int status;
	if (waitpid(pid, &status, 0) != pid)
		bench_fail(NAME, "waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		_exit(1);
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	int mib = argc > 2 ? atoi(argv[2]) : PIPELINE_MIB;
	if (mib < 1 || mib > PIPELINE_MIB)
		mib = PIPELINE_MIB;
	bench_sibling(shell, sizeof(shell), argv[0], BUSYBOX);
	/* The applets by busybox's full path: no links are needed. */
	snprintf(command, sizeof(command), "%s yes | %s head -c %ld > /dev/null", shell, shell,
		 (long)mib * MIB);
	uint64_t t0 = bench_rdtsc();
	for (long i = 0; i < n; i++)
		once();
	bench_report(NAME, n, bench_rdtsc() - t0);
	return 0;
}
