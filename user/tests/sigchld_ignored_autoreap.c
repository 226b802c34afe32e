/*
 * sigchld_ignored_autoreap.c - children that nobody waits for: with
 * SIGCHLD set to SIG_IGN, or with SA_NOCLDWAIT, a child that exits is
 * reaped at once (no zombie: wait blocks until the last child is gone and
 * then fails with ECHILD); with SA_NOCLDWAIT and a handler the handler
 * still runs (SA_RESTART: the wait goes on); SIGCHLD at SIG_DFL leaves a zombie to wait for.
 * Expected output: Linux's (tests/user/expected/sigchld_ignored_autoreap).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_chld(int sig)
{
	(void)sig;
	handled++;
}

static void spawn(int n, int nap_ms)
{
	for (int i = 0; i < n; i++)
		if (fork() == 0) {
			struct timespec ts = { 0, (long)nap_ms * i * 1000000L };
			nanosleep(&ts, NULL);
			_exit(i);
		}
}

static void try_wait(const char *what)
{
	int st;
	pid_t r = wait(&st);
	if (r < 0)
		printf("%s: wait: -1 %s\n", what, strerrorname_np(errno));
	else
		printf("%s: wait: a child, exited %d\n", what, WEXITSTATUS(st));
	fflush(stdout);
}

int main(void)
{
	signal(SIGCHLD, SIG_IGN);
	spawn(3, 10);
	try_wait("SIGCHLD ignored");
	try_wait("SIGCHLD ignored, again");

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sa.sa_flags = SA_NOCLDWAIT | SA_RESTART;   /* the wait goes on to ECHILD */
	sigaction(SIGCHLD, &sa, NULL);
	spawn(2, 100);
	try_wait("SA_NOCLDWAIT with a handler");
	printf("the handler ran: %s\n", handled ? "yes" : "no");

	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	spawn(1, 0);
	try_wait("SA_NOCLDWAIT, SIG_DFL");

	signal(SIGCHLD, SIG_DFL);
	spawn(1, 0);
	try_wait("SIG_DFL");
	/* A zombie left while SIGCHLD was at SIG_DFL is reaped by ignoring
	 * SIGCHLD? No: only children that exit afterwards are. */
	spawn(1, 0);
	struct timespec ts = { 0, 50 * 1000000L };
	nanosleep(&ts, NULL);
	signal(SIGCHLD, SIG_IGN);
	try_wait("zombie made before SIG_IGN");
	return 0;
}
