/*
 * forkexec.c - fork + execve + wait: the child runs this same program
 * again (argv[0]) with "child" and an environment of our choosing, and its
 * output and exit status come back in order; a failed execve returns
 * ENOENT and leaves the caller running.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILD_EXIT 3

int main(int argc, char **argv, char **envp)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		printf("exec'd child: argc=%d arg2=%s env0=%s\n", argc, argv[2], envp[0]);
		return CHILD_EXIT;
	}
	char *cargv[] = { argv[0], "child", "second", NULL };
	char *cenvp[] = { "FROM=forkexec", NULL };
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execve(argv[0], cargv, cenvp);
		printf("FAIL: execve\n");
		_exit(1);
	}
	int status;
	waitpid(pid, &status, 0);
	printf("parent: child exited %d\n", WEXITSTATUS(status));
	if (execve("/no/such/file", cargv, cenvp) < 0)
		printf("missing file: %s\n", errno == ENOENT ? "ENOENT" : "other error");
	fflush(stdout);
	pid = vfork();
	if (pid == 0) {
		execve(argv[0], cargv, cenvp);
		_exit(1);
	}
	waitpid(pid, &status, 0);
	printf("vfork child exited %d\n", WEXITSTATUS(status));
	return 0;
}
