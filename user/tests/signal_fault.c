/*
 * signal_fault.c - faults become signals a handler can catch and leave by
 * siglongjmp: SIGSEGV with SEGV_MAPERR (nothing mapped) and SEGV_ACCERR
 * (a read-only or PROT_NONE page) and the address in si_addr; SIGFPE
 * FPE_INTDIV for a division by zero, SIGILL ILL_ILLOPN for ud2 and SIGTRAP
 * for int3, each with the signal mask back as it was after the jump. A
 * fault whose signal is blocked, or ignored, kills (the parent sees the
 * signal in the wait status). The x87 registers of the interrupted code
 * survive a handler that uses the FPU itself. Expected output: Linux's
 * (tests/user/expected/signal_fault).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define BAD_ADDR ((volatile int *)0x1234)

static sigjmp_buf env;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = si->si_signo;
	got_code = si->si_code;
	got_addr = (uintptr_t)si->si_addr;
	siglongjmp(env, sig);
}

static void catch_all(void)
{
	struct sigaction sa = { 0 };
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	int sigs[] = { SIGSEGV, SIGFPE, SIGILL, SIGTRAP, SIGBUS };
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

static void report(const char *what, uintptr_t want_addr)
{
	sigset_t now;
	sigprocmask(SIG_SETMASK, NULL, &now);
	printf("%s: signal %d code %d addr %s, SIGSEGV blocked after the jump: %d\n", what,
	       got_sig, got_code, got_addr == want_addr ? "as expected" : "WRONG",
	       sigismember(&now, SIGSEGV));
}

static volatile int zero;

static void fault_cases(void)
{
	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!sigsetjmp(env, 1))
		*BAD_ADDR = 1;
	report("write to unmapped", (uintptr_t)BAD_ADDR);
	if (!sigsetjmp(env, 1))
		*(volatile char *)(ro + 8) = 1;
	report("write to read-only", (uintptr_t)(ro + 8));
	if (!sigsetjmp(env, 1))
		(void)*(volatile char *)(none + 16);
	report("read of PROT_NONE", (uintptr_t)(none + 16));
	if (!sigsetjmp(env, 1))
		zero = 10 / zero;
	report("divide by zero", got_addr);
	printf("  si_addr is an address in the text: %d\n", got_addr > 0x8048000 && got_addr < (uintptr_t)&zero);
	if (!sigsetjmp(env, 1))
		__asm__ volatile("ud2");
	report("ud2", got_addr);
	if (!sigsetjmp(env, 1))
		__asm__ volatile("int3");
	report("int3", 0);
}

static void on_usr1(int sig)
{
	volatile double x = sig;
	for (int i = 0; i < 10; i++)
		x = x * 1.5 + 0.25;          /* uses the x87 / SSE registers itself */
}

static void fpu_case(void)
{
	signal(SIGUSR1, on_usr1);
	long double a = 1.0L / 3.0L, b;
	__asm__ volatile("fldt %1\n\tfldpi\n\tfaddp\n\t" : "=t"(b) : "m"(a));
	raise(SIGUSR1);
	long double c;
	__asm__ volatile("fldt %1\n\tfldpi\n\tfaddp\n\t" : "=t"(c) : "m"(a));
	printf("x87 result the same after a handler: %d\n", memcmp(&b, &c, 10) == 0);
}

/* The child faults with SIGSEGV blocked (or ignored): it dies of it. */
static void killed_case(const char *what, int ignore)
{
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t s;
		sigemptyset(&s);
		sigaddset(&s, SIGSEGV);
		if (ignore)
			signal(SIGSEGV, SIG_IGN);
		else
			sigprocmask(SIG_BLOCK, &s, NULL);
		*BAD_ADDR = 2;
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("fault with SIGSEGV %s: signaled %d sig %d\n", what, WIFSIGNALED(st), WTERMSIG(st));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_all();
	fault_cases();
	fpu_case();
	killed_case("blocked", 0);
	killed_case("ignored", 1);
	return 0;
}
