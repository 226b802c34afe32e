/*
 * sigs_state.c - a program with signal state to look at: a SIGUSR1
 * and SIGUSR2 handler (SA_SIGINFO | SA_RESTART, SIGTERM in its mask),
 * SIGPIPE ignored, SIGUSR2 blocked and pending (it has a handler: run as
 * init, a signal it does not handle would be dropped), SIGRTMIN+1 (35)
 * blocked; then it writes one line. The gdb session sigs.py stops it in that write and
 * checks what `sigs` shows.
 */
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaddset(&sa.sa_mask, SIGTERM);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR2);
	write(1, "signal state set\n", 17);
	return 0;
}
