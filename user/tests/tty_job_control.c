/*
 * tty_job_control.c - the rest of issue 17's terminal list, on a pty's
 * slave that is a session's controlling terminal: TIOCGSID and
 * TIOCGPGRP; a background group's read (SIGTTIN, or EIO with it
 * ignored), its write (free without TOSTOP, SIGTTOU with it, free again
 * with SIGTTOU ignored), its tcsetattr (SIGTTOU); TIOCSWINSZ sending
 * SIGWINCH to the foreground group (only when the size changes); VMIN and
 * VTIME in non-canonical reads; TCFLSH and TCSETSF dropping typed input;
 * TCXONC's TCIOFF/TCION sending ^S/^Q to the master; TIOCNOTTY letting
 * the terminal go (/dev/tty is then ENXIO). (The master's own ioctls:
 * pty_master_ioctls_were_wrong.c.) Output must equal the host's
 * (Linux) line for line: everything printed is a fact, not a time.
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

#define SETTLE_US   100000               /* for the slave's echo to reach the master */
#define VTIME_TENTHS 3

static int m, s;                         /* the pair; s is our controlling terminal */

static const char *err(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

/* How a background child running fn ended: "exit N" or "stopped by N". */
static void in_background(const char *what, void (*fn)(void), int ignore_sig)
{
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		if (ignore_sig)
			signal(ignore_sig, SIG_IGN);
		fn();
		_exit(0);
	}
	setpgid(pid, pid);
	int st;
	waitpid(pid, &st, WUNTRACED);
	if (WIFSTOPPED(st)) {
		printf("%s: stopped by %s\n", what, strsignal(WSTOPSIG(st)));
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	} else {
		printf("%s: exit %d\n", what, WEXITSTATUS(st));
	}
	fflush(stdout);
}

/* The background children's actions; the exit status tells the result. */
static void bg_read(void)
{
	char c;
	_exit(read(s, &c, 1) < 0 && errno == EIO ? 5 : 0);
}

static void bg_write(void)
{
	_exit(write(s, "w\n", 2) == 2 ? 2 : 1);
}

static void bg_setattr(void)
{
	struct termios t;
	tcgetattr(s, &t);
	_exit(tcsetattr(s, TCSANOW, &t) == 0 ? 0 : 1);
}

static void set_tostop(int on)
{
	struct termios t;
	tcgetattr(s, &t);
	t.c_lflag = on ? t.c_lflag | TOSTOP : t.c_lflag & ~TOSTOP;
	tcsetattr(s, TCSANOW, &t);
}

static void background_groups(void)
{
	in_background("background read", bg_read, 0);
	in_background("background read, SIGTTIN ignored (5: EIO)", bg_read, SIGTTIN);
	in_background("background write, no TOSTOP (2: written)", bg_write, 0);
	set_tostop(1);
	in_background("background write, TOSTOP", bg_write, 0);
	in_background("background write, TOSTOP, SIGTTOU ignored", bg_write, SIGTTOU);
	set_tostop(0);
	in_background("background tcsetattr", bg_setattr, 0);
	tcflush(m, TCIFLUSH);                 /* what they wrote */
}

static volatile sig_atomic_t winches;

static void on_winch(int sig)
{
	(void)sig;
	winches++;
}

static void window_changes(void)
{
	signal(SIGWINCH, on_winch);
	struct winsize w = { 30, 90, 0, 0 };
	ioctl(m, TIOCSWINSZ, &w);
	printf("TIOCSWINSZ 30x90: SIGWINCH %d\n", winches);
	ioctl(m, TIOCSWINSZ, &w);
	printf("TIOCSWINSZ 30x90 again: SIGWINCH %d\n", winches);
	w.ws_row = 31;
	ioctl(s, TIOCSWINSZ, &w);
	printf("TIOCSWINSZ 31x90 on the slave: SIGWINCH %d\n", winches);
}

/* Bytes only: how long a read waited depends on the machine's load (on
 * Linux in QEMU too), so VTIME's wait is not timed here. */
