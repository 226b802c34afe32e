/* signal_handler.c - a signal delivered to a handler and returned from:
 * kill(getpid(), SIGUSR1) with an SA_SIGINFO handler, N times (the kill
 * system call, the frame built on the way out, the handler, rt_sigreturn). */
#include <signal.h>
#include <unistd.h>
#include "bench.h"

static volatile long handled;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	handled++;
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	struct sigaction sa = { 0 };
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	pid_t self = getpid();
	kill(self, SIGUSR1);                    /* warm-up */
	uint64_t t0 = bench_rdtsc();
	for (long i = 0; i < n; i++)
		kill(self, SIGUSR1);
	uint64_t t1 = bench_rdtsc();
	if (handled != n + 1)
		return 1;
	bench_report("signal_handler", n, t1 - t0);
	return 0;
}
