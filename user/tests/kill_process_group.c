/*
 * kill_process_group.c - kill(0), kill(-pgrp) and wait by group: a signal
 * to a group reaches every member and no one else; kill(0) reaches the
 * caller's own group (the caller included); a group with no member left
 * is ESRCH; waitpid(-pgrp) and waitpid(0) reap only children of that
 * group; tkill and tgkill reach one process; a bad signal is EINVAL.
 * Expected output: Linux's (tests/user/expected/kill_process_group).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define NO_SUCH_GROUP 999999

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1++;
}

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, r);
	fflush(stdout);
}

/* A child in group pgid (0: a new one of its own) that pauses until a
 * signal kills it; ready once it is in the group. */
static pid_t member(pid_t pgid)
{
	int ready[2];
	pipe(ready);
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, pgid);
		write(ready[1], "r", 1);
		for (;;)
			pause();
	}
	setpgid(pid, pgid);                   /* both sides: no race */
	char c;
	read(ready[0], &c, 1);
	close(ready[0]);
	close(ready[1]);
	return pid;
}

static void reap(const char *what, pid_t pid, int options)
{
	int st = 0;
	pid_t r = waitpid(pid, &st, options);
	if (r < 0)
		printf("%s: -1 %s\n", what, strerrorname_np(errno));
	else if (r == 0)
		printf("%s: nothing yet\n", what);
	else if (WIFSIGNALED(st))
		printf("%s: a child killed by %d\n", what, WTERMSIG(st));
	else
		printf("%s: a child exited %d\n", what, WEXITSTATUS(st));
	fflush(stdout);
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	setpgid(0, 0);                        /* a group of our own for kill(0) */
	pid_t a = member(0);
	member(a);
	pid_t c = member(0);
	show("kill(-a, 0)", kill(-a, 0));
	show("kill(-no such group, SIGTERM)", kill(-NO_SUCH_GROUP, SIGTERM));
	show("kill(-a, 65)", kill(-a, 65));
	show("kill(-a, SIGTERM)", kill(-a, SIGTERM));
	reap("waitpid(-c, WNOHANG)", -c, WNOHANG);
	reap("waitpid(-a)", -a, 0);
	reap("waitpid(-a)", -a, 0);
	reap("waitpid(-a) with none left", -a, 0);
	show("kill(-a, SIGTERM) after both were reaped", kill(-a, SIGTERM));

	/* Children in our own group, and kill(0) reaching us too. */
	pid_t d = member(getpid());
	pid_t e = member(getpid());
	reap("waitpid(0, WNOHANG)", 0, WNOHANG);
	signal(SIGTERM, SIG_IGN);
	sigset_t usr1, old;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	show("kill(0, SIGTERM)", kill(0, SIGTERM));
	show("kill(0, SIGUSR1)", kill(0, SIGUSR1));
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("SIGUSR1 reached the caller: %d\n", (int)got_usr1);
	reap("waitpid(0)", 0, 0);
	reap("waitpid(0)", 0, 0);
	reap("waitpid(0) with none left in the group", 0, 0);
	(void)d;
	(void)e;

	show("tgkill(c, c, 0)", syscall(SYS_tgkill, c, c, 0));
	show("tgkill(c, c, SIGKILL)", syscall(SYS_tgkill, c, c, SIGKILL));
	reap("waitpid(c)", c, 0);
	show("tkill(0, SIGTERM)", syscall(SYS_tkill, 0, SIGTERM));
	show("tkill(self, 0)", syscall(SYS_tkill, getpid(), 0));
	show("kill(INT_MIN, 0)", kill(-2147483647 - 1, 0));
	return 0;
}
