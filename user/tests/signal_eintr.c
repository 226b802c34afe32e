/*
 * signal_eintr.c - slow calls and signals: a handler without SA_RESTART
 * cuts a blocked pipe read, wait4 or pause short with EINTR; with
 * SA_RESTART the read and the wait go on and return what they were
 * waiting for; an ignored or a blocked signal interrupts nothing;
 * nanosleep fails with EINTR and the time left (between what remained and
 * the whole request); sigsuspend waits with a temporary mask and puts the
 * old one back. A child sends the signal while the parent sleeps.
 * Expected output: Linux's (tests/user/expected/signal_eintr).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DELAY_US 100000

static volatile int hits;
static void on_sig(int sig) { (void)sig; hits++; }

static void handle(int sig, int flags)
{
	struct sigaction sa = { 0 };
	sa.sa_handler = on_sig;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

/* A child that signals the parent after a while, then writes to fd (if
 * >= 0), then exits with code. */
static pid_t poke(int sig, int fd, int code)
{
	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		usleep(DELAY_US);
		kill(parent, sig);
		usleep(DELAY_US);
		if (fd >= 0)
			write(fd, "data", 4);
		_exit(code);
	}
	return pid;
}

static void read_case(const char *what, int sig, int flags)
{
	int p[2];
	char buf[8] = "";
	pipe(p);
	if (flags >= 0)
		handle(sig, flags);
	hits = 0;
	pid_t pid = poke(sig, p[1], 0);
	errno = 0;
	long r = read(p[0], buf, sizeof(buf) - 1);
	int e = r < 0 ? errno : 0;
	printf("read, %s: %ld (%s) handler ran %d\n", what, r, e ? strerror(e) : buf, hits);
	if (r < 0) {
		r = read(p[0], buf, sizeof(buf) - 1);
		printf("  read again: %ld (%s)\n", r, buf);
	}
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
}

static void wait_case(const char *what, int flags)
{
	handle(SIGUSR1, flags);
	hits = 0;
	pid_t pid = poke(SIGUSR1, -1, 3);
	int st = 0;
	errno = 0;
	long r = waitpid(pid, &st, 0);
	int e = r < 0 ? errno : 0;
	printf("waitpid, %s: %s, handler ran %d\n", what,
	       r == pid ? "the child" : e ? strerror(e) : "?", hits);
	if (r < 0) {
		r = waitpid(pid, &st, 0);
		printf("  waitpid again: %s, exit %d\n", r == pid ? "the child" : "?", WEXITSTATUS(st));
	}
}

static void nanosleep_case(void)
{
	handle(SIGUSR1, 0);
	pid_t pid = poke(SIGUSR1, -1, 0);
	struct timespec req = { 2, 0 }, rem = { 0, 0 };
	errno = 0;
	int r = nanosleep(&req, &rem);
	int e = r < 0 ? errno : 0;
	printf("nanosleep(2s): %d (%s), time left between 1s and 2s: %d\n", r,
	       e ? strerror(e) : "slept", rem.tv_sec == 1 && rem.tv_nsec > 0);
	waitpid(pid, NULL, 0);
}

static void pause_case(void)
{
	handle(SIGUSR2, SA_RESTART);
	hits = 0;
	pid_t pid = poke(SIGUSR2, -1, 0);
	errno = 0;
	int r = pause();
	printf("pause: %d (%s), handler ran %d\n", r, strerror(errno), hits);
	waitpid(pid, NULL, 0);
}

static void sigsuspend_case(void)
{
	sigset_t block, wait_mask, after;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	handle(SIGUSR1, 0);
	hits = 0;
	pid_t pid = poke(SIGUSR1, -1, 0);
	sigemptyset(&wait_mask);
	errno = 0;
	int r = sigsuspend(&wait_mask);
	sigprocmask(SIG_SETMASK, NULL, &after);
	printf("sigsuspend: %d (%s), handler ran %d, SIGUSR1 blocked again %d\n", r,
	       strerror(errno), hits, sigismember(&after, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	waitpid(pid, NULL, 0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	read_case("handler without SA_RESTART", SIGUSR1, 0);
	read_case("handler with SA_RESTART", SIGUSR1, SA_RESTART);
	read_case("SIGWINCH ignored by default", SIGWINCH, -1);
	signal(SIGUSR2, SIG_IGN);
	read_case("SIGUSR2 ignored", SIGUSR2, -1);
	wait_case("handler without SA_RESTART", 0);
	wait_case("handler with SA_RESTART", SA_RESTART);
	nanosleep_case();
	pause_case();
	sigsuspend_case();
	return 0;
}
