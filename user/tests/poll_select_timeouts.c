/*
 * poll_select_timeouts.c - poll, ppoll, select and pselect over pipes and
 * files (issue 15): what each end of a pipe says (empty, with data,
 * full, the other end closed), POLLNVAL and a negative fd, EBADF from
 * select, timeouts that really wait (and zero that does not), a sleeper
 * woken by another process's write, EINTR when a handled signal comes,
 * and ppoll's mask keeping that signal out.
 */
#include "vfs_scratch.h"
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include "wait_asleep.h"

static long ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void show_poll(const char *what, struct pollfd *p, int n, int timeout)
{
	int r = poll(p, n, timeout);
	printf("%s: %d", what, r < 0 ? -errno : r);
	for (int i = 0; i < n; i++)
		printf(" [%#x]", (unsigned)p[i].revents);
	printf("\n");
}

static void pipe_states(void)
{
	int p[2];
	pipe(p);
	struct pollfd fds[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
	show_poll("empty pipe", fds, 2, 0);
	write(p[1], "x", 1);
	show_poll("one byte in", fds, 2, 0);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	char buf[4096];
	memset(buf, 'y', sizeof(buf));
	while (write(p[1], buf, sizeof(buf)) > 0 || (errno == EAGAIN && write(p[1], buf, 1) > 0))
		;
	show_poll("full pipe", fds, 2, 0);
	close(p[1]);
	fds[1].fd = -1;
	show_poll("writer gone", fds, 2, 0);
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	show_poll("drained, writer gone", fds, 1, 0);
	close(p[0]);
	pipe(p);
	close(p[0]);
	struct pollfd w = { p[1], POLLOUT, 0 };
	show_poll("reader gone", &w, 1, 0);
	close(p[1]);
	struct pollfd bad[2] = { { 99, POLLIN, 0 }, { -5, POLLIN, 0 } };
	show_poll("fd 99 and fd -5", bad, 2, 0);
	int f = open("file", O_CREAT | O_RDWR, 0644);
	struct pollfd ff = { f, POLLIN | POLLOUT | POLLPRI, 0 };
	show_poll("a regular file", &ff, 1, 0);
	close(f);
	unlink("file");
}

static void timeouts(void)
{
	int p[2];
	struct timespec t0;
	pipe(p);
	struct pollfd fd = { p[0], POLLIN, 0 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int r = poll(&fd, 1, 100);
	printf("poll 100 ms on an empty pipe: %d, waited at least 100 ms: %s\n", r, ms_since(&t0) >= 100 ? "yes" : "no");
	fd_set rd;
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	struct timeval tv = { 0, 50000 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = select(p[0] + 1, &rd, NULL, NULL, &tv);
	printf("select 50 ms: %d, waited at least 50 ms: %s, set: %d\n", r, ms_since(&t0) >= 50 ? "yes" : "no", FD_ISSET(p[0], &rd));
	tv = (struct timeval){ 0, 0 };
	FD_SET(p[0], &rd);
	FD_SET(p[1], &rd);
	fd_set wr;
	FD_ZERO(&wr);
	FD_SET(p[1], &wr);
	r = select(p[1] + 1, &rd, &wr, NULL, &tv);
	printf("select 0: %d, read set %d%d, write set %d\n", r, FD_ISSET(p[0], &rd), FD_ISSET(p[1], &rd), FD_ISSET(p[1], &wr));
	FD_ZERO(&rd);
	FD_SET(20, &rd);
	tv = (struct timeval){ 0, 0 };
	r = select(21, &rd, NULL, NULL, &tv);
	printf("select on closed fd 20: %s\n", r < 0 ? strerrorname_np(errno) : "no error");
	r = select(-1, NULL, NULL, NULL, &tv);
	printf("select n = -1: %s\n", r < 0 ? strerrorname_np(errno) : "no error");
	struct timespec ts = { 0, 30000000 };
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL);
	printf("pselect 30 ms: %d, waited at least 30 ms: %s\n", r, ms_since(&t0) >= 30 ? "yes" : "no");
	ts = (struct timespec){ 0, 2000000000 };
	r = ppoll(&fd, 1, &ts, NULL);
	printf("ppoll with 2e9 ns: %s\n", r < 0 ? strerrorname_np(errno) : "no error");
	close(p[0]);
	close(p[1]);
}

/* A child's wait for its parent to sleep in the call under test before it
 * acts: a nap could end first on a loaded host, and then the write or the
 * signal came before the call (wait_asleep.h). */
static void parent_asleep(pid_t parent, const char *call)
{
	if (wait_asleep(parent))
		printf("the parent never slept in %s\n", call);
}

static void woken(void)
{
	int p[2];
	pipe(p);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);       /* before the child's 100 ms start */
	fflush(stdout);
	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		parent_asleep(parent, "poll forever");
		usleep(100000);
		write(p[1], "z", 1);
		_exit(0);
	}
	struct pollfd fd = { p[0], POLLIN, 0 };
	int r = poll(&fd, 1, -1);
	printf("poll forever, a child writes after 100 ms: %d [%#x], waited at least 100 ms: %s\n", r,
	       (unsigned)fd.revents, ms_since(&t0) >= 100 ? "yes" : "no");
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
}

static volatile int got;
static void on_usr1(int sig) { (void)sig; got++; }

static void interrupted(void)
{
	int p[2];
	pipe(p);
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigaction(SIGUSR1, &sa, NULL);
	pid_t parent = getpid();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		parent_asleep(parent, "poll");
		kill(parent, SIGUSR1);
		_exit(0);
	}
	struct pollfd fd = { p[0], POLLIN, 0 };
	int r = poll(&fd, 1, 5000);
	printf("poll, a signal with a handler comes: %s, handler ran %d\n", r < 0 ? strerrorname_np(errno) : "no error", got);
	waitpid(pid, NULL, 0);
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		parent_asleep(parent, "ppoll");
		kill(parent, SIGUSR1);
		_exit(0);
	}
	struct timespec ts = { 0, 200000000 };
	got = 0;
	r = ppoll(&fd, 1, &ts, &block);
	/* Not when the handler runs after: qemu-user (the host's oracle) loses it. */
	printf("ppoll with SIGUSR1 blocked: %d, not interrupted\n", r);
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	scratch_enter("poll_select_timeouts");
	pipe_states();
	timeouts();
	woken();
	interrupted();
	scratch_leave();
	return 0;
}
