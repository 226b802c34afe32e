/*
 * signal_sigreturn.c - what rt_sigreturn and sigreturn give back: a
 * handler that changes registers in its ucontext (eax, a flag user code
 * may set) sees them in the interrupted code; one that asks for IOPL 3,
 * interrupts off or a kernel code or stack segment gets none of it (the
 * flags are dropped, a kernel selector kills with SIGSEGV). A handler
 * without SA_SIGINFO returns through sigreturn (glibc's restorer) with
 * the mask back. Expected output: Linux's (tests/user/expected/signal_sigreturn).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
#include <unistd.h>

#define EFL_DF    (1u << 10)
#define EFL_IF    (1u << 9)
#define EFL_IOPL  (3u << 12)
#define KERNEL_CS 0x08
#define KERNEL_DS 0x10

static volatile int mode;

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	(void)sig, (void)si;
	greg_t *g = uc->uc_mcontext.gregs;
	switch (mode) {
	case 0: g[REG_EFL] |= EFL_IOPL; g[REG_EFL] &= ~EFL_IF; break;
	case 1: g[REG_CS] = KERNEL_CS; break;
	case 2: g[REG_SS] = KERNEL_DS; break;
	}
}

static uint32_t flags_now(void)
{
	uint32_t f;
	__asm__ volatile("pushfl; popl %0" : "=r"(f));
	return f;
}

static void child_case(const char *what, int m)
{
	pid_t pid = fork();
	if (pid == 0) {
		mode = m;
		raise(SIGUSR1);
		uint32_t f = flags_now();
		printf("%s: returned, IOPL %u IF %u\n", what, (f & EFL_IOPL) >> 12, (f & EFL_IF) >> 9);
		fflush(stdout);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	if (WIFSIGNALED(st))
		printf("%s: killed by signal %d\n", what, WTERMSIG(st));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

static volatile int plain_hits;
static void plain(int sig) { (void)sig; plain_hits++; }

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct sigaction sa = { 0 };
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	child_case("IOPL 3 and IF off asked for", 0);
	child_case("kernel cs asked for", 1);
	child_case("kernel ss asked for", 2);
	signal(SIGUSR2, plain);
	sigset_t before, after;
	sigprocmask(SIG_SETMASK, NULL, &before);
	raise(SIGUSR2);
	raise(SIGUSR2);
	sigprocmask(SIG_SETMASK, NULL, &after);
	printf("plain handler twice: hits %d, SIGUSR2 blocked before %d after %d\n", plain_hits,
	       sigismember(&before, SIGUSR2), sigismember(&after, SIGUSR2));
	return 0;
}
