/*
 * signal_handler.c - handlers and what they are told: siginfo (si_signo,
 * si_code, si_pid) for kill, tgkill and raise; the blocked mask and the
 * pending set (a blocked signal waits, shows in sigpending, and arrives
 * when unblocked); the mask inside a handler (its own signal and sa_mask
 * blocked, not with SA_NODEFER); SA_RESETHAND; the ucontext's saved mask;
 * rt_sigaction's refusals (SIGKILL, SIGSTOP, bad numbers); sigaltstack
 * (SA_ONSTACK handlers run on it, ss_flags says so). Expected output:
 * Linux's (tests/user/expected/signal_handler).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static volatile int hits, depth, max_depth;
static volatile int last_code, last_pid_ok, usr2_blocked_inside, own_blocked_inside;
static volatile int onstack_ok;
static char altstack[65536];

static void on_info(int sig, siginfo_t *si, void *uc)
{
	ucontext_t *u = uc;
	sigset_t now;
	sigprocmask(SIG_SETMASK, NULL, &now);
	hits++;
	last_code = si->si_code;
	last_pid_ok = si->si_pid == getpid();
	own_blocked_inside = sigismember(&now, sig);
	usr2_blocked_inside = sigismember(&now, SIGUSR2);
	printf("handler: sig %d si_signo %d si_code %d si_pid %s, saved mask has SIGUSR2: %d\n",
	       sig, si->si_signo, si->si_code, last_pid_ok ? "self" : "other",
	       sigismember(&u->uc_sigmask, SIGUSR2));
}

static void nested(int sig)
{
	(void)sig;
	hits++;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (hits < 3)
		raise(SIGUSR1);
	depth--;
}

static void plain(int sig)
{
	hits++;
	printf("plain handler: sig %d\n", sig);
}

static void on_alt(int sig)
{
	char here;
	stack_t ss;
	(void)sig;
	sigaltstack(NULL, &ss);
	onstack_ok = &here >= altstack && &here < altstack + sizeof(altstack) &&
		     ss.ss_flags == SS_ONSTACK;
}

static void show_pending(const char *when)
{
	sigset_t p;
	sigpending(&p);
	printf("%s: pending SIGUSR1 %d SIGUSR2 %d SIGTERM %d\n", when, sigismember(&p, SIGUSR1),
	       sigismember(&p, SIGUSR2), sigismember(&p, SIGTERM));
}

static void siginfo_cases(void)
{
	struct sigaction sa = { 0 };
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	printf("after kill: hits %d, own signal blocked inside %d, sa_mask blocked inside %d\n",
	       hits, own_blocked_inside, usr2_blocked_inside);
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
	printf("after tgkill: si_code %d (SI_TKILL %d)\n", last_code, SI_TKILL);
	raise(SIGUSR1);
	printf("after raise: si_code %d\n", last_code);
}

static void mask_cases(void)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGKILL);               /* silently dropped */
	sigprocmask(SIG_BLOCK, &block, &old);
	sigprocmask(SIG_SETMASK, NULL, &block);
	printf("mask: SIGUSR1 %d SIGKILL %d (was SIGUSR1 %d)\n", sigismember(&block, SIGUSR1),
	       sigismember(&block, SIGKILL), sigismember(&old, SIGUSR1));
	hits = 0;
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);                  /* merged with the first */
	printf("blocked: hits %d\n", hits);
	show_pending("blocked");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	printf("unblocked: hits %d\n", hits);
	show_pending("unblocked");
}

static void flag_cases(void)
{
	struct sigaction sa = { 0 }, old;
	sa.sa_handler = nested;
	sigaction(SIGUSR1, &sa, NULL);
	hits = max_depth = 0;
	raise(SIGUSR1);
	printf("without SA_NODEFER: hits %d, depth %d\n", hits, max_depth);
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGUSR1, &sa, NULL);
	hits = max_depth = 0;
	raise(SIGUSR1);
	printf("with SA_NODEFER: hits %d, depth %d\n", hits, max_depth);

	sa.sa_handler = plain;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGWINCH, &sa, NULL);
	hits = 0;
	raise(SIGWINCH);
	sigaction(SIGWINCH, NULL, &old);
	printf("SA_RESETHAND: hits %d, handler now %s\n", hits,
	       old.sa_handler == SIG_DFL ? "SIG_DFL" : "still set");
	raise(SIGWINCH);                          /* default: ignored */
	printf("SIGWINCH by default: still here, hits %d\n", hits);
}

/* The result and errno of a call, in that order (printf's arguments are
 * evaluated in no fixed order). */
static void result(const char *what, long r)
{
	printf("%s: %ld errno %d\n", what, r, r < 0 ? errno : 0);
}

static void refusal_cases(void)
{
	struct sigaction sa = { 0 };
	sa.sa_handler = plain;
	result("sigaction(SIGKILL)", sigaction(SIGKILL, &sa, NULL));
	result("sigaction(SIGSTOP)", sigaction(SIGSTOP, &sa, NULL));
	result("sigaction(0)", sigaction(0, &sa, NULL));
	result("sigaction(65)", sigaction(65, &sa, NULL));
	result("rt_sigprocmask size 4", syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, NULL, 4));
	result("kill(self, 65)", kill(getpid(), 65));
	result("kill(99999, 0)", kill(99999, 0));
	printf("kill(self, 0): %d\n", kill(getpid(), 0));
}

static void altstack_cases(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 }, old;
	stack_t tiny = { .ss_sp = altstack, .ss_size = 1024, .ss_flags = 0 };
	result("sigaltstack too small", sigaltstack(&tiny, NULL));
	printf("sigaltstack: %d\n", sigaltstack(&ss, &old));
	printf("old: flags %d size %zu\n", old.ss_flags, old.ss_size);
	struct sigaction sa = { 0 };
	sa.sa_handler = on_alt;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR2);
	printf("SA_ONSTACK handler ran on the alternate stack: %d\n", onstack_ok);
	sigaltstack(NULL, &old);
	printf("outside: flags %d\n", old.ss_flags);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	siginfo_cases();
	mask_cases();
	flag_cases();
	refusal_cases();
	altstack_cases();
	printf("done\n");
	return 0;
}
