/*
 * orphaned_pgrp_gets_sighup.c - a process group that an exit leaves
 * orphaned (no member has a parent in another group of the session) and
 * that has a stopped member gets SIGHUP then SIGCONT, as POSIX and Linux
 * say: nobody would be left to continue it. Both ways it happens: the
 * parent in another group exits (the child's group loses its link), and
 * the group's only linked member exits (its own group is left). A group
 * with no stopped member gets nothing. The orphans are adopted (getppid()
 * changes). Expected output: Linux's
 * (tests/user/expected/orphaned_pgrp_gets_sighup).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int report_fd;
static pid_t first_parent;

static void say(const char *msg)
{
	write(report_fd, msg, strlen(msg));
}

static void on_hup(int sig)
{
	(void)sig;
	say(getppid() != first_parent ? "SIGHUP, adopted\n" : "SIGHUP, not adopted\n");
}

static void on_cont(int sig)
{
	(void)sig;
	say("SIGCONT\n");
}

static void nap_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* The grandchild: handlers set, then stop itself (or not), then wait to
 * hear of SIGHUP for a while before saying how it went. */
static void grandchild(int stop)
{
	first_parent = getppid();
	signal(SIGHUP, on_hup);
	signal(SIGCONT, on_cont);
	if (stop)
		raise(SIGSTOP);
	for (int i = 0; i < 40 && getppid() == first_parent; i++)
		nap_ms(10);
	nap_ms(100);
	say("grandchild done\n");
	_exit(0);
}

/* A middle process that makes a grandchild (in a group of its own if
 * own_group, else in the middle's own new group) and exits once the
 * grandchild has stopped. */
static void run(const char *what, int grandchild_group_own, int stop)
{
	int rep[2];
	pipe(rep);
	printf("%s:\n", what);
	fflush(stdout);
	pid_t mid = fork();
	if (mid == 0) {
		close(rep[0]);
		report_fd = rep[1];
		if (!grandchild_group_own)
			setpgid(0, 0);                /* the middle leads a group... */
		pid_t g = fork();
		if (g == 0) {
			if (grandchild_group_own)
				setpgid(0, 0);
			grandchild(stop);
		}
		if (grandchild_group_own)
			setpgid(g, g);
		if (stop) {
			int st;
			waitpid(g, &st, WUNTRACED);
		} else {
			nap_ms(20);
		}
		_exit(0);                             /* ...and leaves it */
	}
	close(rep[1]);
	int st;
	waitpid(mid, &st, 0);
	char buf[256];
	int n, len = 0;
	while ((n = read(rep[0], buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	close(rep[0]);
	printf("%s", buf);
	fflush(stdout);
}

int main(void)
{
	run("stopped child in its own group, parent exits", 1, 1);
	run("stopped child in the parent's group, the parent (its link) exits", 0, 1);
	run("running child in its own group, parent exits", 1, 0);
	return 0;
}
