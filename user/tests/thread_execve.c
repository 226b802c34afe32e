/*
 * thread_execve - execve from a thread that is not the leader: every other
 * thread dies, the new program runs with the process's pid (getpid is
 * unchanged) as its only thread, whose tid is now the pid; the parent
 * sees one child end, with the new program's status. Expected: Linux's.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *self;
static char pidbuf[16];

static void *spinner(void *arg)
{
	(void)arg;
	for (volatile unsigned long i = 0;; i++)
		;
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *execer(void *arg)
{
	(void)arg;
	usleep(20000);
	printf("thread: tid is the pid: %s\n", syscall(SYS_gettid) == getpid() ? "yes" : "no");
	fflush(stdout);
	execl(self, self, "after", pidbuf, (char *)0);
	printf("execl failed\n");
	return NULL;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 2) {
		printf("new image: pid unchanged: %s, tid == pid: %s\n",
		       getpid() == atoi(argv[2]) ? "yes" : "no",
		       syscall(SYS_gettid) == getpid() ? "yes" : "no");
		return 4;
	}
	self = argv[0];
	pid_t pid = fork();
	if (pid == 0) {
		pthread_t t;
		snprintf(pidbuf, sizeof(pidbuf), "%d", getpid());
		pthread_create(&t, NULL, spinner, NULL);
		pthread_create(&t, NULL, sleeper, NULL);
		pthread_create(&t, NULL, execer, NULL);
		for (;;)
			pause();
	}
	int status;
	pid_t r = waitpid(pid, &status, 0);
	printf("parent: reaped the child: %s, exit %d\n", r == pid ? "yes" : "no",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status));
	printf("no other child: %s\n", waitpid(-1, &status, WNOHANG) < 0 ? "yes" : "no");
	return 0;
}
