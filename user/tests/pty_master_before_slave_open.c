/*
 * pty_master_before_slave_open.c - the bug: a pty master read with no
 * slave open was EIO at once, and so poll would have said POLLHUP, even
 * before the slave had ever been opened. A program that opens the master,
 * forks a child to open the slave and starts relaying at once (script, a
 * terminal emulator, our pty_relay) then saw the end before the child got
 * there. Linux marks the master only when the slave closes
 * (TTY_OTHER_CLOSED): until the first open the master waits like any
 * reader; after a close, reads are EIO and poll says POLLHUP; a new open
 * of the slave clears that again.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void try_master(int m, const char *when)
{
	char buf[8];
	struct pollfd pf = { m, POLLIN, 0 };
	int n = poll(&pf, 1, 100);
	printf("%s: poll %d%s%s", when, n, pf.revents & POLLIN ? " POLLIN" : "",
	       pf.revents & POLLHUP ? " POLLHUP" : "");
	ssize_t r = read(m, buf, sizeof(buf));
	printf(", read %zd %s\n", r, r < 0 ? strerror(errno) : "");
}

int main(void)
{
	char name[64];
	int m = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
	if (m < 0 || grantpt(m) || unlockpt(m) || ptsname_r(m, name, sizeof(name))) {
		perror("ptmx");
		return 1;
	}
	try_master(m, "slave never opened");
	int s = open(name, O_RDWR | O_NOCTTY);
	try_master(m, "slave open");
	close(s);
	try_master(m, "slave closed");
	s = open(name, O_RDWR | O_NOCTTY);
	try_master(m, "slave open again");
	write(s, "hi", 2);
	close(s);
	try_master(m, "slave wrote and closed");
	try_master(m, "after that");
	close(m);
	return 0;
}
