/*
 * rt_signals_queue.c - real-time signals queue: every instance sent while
 * blocked is kept with its own siginfo (sigqueue's value, si_code
 * SI_QUEUE, the sender's pid) and they are delivered lowest signal first,
 * each signal's instances in the order sent; a standard signal sent twice
 * is delivered once. rt_sigqueueinfo may not claim SI_USER to another
 * process (EPERM); sigpending shows what waits; the old sigsuspend form.
 * Expected output: Linux's (tests/user/expected/rt_signals_queue).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_SEEN 32

static struct { int sig, code, value, from_self; } seen[MAX_SEEN];
static volatile int nseen;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (nseen < MAX_SEEN)
		seen[nseen++] = (typeof(seen[0])){ sig, si->si_code, si->si_value.sival_int,
						   si->si_pid == getpid() };
}

static void catch(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO;
	sigaction(sig, &sa, NULL);
}

static void show_seen(const char *what)
{
	printf("%s:", what);
	for (int i = 0; i < nseen; i++) {
		int s = seen[i].sig;
		if (s >= SIGRTMIN)
			printf(" RTMIN+%d", s - SIGRTMIN);
		else
			printf(" %d", s);
		printf("(code %d, value %d%s)", seen[i].code, seen[i].value,
		       seen[i].from_self ? "" : ", other pid");
	}
	printf("\n");
	fflush(stdout);
	nseen = 0;
}

int main(void)
{
	sigset_t block, old, pend;
	sigemptyset(&block);
	int sigs[] = { SIGUSR1, SIGRTMIN, SIGRTMIN + 1, SIGRTMIN + 5, SIGRTMAX };
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		catch(sigs[i]);
		sigaddset(&block, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &old);
	union sigval v;
	for (int i = 1; i <= 3; i++) {
		v.sival_int = 50 + i;
		sigqueue(getpid(), SIGRTMIN + 5, v);
	}
	v.sival_int = 7;
	sigqueue(getpid(), SIGRTMAX, v);
	kill(getpid(), SIGRTMIN + 1);
	kill(getpid(), SIGRTMIN + 1);
	for (int i = 1; i <= 2; i++) {
		v.sival_int = 10 + i;
		sigqueue(getpid(), SIGRTMIN, v);
	}
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	sigpending(&pend);
	printf("pending: USR1 %d RTMIN %d RTMIN+1 %d RTMIN+5 %d RTMAX %d\n",
	       sigismember(&pend, SIGUSR1), sigismember(&pend, SIGRTMIN),
	       sigismember(&pend, SIGRTMIN + 1), sigismember(&pend, SIGRTMIN + 5),
	       sigismember(&pend, SIGRTMAX));
	sigprocmask(SIG_SETMASK, &old, NULL);
	show_seen("delivered");

	/* From another process: si_pid is the sender's. */
	sigprocmask(SIG_BLOCK, &block, NULL);
	pid_t parent = getpid();
	pid_t c = fork();
	if (c == 0) {
		v.sival_int = 99;
		sigqueue(parent, SIGRTMIN + 1, v);
		sigqueue(parent, SIGRTMIN + 1, v);
		_exit(0);
	}
	waitpid(c, NULL, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	show_seen("from a child");

	/* rt_sigqueueinfo claiming SI_USER: only to oneself. */
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGRTMIN;
	si.si_code = SI_USER;
	si.si_pid = 12345;
	c = fork();
	if (c == 0) {
		long r = syscall(SYS_rt_sigqueueinfo, parent, SIGRTMIN, &si);
		printf("child: rt_sigqueueinfo(parent, SI_USER): %s\n", r < 0 ? strerrorname_np(errno) : "ok");
		fflush(stdout);
		_exit(0);
	}
	waitpid(c, NULL, 0);
	long r = syscall(SYS_rt_sigqueueinfo, getpid(), SIGRTMIN, &si);
	printf("rt_sigqueueinfo(self, SI_USER): %s\n", r < 0 ? strerrorname_np(errno) : "ok");
	show_seen("after it");
	r = syscall(SYS_rt_sigqueueinfo, 999999, SIGRTMIN, &si);
	printf("rt_sigqueueinfo(no such pid): %s\n", r < 0 ? strerrorname_np(errno) : "ok");
	si.si_code = SI_QUEUE;
	r = syscall(SYS_rt_tgsigqueueinfo, getpid(), getpid(), SIGRTMIN + 1, &si);
	printf("rt_tgsigqueueinfo(self, self): %s\n", r < 0 ? strerrorname_np(errno) : "ok");
	show_seen("after it");

	/* The old sigsuspend (one word of mask). */
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1);
	r = syscall(SYS_sigsuspend, 0, 0, 0);
	printf("sigsuspend: %ld %s\n", r, strerrorname_np(errno));
	show_seen("during it");
	return 0;
}