static void raw_read(const char *what, int vmin, int vtime, const char *typed)
{
	struct termios t;
	tcgetattr(s, &t);
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = (cc_t)vmin;
	t.c_cc[VTIME] = (cc_t)vtime;
	tcsetattr(s, TCSANOW, &t);
	if (*typed)
		write(m, typed, strlen(typed));
	char buf[16];
	printf("%s: %ld bytes\n", what, (long)read(s, buf, sizeof(buf)));
}

static void noncanonical(void)
{
	struct termios saved;
	tcgetattr(s, &saved);
	raw_read("VMIN 0, VTIME 3, nothing typed", 0, VTIME_TENTHS, "");
	raw_read("VMIN 3, VTIME 0, abc typed", 3, 0, "abc");
	raw_read("VMIN 0, VTIME 0, nothing typed", 0, 0, "");
	raw_read("VMIN 2, VTIME 3, one byte typed", 2, VTIME_TENTHS, "x");
	tcsetattr(s, TCSANOW, &saved);
}

static int pending_line(void)
{
	int n = -1;
	ioctl(s, FIONREAD, &n);
	return n;
}

static void flushing(void)
{
	write(m, "abc\r", 4);
	usleep(SETTLE_US);
	printf("typed a line: FIONREAD %d\n", pending_line());
	tcflush(s, TCIFLUSH);
	printf("TCFLSH TCIFLUSH: FIONREAD %d\n", pending_line());
	write(m, "def\r", 4);
	usleep(SETTLE_US);
	struct termios t;
	tcgetattr(s, &t);
	tcsetattr(s, TCSAFLUSH, &t);
	printf("TCSETSF: FIONREAD %d\n", pending_line());
	tcflush(m, TCIFLUSH);                 /* the echoes */
}

static void show_master(const char *what)
{
	char buf[16];
	usleep(SETTLE_US);
	int fl = fcntl(m, F_GETFL);
	fcntl(m, F_SETFL, fl | O_NONBLOCK);
	long n = read(m, buf, sizeof(buf));
	fcntl(m, F_SETFL, fl);
	printf("%s: the master reads", what);
	for (long i = 0; i < n; i++)
		printf(" 0x%02x", (unsigned char)buf[i]);
	printf("%s\n", n <= 0 ? " nothing" : "");
}

static void flow_control(void)
{
	printf("TCXONC TCIOFF: %s\n", err(tcflow(s, TCIOFF)));
	show_master("after TCIOFF");
	printf("TCXONC TCION: %s\n", err(tcflow(s, TCION)));
	show_master("after TCION");
	printf("TCXONC 9: %s\n", err(ioctl(s, TCXONC, 9)));
}

static void controlling_terminal(void)
{
	pid_t sid = -1, pgrp = -1;
	ioctl(s, TIOCGSID, &sid);
	ioctl(s, TIOCGPGRP, &pgrp);
	printf("TIOCGSID: %s; TIOCGPGRP: %s\n", sid == getsid(0) ? "our session" : "other",
	       pgrp == getpgrp() ? "our group" : "other");
	int fd = open("/dev/tty", O_RDWR);
	printf("open /dev/tty: %s\n", err(fd));
	close(fd);
}

static void let_go(void)
{
	signal(SIGHUP, SIG_IGN);              /* a leader's TIOCNOTTY hangs up its foreground group: us */
	printf("TIOCNOTTY: %s\n", err(ioctl(s, TIOCNOTTY)));
	int fd = open("/dev/tty", O_RDWR);
	printf("open /dev/tty after it: %s\n", err(fd));
	pid_t sid = -1;
	printf("TIOCGSID after it: %s\n", err(ioctl(s, TIOCGSID, &sid)));
}

/* A session leader with the slave as its controlling terminal. */
static void session(const char *name)
{
	setsid();
	s = open(name, O_RDWR);
	signal(SIGTTOU, SIG_DFL);
	signal(SIGTTIN, SIG_DFL);
	controlling_terminal();
	background_groups();
	window_changes();
	noncanonical();
	flushing();
	flow_control();
	let_go();
	fflush(stdout);
}

int main(void)
{
	char name[64];
	m = open_master(name, sizeof(name));
	if (m < 0) {
		perror("posix_openpt");
		return 1;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		session(name);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("session: %s %d\n", WIFSIGNALED(st) ? "killed by" : "exit",
	       WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	return 0;
}
