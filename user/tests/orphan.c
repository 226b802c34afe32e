/*
 * orphan.c - a child that ends before its own child: the grandchild is
 * orphaned, runs on, and ends with nobody to wait for it. The kernel must
 * reap it itself (the in-guest runner checks that no process is left).
 */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NAP_NS (20 * 1000 * 1000)

static void nap(int times)
{
	struct timespec ts = { 0, NAP_NS };
	for (int i = 0; i < times; i++)
		nanosleep(&ts, NULL);
}

int main(void)
{
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		if (fork() == 0) {                /* the grandchild outlives its parent */
			nap(2);
			_exit(0);
		}
		_exit(0);
	}
	int status;
	waitpid(child, &status, 0);
	nap(5);                                   /* the grandchild has ended by now */
	printf("child exited %d; grandchild was not ours to wait for: %s\n",
	       WEXITSTATUS(status), wait(NULL) < 0 ? "yes" : "no");
	return 0;
}
