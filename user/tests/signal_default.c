/*
 * signal_default.c - default actions as the parent's wait status shows
 * them, and signals between processes: SIGTERM, SIGUSR1 and SIGKILL kill;
 * a SIGSEGV death (the raw status: no core bit, as Linux without a core
 * file); SIGCHLD, SIGWINCH and SIGURG are ignored; a child's handler sees
 * the sender's pid; SIGCHLD reaches a parent's handler with CLD_EXITED or
 * CLD_KILLED, the child's pid and status; a write to a pipe with no
 * reader raises SIGPIPE (kills by default; with SIGPIPE ignored or
 * handled, the write fails with EPIPE). Expected output: Linux's
 * (tests/user/expected/signal_default).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void status_of(const char *what, pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) != pid) {
		printf("%s: waitpid failed\n", what);
		return;
	}
	if (WIFSIGNALED(st))
		printf("%s: killed by %d, raw status %#x\n", what, WTERMSIG(st), st);
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

/* A child that waits to be signalled (it tells through the pipe it is ready). */
static pid_t sleeper(int ready[2])
{
	pid_t pid = fork();
	if (pid == 0) {
		close(ready[0]);
		write(ready[1], "r", 1);
		for (;;)
			pause();
	}
	char c;
	read(ready[0], &c, 1);
	return pid;
}

static void kill_cases(void)
{
	int sigs[] = { SIGTERM, SIGUSR1, SIGKILL, SIGHUP };
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		int p[2];
		pipe(p);
		pid_t pid = sleeper(p);
		kill(pid, sigs[i]);
		char what[32];
		snprintf(what, sizeof(what), "kill(child, %d)", sigs[i]);
		status_of(what, pid);
		close(p[0]);
		close(p[1]);
	}
	pid_t pid = fork();
	if (pid == 0) {
		*(volatile int *)0 = 1;
		_exit(0);
	}
	status_of("NULL write", pid);
	pid = fork();
	if (pid == 0) {
		raise(SIGCHLD);
		raise(SIGWINCH);
		raise(SIGURG);
		_exit(7);
	}
	status_of("SIGCHLD, SIGWINCH, SIGURG raised", pid);
}

static volatile int child_saw_pid;

static void on_usr2(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	child_saw_pid = si->si_pid;
}

static void sender_pid_case(void)
{
	int p[2], back[2];
	pipe(p);
	pipe(back);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa = { 0 };
		sa.sa_sigaction = on_usr2;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGUSR2, &sa, NULL);
		write(p[1], "r", 1);
		while (!child_saw_pid)
			pause();
		_exit(child_saw_pid == parent ? 0 : 1);
	}
	char c;
	read(p[0], &c, 1);
	kill(pid, SIGUSR2);
	status_of("child's handler saw the parent's pid (0 = yes)", pid);
}

static volatile int chld_code, chld_status, chld_pid_ok;
static volatile pid_t chld_expect;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	chld_code = si->si_code;
	chld_status = si->si_status;
	chld_pid_ok = si->si_pid == chld_expect;
}

static void sigchld_cases(void)
{
	struct sigaction sa = { 0 };
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	pid_t pid = fork();
	if (pid == 0)
		_exit(42);
	chld_expect = pid;
	status_of("child exiting 42", pid);
	printf("SIGCHLD: code %d (CLD_EXITED %d) status %d pid ok %d\n", chld_code, CLD_EXITED,
	       chld_status, chld_pid_ok);
	int p[2];
	pipe(p);
	pid = sleeper(p);
	chld_expect = pid;
	kill(pid, SIGTERM);
	status_of("child killed by SIGTERM", pid);
	printf("SIGCHLD: code %d (CLD_KILLED %d) status %d pid ok %d\n", chld_code, CLD_KILLED,
	       chld_status, chld_pid_ok);
	signal(SIGCHLD, SIG_DFL);
}

static volatile int pipe_hits;
static void on_pipe(int sig) { (void)sig; pipe_hits++; }

static void sigpipe_cases(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		int p[2];
		pipe(p);
		close(p[0]);
		write(p[1], "x", 1);
		_exit(0);
	}
	status_of("write to a pipe with no reader", pid);
	int p[2];
	pipe(p);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	long r = write(p[1], "x", 1);
	printf("SIGPIPE ignored: write %ld errno %s\n", r, errno == EPIPE ? "EPIPE" : strerror(errno));
	signal(SIGPIPE, on_pipe);
	errno = 0;
	r = write(p[1], "x", 1);
	printf("SIGPIPE handled: write %ld errno %s, handler ran %d\n", r,
	       errno == EPIPE ? "EPIPE" : strerror(errno), pipe_hits);
	close(p[1]);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	kill_cases();
	sender_pid_case();
	sigchld_cases();
	sigpipe_cases();
	return 0;
}
