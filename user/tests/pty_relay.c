/*
 * pty_relay.c - a small `script` (busybox's Debian build has none): runs
 * PROG ARGS on a new pseudo-terminal and relays between it and this
 * terminal, so that what a person types at the console reaches PROG
 * through the pty's line discipline (tests/system/interactive.py types at
 * a shell this way).
 *   pty_relay PROG [ARGS...]
 *
 * The program gets a session of its own with the slave as its controlling
 * terminal (setsid, then open without O_NOCTTY); this terminal goes raw
 * for the time (every key, ^C and ^Z included, becomes a byte for the
 * slave's discipline to act on) and gets its settings back at the end.
 * The relay is poll on both sides: stdin to the master, the master to
 * stdout, until the master says the slave has gone (POLLHUP, or EIO).
 * Prints "pty_relay: PROG ended with status N" at the end.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define CHUNK 1024

static int open_master(char *name, size_t size)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m) || ptsname_r(m, name, size)) {
		perror("pty_relay: ptmx");
		exit(1);
	}
	struct winsize ws;
	if (ioctl(0, TIOCGWINSZ, &ws) == 0)
		ioctl(m, TIOCSWINSZ, &ws);
	return m;
}

static void start(const char *name, char **argv)
{
	setsid();
	int s = open(name, O_RDWR);             /* the controlling terminal */
	if (s < 0) {
		perror("pty_relay: slave");
		_exit(127);
	}
	dup2(s, 0), dup2(s, 1), dup2(s, 2);
	if (s > 2)
		close(s);
	execvp(argv[0], argv);
	perror("pty_relay: exec");
	_exit(127);
}

/* Copy what fd has to to; false at its end (0, EIO, POLLHUP with nothing). */
static int copy(int from, int to)
{
	char buf[CHUNK];
	ssize_t n = read(from, buf, sizeof(buf));
	if (n <= 0)
		return n < 0 && errno == EINTR;
	for (ssize_t done = 0; done < n;) {
		ssize_t w = write(to, buf + done, (size_t)(n - done));
		if (w <= 0)
			return 0;
		done += w;
	}
	return 1;
}

static void relay(int m)
{
	struct pollfd pf[2] = { { 0, POLLIN, 0 }, { m, POLLIN, 0 } };
	for (;;) {
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if ((pf[1].revents & (POLLIN | POLLHUP)) && !copy(m, 1))
			break;
		if ((pf[0].revents & (POLLIN | POLLHUP)) && !copy(0, m))
			pf[0].fd = -1;                  /* our input ended: keep reading the slave */
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: pty_relay PROG [ARGS...]\n");
		return 2;
	}
	char name[64];
	int m = open_master(name, sizeof(name));
	struct termios saved, raw;
	int is_tty = tcgetattr(0, &saved) == 0;
	pid_t pid = fork();
	if (pid == 0) {
		close(m);
		start(name, argv + 1);
	}
	if (is_tty) {
		raw = saved;
		cfmakeraw(&raw);
		tcsetattr(0, TCSANOW, &raw);
	}
	relay(m);
	int status = 0;
	waitpid(pid, &status, 0);
	if (is_tty)
		tcsetattr(0, TCSANOW, &saved);
	printf("pty_relay: %s ended with status %d\n", argv[1],
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
