/*
 * pty_master_ioctls_were_wrong.c - ioctls of a pty's master that tern
 * answered as the slave's terminal would, or refused (issue 17's audit):
 *
 *  - TIOCGPGRP and TIOCGSID on the master were ENOTTY ("the master is
 *    nobody's terminal"). Linux answers them with the slave's foreground
 *    group and session, for any caller (tiocgpgrp/tiocgsid, tty !=
 *    real_tty): it is how a terminal emulator or tmux finds what runs in
 *    it. With no session left, TIOCGSID is ENOTTY and TIOCGPGRP 0.
 *    TIOCSCTTY on the master acts on the slave too (EPERM here: the
 *    slave is another session's), where tern said ENOTTY.
 *  - TCFLSH TCIFLUSH and FIONREAD on the master looked at the slave's
 *    typed input. On Linux they are the master's own input: what the
 *    slave wrote and the master has not read (a harness dropping echoes
 *    flushes it; a relay asks how much there is).
 *
 * TIOCSPGRP and TIOCNOTTY stay ENOTTY on the master, and the slave's
 * TIOCGPGRP is ENOTTY for a process it is not the controlling terminal
 * of. Linux is the oracle (tests/user/expected: qemu-user has no
 * TIOCGSID).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "pty_open.h"

#define SETTLE_US 100000

static int m;

static const char *err(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

/* Asked from a session of its own: the master says the leader's. */
static void ask_from_elsewhere(const char *name, pid_t leader)
{
	setsid();
	int s = open(name, O_RDWR | O_NOCTTY);
	pid_t sid = -1, pgrp = -1;
	long r = ioctl(m, TIOCGSID, &sid);
	printf("master TIOCGSID: %s\n", r < 0 ? err(r) : sid == leader ? "the slave's session" : "other");
	r = ioctl(m, TIOCGPGRP, &pgrp);
	printf("master TIOCGPGRP: %s\n", r < 0 ? err(r) : pgrp == leader ? "the slave's group" : "other");
	printf("master TIOCSPGRP: %s\n", err(ioctl(m, TIOCSPGRP, &pgrp)));
	printf("master TIOCNOTTY: %s\n", err(ioctl(m, TIOCNOTTY)));
	printf("master TIOCSCTTY: %s\n", err(ioctl(m, TIOCSCTTY, 0)));
	printf("slave TIOCGPGRP, not our terminal: %s\n", err(ioctl(s, TIOCGPGRP, &pgrp)));
	fflush(stdout);
}

/* The slave writes; the master's TCFLSH TCIFLUSH drops it. */
static void flush_what_the_slave_wrote(const char *name)
{
	int s = open(name, O_RDWR | O_NOCTTY);
	write(s, "unread\n", 7);
	usleep(SETTLE_US);
	int n = -1;
	ioctl(m, FIONREAD, &n);
	printf("the slave wrote: master FIONREAD %d\n", n);
	printf("master TCFLSH TCIFLUSH: %s\n", err(tcflush(m, TCIFLUSH)));
	ioctl(m, FIONREAD, &n);
	printf("then master FIONREAD %d\n", n);
	printf("master TCFLSH 3: %s\n", err(ioctl(m, TCFLSH, 3)));
	close(s);
}

int main(void)
{
	char name[64];
	int ready[2], done[2];
	m = open_master(name, sizeof(name));
	if (m < 0 || pipe(ready) || pipe(done)) {
		perror("setup");
		return 1;
	}
	flush_what_the_slave_wrote(name);
	fflush(stdout);
	pid_t leader = fork();
	if (leader == 0) {                        /* a session on the slave, until told */
		char c;
		setsid();
		open(name, O_RDWR);
		write(ready[1], "r", 1);
		read(done[0], &c, 1);
		_exit(0);
	}
	char c;
	read(ready[0], &c, 1);
	if (fork() == 0) {
		ask_from_elsewhere(name, leader);
		_exit(0);
	}
	wait(NULL);
	write(done[1], "d", 1);
	waitpid(leader, NULL, 0);
	pid_t sid = -1, pgrp = -1;
	printf("the leader gone: master TIOCGSID: %s\n", err(ioctl(m, TIOCGSID, &sid)));
	long r = ioctl(m, TIOCGPGRP, &pgrp);
	printf("the leader gone: master TIOCGPGRP: %s, %d\n", err(r), pgrp);
	return 0;
}
