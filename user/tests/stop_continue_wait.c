/*
 * stop_continue_wait.c - stop and continue as a parent sees them: SIGSTOP,
 * SIGTSTP, SIGTTIN and SIGTTOU stop a child (of a group that is not
 * orphaned), waitpid(WUNTRACED) reports it once (status (sig << 8) | 0x7f),
 * SIGCONT continues it and waitpid(WCONTINUED) reports that once (0xffff);
 * the parent's SIGCHLD handler sees CLD_STOPPED and CLD_CONTINUED (none
 * with SA_NOCLDSTOP); a stopped child acts on no signal but SIGKILL until
 * continued; SIGCONT discards a pending stop signal; a caught SIGTSTP
 * only runs its handler; SIGTSTP to a member of an orphaned group is
 * discarded. Expected output: Linux's (tests/user/expected/stop_continue_wait).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t chld_count, chld_code, chld_status;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld_count++;
	chld_code = si->si_code;
	chld_status = si->si_status;
}

static void on_tstp(int sig)
{
	(void)sig;
	write(1, "child: SIGTSTP handler ran\n", 27);
}

static void chld_handler(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART | flags;
	sigaction(SIGCHLD, &sa, NULL);
}

/* A child in a group of its own (so not orphaned: its parent is in another
 * group of the session) that loops in pause(); ready when it is there. */
static pid_t looper(int own_group)
{
	int ready[2];
	pipe(ready);
	pid_t pid = fork();
	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		write(ready[1], "r", 1);
		for (;;)
			pause();
	}
	if (own_group)
		setpgid(pid, pid);
	char c;
	read(ready[0], &c, 1);
	close(ready[0]);
	close(ready[1]);
	return pid;
}

static void describe(const char *what, pid_t pid, int options)
{
	int st = 0;
	pid_t r = waitpid(pid, &st, options);
	if (r < 0)
		printf("%s: -1 %s\n", what, strerrorname_np(errno));
	else if (r == 0)
		printf("%s: nothing to report\n", what);
	else if (WIFSTOPPED(st))
		printf("%s: stopped by %d (status %#x)\n", what, WSTOPSIG(st), st);
	else if (WIFCONTINUED(st))
		printf("%s: continued (status %#x)\n", what, st);
	else if (WIFSIGNALED(st))
		printf("%s: killed by %d (status %#x)\n", what, WTERMSIG(st), st);
	else
		printf("%s: exited %d (status %#x)\n", what, WEXITSTATUS(st), st);
	fflush(stdout);
}

static void sigchld_seen(void)
{
	printf("SIGCHLD handler: %d calls, last si_code %d, si_status %d\n",
	       (int)chld_count, (int)chld_code, (int)chld_status);
	chld_count = chld_code = chld_status = 0;
	fflush(stdout);
}

static void stop_signals(void)
{
	int sigs[] = { SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU };
	pid_t pid = looper(1);
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		char what[64];
		kill(pid, sigs[i]);
		snprintf(what, sizeof(what), "kill(child, %d); waitpid(WUNTRACED)", sigs[i]);
		describe(what, pid, WUNTRACED);
		sigchld_seen();
		describe("again, WNOHANG|WUNTRACED", pid, WNOHANG | WUNTRACED);
		kill(pid, SIGCONT);
		describe("kill(child, SIGCONT); waitpid(WCONTINUED)", pid, WCONTINUED);
		sigchld_seen();
		describe("again, WNOHANG|WCONTINUED", pid, WNOHANG | WCONTINUED);
	}
	kill(pid, SIGSTOP);
	describe("stopped again", pid, WUNTRACED);
	kill(pid, SIGTERM);
	describe("SIGTERM to the stopped child, WNOHANG", pid, WNOHANG);
	kill(pid, SIGCONT);
	describe("SIGCONT: the SIGTERM acts", pid, 0);
	chld_count = 0;                       /* CLD_CONTINUED and CLD_KILLED may merge */
}

static void kill_stopped(void)
{
	pid_t pid = looper(1);
	kill(pid, SIGSTOP);
	describe("stopped", pid, WUNTRACED);
	kill(pid, SIGKILL);
	describe("SIGKILL to the stopped child", pid, 0);
	sigchld_seen();
}

static void nocldstop(void)
{
	chld_handler(SA_NOCLDSTOP);
	pid_t pid = looper(1);
	kill(pid, SIGSTOP);
	describe("SA_NOCLDSTOP, SIGSTOP", pid, WUNTRACED);
	kill(pid, SIGCONT);
	describe("SA_NOCLDSTOP, SIGCONT", pid, WCONTINUED);
	sigchld_seen();
	kill(pid, SIGKILL);
	describe("SA_NOCLDSTOP, SIGKILL", pid, 0);
	sigchld_seen();
	chld_handler(0);
}

/* SIGCONT sent while a blocked SIGTSTP is pending discards it. */
static void cont_discards_stop(void)
{
	int ready[2], go[2];
	pipe(ready);
	pipe(go);
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, SIGTSTP);
		setpgid(0, 0);
		sigprocmask(SIG_BLOCK, &s, NULL);
		write(ready[1], "r", 1);
		char c;
		read(go[0], &c, 1);
		sigpending(&s);
		printf("child: SIGTSTP still pending after SIGCONT: %s\n",
		       sigismember(&s, SIGTSTP) ? "yes" : "no");
		fflush(stdout);
		sigprocmask(SIG_UNBLOCK, &s, NULL);
		_exit(3);
	}
	setpgid(pid, pid);
	char c;
	read(ready[0], &c, 1);
	kill(pid, SIGTSTP);
	kill(pid, SIGCONT);
	write(go[1], "g", 1);
	describe("child that had SIGTSTP blocked", pid, WUNTRACED);
	sigchld_seen();
}

static void caught_tstp(void)
{
	int ready[2];
	pipe(ready);
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t s, old;
		sigemptyset(&s);
		sigaddset(&s, SIGTSTP);
		sigprocmask(SIG_BLOCK, &s, &old);     /* no SIGTSTP before sigsuspend */
		signal(SIGTSTP, on_tstp);
		setpgid(0, 0);
		write(ready[1], "r", 1);
		sigsuspend(&old);
		_exit(4);
	}
	setpgid(pid, pid);
	char c;
	read(ready[0], &c, 1);
	kill(pid, SIGTSTP);
	describe("child that catches SIGTSTP", pid, WUNTRACED);
	sigchld_seen();
}

static void orphaned_group(void)
{
	setpgid(0, 0);                        /* our group: its members' parents are in it */
	pid_t pid = looper(0);
	kill(pid, SIGTSTP);
	kill(pid, SIGTTIN);
	describe("SIGTSTP, SIGTTIN to an orphaned group's member, WNOHANG", pid, WNOHANG | WUNTRACED);
	kill(pid, SIGSTOP);
	describe("SIGSTOP stops it all the same", pid, WUNTRACED);
	kill(pid, SIGKILL);
	describe("SIGKILL", pid, 0);
	sigchld_seen();
}

int main(void)
{
	chld_handler(0);
	stop_signals();
	kill_stopped();
	nocldstop();
	cont_discards_stop();
	caught_tstp();
	orphaned_group();
	return 0;
}
