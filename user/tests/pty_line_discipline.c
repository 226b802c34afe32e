/*
 * pty_line_discipline.c - a pseudo-terminal pair as a terminal emulator
 * or `script` uses it (posix_openpt, grantpt, unlockpt, ptsname), and the
 * line discipline seen from the master: canonical lines with erase, echo
 * with ONLCR, output processing, raw mode, the window size, ^C to the
 * slave's foreground group, and the hang-up when the master closes.
 * Output must equal the host's (Linux) line for line.
 *
 * With no /dev/ptmx it makes its own nodes in /tmp (pty_open.h): the same
 * kernel paths, and the same output, as through glibc's posix_openpt.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "pty_open.h"

/* Bytes as C escapes, so echoes and CR/LF show. */
static void show(const char *what, const char *buf, ssize_t n)
{
	printf("%s (%zd): \"", what, n);
	for (ssize_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\n')
			printf("\\n");
		else if (c == '\r')
			printf("\\r");
		else if (c < ' ' || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	printf("\"\n");
	fflush(stdout);
}

/* Everything the master has to read now (the echo and output come at
 * once: the slave writes before the call returns). */
static void drain(int m, const char *what)
{
	char buf[256];
	usleep(100 * 1000);
	ssize_t n = read(m, buf, sizeof(buf));
	show(what, buf, n);
}

static void line_then_read(int m, int s, const char *typed, const char *what)
{
	char buf[256];
	write(m, typed, strlen(typed));
	ssize_t n = read(s, buf, sizeof(buf));
	show(what, buf, n);
	drain(m, "  echo");
}

/* A child in its own session, the slave its controlling terminal, waits
 * in read; the master types ^C. */
static void ctrl_c(int m, const char *name)
{
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);             /* a harness run in the background ignores it */
		setsid();
		int s = open(name, O_RDWR);          /* no O_NOCTTY: it becomes ours */
		char c;
		write(s, "ready\n", 6);
		read(s, &c, 1);
		_exit(0);
	}
	char buf[64];
	ssize_t got = 0;
	while (got < 7)                           /* "ready\r\n" */
		got += read(m, buf + got, sizeof(buf) - (size_t)got);
	write(m, "\x03", 1);
	int status;
	waitpid(pid, &status, 0);
	printf("child: %s %d\n", WIFSIGNALED(status) ? "killed by signal" : "exited",
	       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	drain(m, "  echo of ^C");
}

int main(void)
{
	char name[64];
	int m = open_master(name, sizeof(name));
	if (m < 0) {
		perror("posix_openpt");
		return 1;
	}
	int s = open(name, O_RDWR | O_NOCTTY);
	printf("slave opened: %d\n", s >= 0);
	printf("slave is a tty: %d, master is a tty: %d\n", isatty(s), isatty(m));

	line_then_read(m, s, "abc\r", "canonical line");
	line_then_read(m, s, "xy\x7fz\r", "after erase");
	line_then_read(m, s, "one two\x17three\r", "after word erase");

	write(s, "out\nput\n", 8);
	drain(m, "slave output");

	struct termios t;
	tcgetattr(s, &t);
	struct termios raw = t;
	raw.c_lflag &= ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(s, TCSANOW, &raw);
	write(m, "q\r", 2);
	char buf[16];
	ssize_t n = read(s, buf, sizeof(buf));
	show("raw read", buf, n);
	tcsetattr(s, TCSANOW, &t);

	struct winsize w = { 30, 100, 0, 0 }, r;
	ioctl(m, TIOCSWINSZ, &w);
	ioctl(s, TIOCGWINSZ, &r);
	printf("window: %d x %d\n", r.ws_row, r.ws_col);

	ctrl_c(m, name);

	close(m);
	n = read(s, buf, sizeof(buf));
	printf("slave read after the master closed: %zd\n", n);
	errno = 0;
	n = write(s, "x", 1);
	printf("slave write after the master closed: %zd (%s)\n", n, n < 0 ? strerror(errno) : "");
	return 0;
}
