/*
 * init_reaps_orphans.c - run as init (pid 1): a child that ends before its
 * own child leaves the grandchild to init, which sees getppid() become 1,
 * and init's wait reaps it (its exit status included) once it ends. The
 * system test orphans_reaped_by_pid_1 boots it as init.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GRANDCHILD_CODE 7

int main(void)
{
	printf("init: pid %d\n", getpid());
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		if (fork() == 0) {
			struct timespec ts = { 0, 10 * 1000000L };
			while (getppid() != 1)
				nanosleep(&ts, NULL);
			printf("grandchild: adopted by pid %d\n", getppid());
			fflush(stdout);
			_exit(GRANDCHILD_CODE);
		}
		_exit(0);
	}
	int reaped = 0, st;
	pid_t pid;
	while ((pid = wait(&st)) > 0) {
		reaped++;
		printf("init: reaped %s, exit %d\n", pid == child ? "its child" : "an orphan",
		       WEXITSTATUS(st));
		fflush(stdout);
	}
	printf("init: %d reaped, then no children left\n", reaped);
	return reaped == 2 ? 0 : 1;
}
