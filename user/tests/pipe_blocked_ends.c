/*
 * pipe_blocked_ends.c - how a process blocked on a pipe forever gets out:
 *   - a reader of a pipe nobody writes, its terminal's foreground process:
 *     ^C typed on the terminal (a pty) kills it with SIGINT;
 *   - the same reader, sent SIGINT with kill: killed by SIGINT;
 *   - a writer blocked on a full pipe whose last reader goes away: killed
 *     by SIGPIPE; with SIGPIPE ignored, the write fails with EPIPE;
 *   - a writer to a pipe that never had a reader left: killed by SIGPIPE.
 * Output must equal the host's (Linux).
 *
 * Ordering: the parent acts only once the child has said it is set up (a
 * byte on a "ready" pipe) and is asleep, in the one blocking call that
 * follows (wait_asleep.h). It used to nap 100 ms and hope: under load the
 * ^C could come before the child had its terminal (the byte was mere
 * input, the reader blocked forever and the run hung), or a kill before
 * it had restored SIGINT (ignored in a background harness: a hang too).
 * A child that never blocks, or is not killed, is reported, not waited
 * for forever.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "pty_open.h"
#include "wait_asleep.h"

#define CHUNK        4096
#define KILL_GUARD_S 30               /* a child still alive by then was not killed */

static void on_alarm(int sig) { (void)sig; }

/* Child side: set up, so say so; the caller then blocks. */
static void say_ready(int ready[2])
{
	close(ready[0]);
	write(ready[1], "r", 1);
	close(ready[1]);
}

/* Parent side: wait for the child's "ready", then for it to fall asleep
 * (after "ready" its only sleep is the blocking call under test). */
static void wait_blocked(int ready[2], pid_t pid, const char *what)
{
	char c;
	close(ready[1]);
	ssize_t n = read(ready[0], &c, 1);
	close(ready[0]);
	if (n != 1)
		printf("%s: the child died before it was set up\n", what);
	else if (wait_asleep(pid))
		printf("%s: the child never blocked\n", what);
}

/* Reap pid; one that outlives the guard was not killed: it is, by SIGKILL,
 * and the report says so instead of the run hanging. */
static void report(const char *what, pid_t pid)
{
	int status;
	struct sigaction sa = { .sa_handler = on_alarm };   /* no SA_RESTART */
	sigaction(SIGALRM, &sa, NULL);
	alarm(KILL_GUARD_S);
	if (waitpid(pid, &status, 0) < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	alarm(0);
	if (WIFSIGNALED(status))
		printf("%s: killed by %s\n", what, strsignal(WTERMSIG(status)));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(status));
}

/* A child that reads p[0] forever (it holds the write end too: no EOF),
 * on tty as its controlling terminal when tty is given. The master m
 * stays the parent's alone: were the parent killed, the reader would get
 * the hangup instead of lingering. */
static pid_t reader(int p[2], const char *tty, int m, const char *what)
{
	int ready[2];
	pipe(ready);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		signal(SIGINT, SIG_DFL);          /* a harness run in the background ignores it */
		if (tty) {
			close(m);
			setsid();
			close(open(tty, O_RDWR));      /* our controlling terminal now */
		}
		say_ready(ready);
		read(p[0], &c, 1);
		_exit(0);
	}
	wait_blocked(ready, pid, what);
	return pid;
}

static void ctrl_c_on_pty(void)
{
	const char *what = "reader of a silent pipe, ^C on its terminal";
	char name[64];
	int p[2], m = open_master(name, sizeof(name));
	if (m < 0 || pipe(p)) {
		printf("no pty: %s\n", strerror(errno));
		return;
	}
	pid_t pid = reader(p, name, m, what);
	write(m, "\x03", 1);
	report(what, pid);
	close(p[0]), close(p[1]), close(m);
}

static void sigint_by_kill(void)
{
	const char *what = "reader of a silent pipe, kill SIGINT";
	int p[2];
	pipe(p);
	pid_t pid = reader(p, NULL, -1, what);
	kill(pid, SIGINT);
	report(what, pid);
	close(p[0]), close(p[1]);
}

/* A writer that fills p and blocks; then the last reader (us) goes. */
static void writer_loses_reader(int ignore)
{
	const char *what = ignore ? "writer blocked on a full pipe, SIGPIPE ignored, reader gone (32: EPIPE)"
				  : "writer blocked on a full pipe, reader gone";
	int p[2], ready[2];
	pipe(p);
	pipe(ready);
	pid_t pid = fork();
	if (pid == 0) {
		static char buf[CHUNK];
		close(p[0]);
		if (ignore)
			signal(SIGPIPE, SIG_IGN);
		say_ready(ready);
		ssize_t r;
		while ((r = write(p[1], buf, sizeof(buf))) > 0)
			;
		_exit(r < 0 && errno == EPIPE ? 32 : 1);
	}
	close(p[1]);
	wait_blocked(ready, pid, what);
	close(p[0]);
	report(what, pid);
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
