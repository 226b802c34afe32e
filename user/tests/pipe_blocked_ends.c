/*
 * pipe_blocked_ends.c - how a process blocked on a pipe forever gets out:
 *   - a reader of a pipe nobody writes, its terminal's foreground process:
 *     ^C typed on the terminal (a pty) kills it with SIGINT;
 *   - the same reader, sent SIGINT with kill: killed by SIGINT;
 *   - a writer blocked on a full pipe whose last reader goes away: killed
 *     by SIGPIPE; with SIGPIPE ignored, the write fails with EPIPE;
 *   - a writer to a pipe that never had a reader left: killed by SIGPIPE.
 * Output must equal the host's (Linux).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "pty_open.h"

#define CHUNK    4096
#define SETTLE_NS 100000000L           /* 100 ms: the child is asleep by then */

static void nap(void)
{
	struct timespec ts = { 0, SETTLE_NS };
	nanosleep(&ts, NULL);
}

static void report(const char *what, pid_t pid)
{
	int status;
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		printf("%s: killed by %s\n", what, strsignal(WTERMSIG(status)));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(status));
}

/* A child that reads p[0] forever (it holds the write end too: no EOF). */
static pid_t reader(int p[2], const char *tty)
{
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		signal(SIGINT, SIG_DFL);          /* a harness run in the background ignores it */
		if (tty) {
			setsid();
			close(open(tty, O_RDWR));      /* our controlling terminal now */
		}
		read(p[0], &c, 1);
		_exit(0);
	}
	return pid;
}

static void ctrl_c_on_pty(void)
{
	char name[64];
	int p[2], m = open_master(name, sizeof(name));
	if (m < 0 || pipe(p)) {
		printf("no pty: %s\n", strerror(errno));
		return;
	}
	pid_t pid = reader(p, name);
	nap();
	write(m, "\x03", 1);
	report("reader of a silent pipe, ^C on its terminal", pid);
	close(p[0]), close(p[1]), close(m);
}

static void sigint_by_kill(void)
{
	int p[2];
	pipe(p);
	pid_t pid = reader(p, NULL);
	nap();
	kill(pid, SIGINT);
	report("reader of a silent pipe, kill SIGINT", pid);
	close(p[0]), close(p[1]);
}

/* A writer that fills p and blocks; then the last reader (us) goes. */
static void writer_loses_reader(int ignore)
{
	int p[2];
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		static char buf[CHUNK];
		close(p[0]);
		if (ignore)
			signal(SIGPIPE, SIG_IGN);
		ssize_t r;
		while ((r = write(p[1], buf, sizeof(buf))) > 0)
			;
		_exit(r < 0 && errno == EPIPE ? 32 : 1);
	}
	close(p[1]);
	nap();
	close(p[0]);
	report(ignore ? "writer blocked on a full pipe, SIGPIPE ignored, reader gone (32: EPIPE)"
		      : "writer blocked on a full pipe, reader gone", pid);
}

static void writer_without_reader(void)
{
	int p[2];
	pipe(p);
	close(p[0]);
	pid_t pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	report("writer to a pipe without a reader", pid);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGPIPE, SIG_DFL);
	ctrl_c_on_pty();
	sigint_by_kill();
	writer_loses_reader(0);
	writer_loses_reader(1);
	writer_without_reader();
	return 0;
}
