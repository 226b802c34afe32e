/*
 * session_leader_exit_hangs_up_foreground.c - the bug: when a session
 * leader ended, nothing happened to its terminal's foreground group
 * (tty/tty_job.c had no exit hook: the terminal was only found free the
 * next time someone asked), so a job left running in the foreground of a
 * shell that died - a login shell whose window closed - kept running,
 * never told. Linux's disassociate_ctty(1) sends that group SIGHUP when
 * the leader exits; a background group hears nothing from the terminal.
 * Also: a hang-up (the master closes) signals the leader, SIGHUP and
 * SIGCONT, and poll on the master and the slave says so (POLLHUP).
 *
 * Each case: a leader with a pty slave as its controlling terminal and a
 * child in the foreground or a background group, which reports what it
 * got through a pipe (or "nothing" after a second and a half).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define QUIET_MS 1500
static int report_fd;

static void say(const char *s)
{
	write(report_fd, s, strlen(s));
}

/* Which came (the order two pending signals' handlers run in is not
 * the point). */
static volatile sig_atomic_t got_hup, got_cont;
static void on_hup(int sig) { (void)sig; got_hup = 1; }
static void on_cont(int sig) { (void)sig; got_cont = 1; }

static void say_signals(void)
{
	say(got_hup ? "SIGHUP: yes\n" : "SIGHUP: no\n");
	say(got_cont ? "SIGCONT: yes\n" : "SIGCONT: no\n");
}

/* The child: what came within QUIET_MS (a signal ends the sleep). */
static void listen_for_signals(void)
{
	usleep(QUIET_MS * 1000);
	say_signals();
	_exit(0);
}

static int open_pair(char *name, size_t size)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m) || ptsname_r(m, name, size)) {
		perror("ptmx");
		exit(1);
	}
	return m;
}

/* Everything the pipe brings until every writer has gone. */
static void print_reports(const char *what, int fd)
{
	char buf[256];
	ssize_t n, got = 0;
	while ((n = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += n;
	buf[got] = 0;
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		printf("%s: %s\n", what, line);
	fflush(stdout);
}

/* A leader on a fresh pty: its child in the foreground (background: in a
 * group of its own); the leader waits for "ready", then exits. */
static void leader_exits(const char *what, int background)
{
	char name[64];
	int m = open_pair(name, sizeof(name)), p[2];
	pipe(p);
	if (fork() == 0) {
		close(p[0]);
		report_fd = p[1];
		setsid();
		int s = open(name, O_RDWR);         /* the leader's controlling terminal */
		int ready[2];
		pipe(ready);
		if (fork() == 0) {
			if (background)
				setpgid(0, 0);
			close(ready[0]);
			report_fd = ready[1];           /* "ready" to the leader first */
			signal(SIGHUP, on_hup);
			signal(SIGCONT, on_cont);
			say("ready\n");
			report_fd = p[1];
			listen_for_signals();
		}
		char c;
		close(ready[1]);
		read(ready[0], &c, 1);
		close(s);
		_exit(0);                           /* the leader ends */
	}
	close(p[1]);
	print_reports(what, p[0]);
	close(p[0]);
	close(m);
	while (wait(NULL) > 0)
		;
}

/* The master closes under a leader that waits: it hears SIGHUP, SIGCONT,
 * and the slave polls POLLHUP and reads end of file. */
static void master_hangs_up(void)
{
	char name[64];
	int m = open_pair(name, sizeof(name)), p[2];
	pipe(p);
	if (fork() == 0) {
		close(p[0]);
		close(m);
		report_fd = p[1];
		setsid();
		int s = open(name, O_RDWR);
		signal(SIGHUP, on_hup);
		signal(SIGCONT, on_cont);
		say("ready\n");
		struct pollfd pf = { s, POLLIN, 0 };
		sigset_t hup, old;                  /* the signals wait until poll has answered */
		sigemptyset(&hup);
		sigaddset(&hup, SIGHUP);
		sigaddset(&hup, SIGCONT);
		sigprocmask(SIG_BLOCK, &hup, &old);
		int n = poll(&pf, 1, 5000);
		char buf[8], line[80];
		/* POLLHUP only: whether Linux adds POLLIN depends on whether poll
		 * woke before or after the hang-up swapped the file's operations
		 * (n_tty_poll vs hung_up_tty_poll), a race on Linux itself. */
		snprintf(line, sizeof(line), "slave poll %d: %s\n", n, pf.revents & POLLHUP ? "POLLHUP" : "no POLLHUP");
		say(line);
		snprintf(line, sizeof(line), "slave read: %zd\n", read(s, buf, sizeof(buf)));
		say(line);
		sigprocmask(SIG_SETMASK, &old, NULL);
		say_signals();
		_exit(0);
	}
	close(p[1]);
	char c[6];
	read(p[0], c, 6);                           /* "ready\n" */
	struct pollfd pf = { m, POLLIN | POLLOUT, 0 };
	printf("master poll, slave open and quiet: %d %s%s\n", poll(&pf, 1, 0),
	       pf.revents & POLLIN ? "POLLIN " : "", pf.revents & POLLOUT ? "POLLOUT" : "");
	fflush(stdout);
	usleep(100 * 1000);
	close(m);
	print_reports("hang-up, leader", p[0]);
	close(p[0]);
	while (wait(NULL) > 0)
		;
}

/* The master sees the slave's output, and POLLHUP when the slave closes. */
static void master_polls(void)
{
	char name[64];
	int m = open_pair(name, sizeof(name));
	int s = open(name, O_RDWR | O_NOCTTY);
	struct pollfd pf = { m, POLLIN, 0 };
	write(s, "x", 1);
	printf("master poll after a slave write: %d %s\n", poll(&pf, 1, 1000),
	       pf.revents & POLLIN ? "POLLIN" : "");
	char buf[8];
	read(m, buf, sizeof(buf));
	close(s);
	pf.revents = 0;
	printf("master poll after the slave closed: %d %s\n", poll(&pf, 1, 1000),
	       pf.revents & POLLHUP ? "POLLHUP" : "");
	close(m);
}

int main(void)
{
	leader_exits("leader exits, foreground child", 0);
	leader_exits("leader exits, background child", 1);
	master_hangs_up();
	master_polls();
	return 0;
}
