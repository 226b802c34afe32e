/*
 * signal_loop.c N - deliver N signals to a handler (raise) and recover
 * from N faults (SIGSEGV, left by siglongjmp), then print the counts. The
 * in-guest test user.signal_delivery_leaks_nothing runs it and checks
 * that every frame comes back; it is also in tests/user/list (small N).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static volatile int handled, faults;
static sigjmp_buf env;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGUSR1 && si->si_signo == SIGUSR1)
		handled++;
}

static void on_segv(int sig)
{
	(void)sig;
	faults++;
	siglongjmp(env, 1);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 100;
	struct sigaction sa = { 0 };
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGSEGV, on_segv);
	for (int i = 0; i < n; i++)
		raise(SIGUSR1);
	for (volatile int i = 0; i < n; i++)     /* volatile: it lives across the jumps */
		if (!sigsetjmp(env, 1))
			*(volatile int *)0 = i;
	printf("%d signals, %d faults\n", handled, faults);
	return handled == n && faults == n ? 0 : 1;
}
