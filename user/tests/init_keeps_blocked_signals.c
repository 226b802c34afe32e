/*
 * init_keeps_blocked_signals.c - booted as the first program (init=): a
 * signal that init blocks is kept pending for it, as on Linux
 * (kernel/signal.c, sig_ignored: "Blocked signals are never ignored"),
 * even with no handler. The kernel dropped every signal sent to init
 * without a handler, blocked or not; busybox init blocks SIGCHLD, SIGUSR1
 * and SIGUSR2 (halt, poweroff), SIGTERM (reboot) and waits for them
 * (sigtimedwait), so `poweroff` did nothing and an exited shell was never
 * started again. Unblocked later, such a signal still does nothing to
 * init: its default action is skipped (Linux's SIGNAL_UNKILLABLE).
 */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *pending(int sig)
{
	sigset_t p;
	sigpending(&p);
	return sigismember(&p, sig) ? "pending" : "dropped";
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);

	kill(getpid(), SIGUSR2);
	printf("blocked SIGUSR2 sent to init: %s\n", pending(SIGUSR2));
	if (fork() == 0)
		_exit(0);
	wait(NULL);
	printf("blocked SIGCHLD from a child's exit: %s\n", pending(SIGCHLD));
	kill(getpid(), SIGTERM);
	sigprocmask(SIG_UNBLOCK, &set, NULL);     /* no handler: nothing happens to init */
	printf("init lives on after an unblocked SIGTERM\n");
	return 0;
}
