/*
 * sigtimedwait_cases.c - rt_sigtimedwait: a pending signal is taken at
 * once with its siginfo; with nothing pending a zero timeout is EAGAIN
 * and a short one runs out (EAGAIN); a signal sent while waiting is taken
 * (a child's SIGCHLD, though SIGCHLD is ignored by default, since it is
 * blocked); a handled signal not waited for interrupts the wait (EINTR)
 * and its handler runs; SIGKILL and SIGSTOP are left out of the set; a
 * bad timeout is EINVAL; queued real-time instances come one per call.
 * Expected output: Linux's (tests/user/expected/sigtimedwait_cases).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t usr2_handled;

static void on_usr2(int sig)
{
	(void)sig;
	usr2_handled++;
}

static void show(const char *what, int r, const siginfo_t *si)
{
	if (r < 0)
		printf("%s: -1 %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %d, si_code %d, si_value %d, si_pid %s\n", what, r, si->si_code,
		       si->si_value.sival_int, si->si_pid == getpid() ? "self" : "other");
	fflush(stdout);
}

int main(void)
{
	sigset_t set, all;
	siginfo_t si;
	struct timespec zero = { 0, 0 }, short_wait = { 0, 30 * 1000000L }, bad = { 0, 1000000000L };
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);

	kill(getpid(), SIGUSR1);
	memset(&si, 0, sizeof(si));
	show("pending SIGUSR1", sigtimedwait(&set, &si, &zero), &si);
	show("nothing, zero timeout", sigtimedwait(&set, &si, &zero), &si);
	show("nothing, 30 ms", sigtimedwait(&set, &si, &short_wait), &si);
	show("bad timeout", sigtimedwait(&set, &si, &bad), &si);

	pid_t c = fork();
	if (c == 0) {
		struct timespec nap = { 0, 20 * 1000000L };
		nanosleep(&nap, NULL);
		_exit(5);
	}
	memset(&si, 0, sizeof(si));
	int r = sigwaitinfo(&set, &si);
	printf("SIGCHLD while waiting: %d, si_code %d, si_status %d, si_pid the child's: %s\n", r,
	       si.si_code, si.si_status, si.si_pid == c ? "yes" : "no");
	waitpid(c, NULL, 0);

	signal(SIGUSR2, on_usr2);
	pid_t parent = getpid();
	c = fork();
	if (c == 0) {
		struct timespec nap = { 0, 20 * 1000000L };
		nanosleep(&nap, NULL);
		kill(parent, SIGUSR2);
		for (;;)
			pause();                      /* no SIGCHLD before the parent woke */
	}
	show("a handled signal not in the set", sigwaitinfo(&set, &si), &si);
	printf("its handler ran: %d\n", (int)usr2_handled);
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
	sigtimedwait(&set, &si, &zero);          /* the SIGCHLD of that child */

	union sigval v;
	for (int i = 1; i <= 3; i++) {
		v.sival_int = i;
		sigqueue(getpid(), SIGRTMIN, v);
	}
	for (int i = 0; i < 4; i++)
		show("queued SIGRTMIN", sigtimedwait(&set, &si, &zero), &si);

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	kill(getpid(), SIGUSR1);
	show("a full set takes what is pending", sigtimedwait(&all, &si, &zero), &si);
	return 0;
}
