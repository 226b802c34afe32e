/* sh_script.c - macro benchmark: busybox sh running a script FILE of
 * SCRIPT_COMMANDS external commands (each `busybox true`, so the shell
 * forks and execs every one); one op = one whole script. busybox (the
 * static Debian build) sits beside this binary; the script is written
 * beside it too (sh_script.sh), once, before the clock starts, so each run
 * also opens and reads a file as `sh script.sh` does.
 *   sh_script [ITERS [COMMANDS]]    COMMANDS < 200 only for quick smoke runs */
#include <fcntl.h>
#include <sys/wait.h>
#include "bench.h"

#define NAME "sh_script"
#define SCRIPT_COMMANDS 200
#define BUSYBOX "busybox"
#define SCRIPT_FILE "sh_script.sh"

static char shell[PATH_MAX], script_path[PATH_MAX];
static char script[sizeof("set -e\n") + SCRIPT_COMMANDS * (PATH_MAX + sizeof(" true\n"))];

static void once(void)
{
	char *args[] = { shell, "sh", script_path, NULL };
	char *env[] = { "PATH=/bin", NULL };
	pid_t pid = fork();
	if (pid < 0)
		bench_fail(NAME, "fork");
	if (pid == 0) {
		/* argv[0] "busybox" + applet "sh": no sh link is needed. */
		args[0] = BUSYBOX;
		execve(shell, args, env);
		bench_fail(NAME, "execve");     /* the child reports and exits */
	}
	int status;
	if (waitpid(pid, &status, 0) != pid)
		bench_fail(NAME, "waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		_exit(1);                       /* the child or the shell said why */
}

static void write_script(int commands)
{
	char *p = script + sprintf(script, "set -e\n");   /* a failed command fails the run */
	for (int i = 0; i < commands; i++)
		p += sprintf(p, "%s true\n", shell);
	int fd = open(script_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, script, (size_t)(p - script)) != p - script || close(fd))
		bench_fail(NAME, "writing " SCRIPT_FILE);
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	bench_sibling(shell, sizeof(shell), argv[0], BUSYBOX);
	bench_sibling(script_path, sizeof(script_path), argv[0], SCRIPT_FILE);
	int commands = argc > 2 ? atoi(argv[2]) : SCRIPT_COMMANDS;
	if (commands < 1 || commands > SCRIPT_COMMANDS)
		commands = SCRIPT_COMMANDS;
	write_script(commands);
	uint64_t t0 = bench_rdtsc();
	for (long i = 0; i < n; i++)
		once();
	bench_report(NAME, n, bench_rdtsc() - t0);
	return 0;
}
