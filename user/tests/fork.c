/*
 * fork.c - fork shares memory copy-on-write: the child's writes (stack,
 * heap, data) are its own, the parent sees its values unchanged; wait
 * returns the child's pid and exit status; a child killed by SIGSEGV is
 * reported as such.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILD_EXIT 42
#define HEAP_BYTES (64 * 1024)

static int global = 1;

int main(void)
{
	char *heap = malloc(HEAP_BYTES);
	memset(heap, 'p', HEAP_BYTES);
	int local = 7;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		printf("FAIL: fork\n");
		return 1;
	}
	if (pid == 0) {
		global = 2;
		local = 8;
		memset(heap, 'c', HEAP_BYTES);
		printf("child: global=%d local=%d heap=%c\n", global, local, heap[HEAP_BYTES - 1]);
		fflush(stdout);
		_exit(CHILD_EXIT);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		printf("FAIL: waitpid\n");
		return 1;
	}
	printf("parent: child exited %d\n", WEXITSTATUS(status));
	printf("parent: global=%d local=%d heap=%c\n", global, local, heap[HEAP_BYTES - 1]);
	pid = fork();
	if (pid == 0)
		*(volatile int *)0 = 1;           /* dies by SIGSEGV */
	waitpid(pid, &status, 0);
	printf("second child: %s %d\n", WIFSIGNALED(status) ? "signal" : "exit",
	       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	printf("no more children: %s\n", wait(NULL) < 0 ? "yes" : "no");
	return 0;
}
