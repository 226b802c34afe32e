/*
 * thread_exit_group - exit (exit_group) from a thread ends every thread
 * of the process, whatever each is doing (sleeping on a condition
 * variable, in nanosleep, spinning, in read on a pipe), with that
 * thread's status; SYS_exit in a thread ends only that thread; and the
 * main thread may pthread_exit while the others go on. Expected: Linux's.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int pipefd[2];
static volatile int started;

static void *sleeper(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_lock(&m);
	for (;;)
		pthread_cond_wait(&cv, &m);
	return NULL;
}

static void *napper(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	for (;;)
		sleep(100);
	return NULL;
}

static void *spinner(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	for (volatile unsigned long i = 0;; i++)
		;
	return NULL;
}

static void *reader(void *arg)
{
	char c;
	(void)arg;
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	read(pipefd[0], &c, 1);
	return NULL;
}

static void *quitter(void *arg)
{
	while (started < 4)
		usleep(1000);
	usleep(20000);
	exit((int)(long)arg);
}

static void *thread_only(void *arg)
{
	(void)arg;
	syscall(SYS_exit, 0);                     /* this thread alone */
	return NULL;
}

/* The child: four busy threads, then one calls exit(status). */
static void group(int status)
{
	pthread_t t;
	pipe(pipefd);
	pthread_create(&t, NULL, sleeper, NULL);
	pthread_create(&t, NULL, napper, NULL);
	pthread_create(&t, NULL, spinner, NULL);
	pthread_create(&t, NULL, reader, NULL);
	pthread_create(&t, NULL, quitter, (void *)(long)status);
	for (;;)
		pause();
}

static void *last_one(void *arg)
{
	usleep(30000);
	printf("the last thread ends the process after main's pthread_exit\n");
	fflush(stdout);
	exit((int)(long)arg);
}

static void report(const char *what, pid_t pid)
{
	int status;
	waitpid(pid, &status, 0);
	if (WIFEXITED(status))
		printf("%s: exit %d\n", what, WEXITSTATUS(status));
	else
		printf("%s: signal %d\n", what, WTERMSIG(status));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	pid_t pid = fork();
	if (pid == 0)
		group(5);
	report("exit from a thread", pid);

	pthread_t t;
	pthread_create(&t, NULL, thread_only, NULL);
	pthread_join(t, NULL);
	printf("SYS_exit ended one thread, main goes on\n");

	pid = fork();
	if (pid == 0) {
		pthread_create(&t, NULL, last_one, (void *)6L);
		pthread_exit(NULL);
	}
	report("main's pthread_exit, then exit(6)", pid);

	pid = fork();
	if (pid == 0) {
		pthread_create(&t, NULL, spinner, NULL);
		usleep(10000);
		kill(getpid(), SIGTERM);               /* a fatal signal ends the group */
		for (;;)
			pause();
	}
	report("SIGTERM to a process of two threads", pid);
	return 0;
}
