/*
 * prctl_name_pdeathsig.c - prctl: PR_GET_NAME is the program's file name
 * (its last path part, at most 15 bytes), PR_SET_NAME changes it (longer
 * names cut), fork keeps it and exec sets it anew; PR_SET_PDEATHSIG makes
 * a child get that signal when its parent ends, PR_GET_PDEATHSIG reads
 * it, fork clears it; an unknown option and a bad signal are EINVAL.
 * Expected output: Linux's (tests/user/expected/prctl_name_pdeathsig).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void show_name(const char *what)
{
	char name[32];
	memset(name, 'x', sizeof(name));
	prctl(PR_GET_NAME, name);
	printf("%s: \"%s\"\n", what, name);
	fflush(stdout);
}

static void on_usr1(int sig)
{
	(void)sig;
	write(1, "grandchild: parent's death signal came\n", 39);
	_exit(0);
}

int main(int argc, char **argv)
{
	if (argc > 1) {
		show_name("after exec");
		return 0;
	}
	show_name("at start");
	prctl(PR_SET_NAME, "renamed");
	show_name("after PR_SET_NAME");
	prctl(PR_SET_NAME, "a-name-much-longer-than-fifteen");
	show_name("after a long one");
	pid_t pid = fork();
	if (pid == 0) {
		show_name("in the child");
		execl(argv[0], argv[0], "exec", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);

	int sig = -1;
	prctl(PR_GET_PDEATHSIG, &sig);
	printf("PR_GET_PDEATHSIG at start: %d\n", sig);
	printf("PR_SET_PDEATHSIG(99): %s\n", prctl(PR_SET_PDEATHSIG, 99) < 0 ? strerrorname_np(errno) : "ok");
	printf("prctl(9999): %s\n", prctl(9999, 0, 0, 0, 0) < 0 ? strerrorname_np(errno) : "ok");
	fflush(stdout);

	int ready[2];
	pipe(ready);
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGUSR1);
		if (fork() == 0) {
			int s = -1;
			prctl(PR_GET_PDEATHSIG, &s);
			printf("grandchild: its own death signal after fork: %d\n", s);
			fflush(stdout);
			signal(SIGUSR1, on_usr1);
			prctl(PR_SET_PDEATHSIG, SIGUSR1);
			write(ready[1], "r", 1);
			for (;;)
				pause();
		}
		char c;
		read(ready[0], &c, 1);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	struct timespec ts = { 0, 200 * 1000000L };
	nanosleep(&ts, NULL);
	return 0;
}
