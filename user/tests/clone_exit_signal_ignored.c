/*
 * clone_exit_signal_ignored - clone's exit signal (CSIGNAL) is the one the
 * parent gets when the child ends, and decides which waits see the child.
 * tern stored it and sent SIGCHLD whatever it was, and every child matched
 * a wait without __WCLONE. Linux (kernel/exit.c): a child whose exit signal
 * is not SIGCHLD (another signal, or 0 for none) is a "clone" child, seen
 * only by __WCLONE or __WALL; it is never reaped automatically, even when
 * the parent ignores SIGCHLD; CLONE_PARENT takes the caller's own exit
 * signal, not the one in the flags.
 * Expected output: Linux's (qemu-user's clone without CLONE_VM is a fork).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int got[65];
static volatile int last_code, last_status;
static volatile pid_t last_pid;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got[sig]++;
	last_code = si->si_code;
	last_status = si->si_status;
	last_pid = si->si_pid;
}

static void catch(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(sig, &sa, NULL);
}

/* A child by clone, fork-like (own memory, the caller's stack), that
 * exits with code. */
static pid_t child(unsigned long flags, int code)
{
	pid_t pid = (pid_t)syscall(SYS_clone, flags, 0, 0, 0, 0);
	if (pid == 0)
		_exit(code);
	return pid;
}

static void settle(pid_t pid)
{
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	/* WNOWAIT + __WALL: wait until it is a zombie, leave it there */
	waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT | __WALL);
}

static void show_wait(const char *what, pid_t pid, int options)
{
	int status = -1;
	errno = 0;
	pid_t r = waitpid(pid, &status, options);
	if (r > 0 && (r == pid || pid == -1))
		printf("%s: reaped, exit %d\n", what, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	else
		printf("%s: %ld %s\n", what, (long)r, r < 0 ? strerror(errno) : "");
}

static void signal_usr1(void)
{
	memset((void *)got, 0, sizeof(got));
	pid_t pid = child(SIGUSR1, 3);
	settle(pid);
	printf("SIGUSR1 child: SIGUSR1 %d SIGCHLD %d code %s status %d pid %s\n", got[SIGUSR1], got[SIGCHLD],
	       last_code == CLD_EXITED ? "CLD_EXITED" : "other", last_status, last_pid == pid ? "ok" : "wrong");
	show_wait("  plain waitpid", pid, WNOHANG);
	show_wait("  waitpid -1", -1, WNOHANG);
	show_wait("  __WCLONE", pid, __WCLONE);
}

static void signal_none(void)
{
	memset((void *)got, 0, sizeof(got));
	pid_t pid = child(0, 4);
	settle(pid);
	printf("no exit signal: SIGCHLD %d SIGUSR1 %d\n", got[SIGCHLD], got[SIGUSR1]);
	show_wait("  plain waitpid", pid, 0);
	show_wait("  __WALL", pid, __WALL);
}

static void sigchld_child_and_wclone(void)
{
	pid_t pid = child(SIGCHLD, 5);
	settle(pid);
	show_wait("SIGCHLD child with __WCLONE", pid, __WCLONE | WNOHANG);
	show_wait("  plain waitpid", pid, 0);
}

/* Ignoring SIGCHLD reaps SIGCHLD children at once, never clone ones. */
static void ignored_sigchld(void)
{
	signal(SIGCHLD, SIG_IGN);
	pid_t pid = child(SIGUSR2, 6);
	settle(pid);
	show_wait("SIGCHLD ignored, SIGUSR2 child: __WCLONE", pid, __WCLONE);
	pid = child(SIGCHLD, 7);
	show_wait("SIGCHLD ignored, SIGCHLD child", pid, 0);
	catch(SIGCHLD);
}

/* CLONE_PARENT: the grandchild ends with our exit signal (SIGCHLD from
 * fork), whatever its flags said, so our parent waits for it plainly. */
static void clone_parent(void)
{
	memset((void *)got, 0, sizeof(got));
	pid_t mid = fork();
	if (mid == 0) {
		pid_t sib = child(CLONE_PARENT | SIGUSR2, 9);
		_exit(sib > 0 ? 0 : 1);
	}
	show_wait("CLONE_PARENT: middle", mid, 0);
	int status = -1;
	pid_t r = waitpid(-1, &status, 0);
	printf("CLONE_PARENT: sibling %s, exit %d, SIGUSR2 %d\n", r > 0 ? "reaped plainly" : strerror(errno),
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1, got[SIGUSR2]);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch(SIGUSR1);
	catch(SIGUSR2);
	catch(SIGCHLD);
	signal_usr1();
	signal_none();
	sigchld_child_and_wclone();
	ignored_sigchld();
	clone_parent();
	show_wait("no child left", -1, __WALL);
	return 0;
}
