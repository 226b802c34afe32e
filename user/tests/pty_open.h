/*
 * pty_open.h - a pseudo-terminal master for the user test programs, and
 * its slave's path: glibc's way (posix_openpt, grantpt, unlockpt,
 * ptsname), or, with no /dev/ptmx (a root where nothing mounted /dev),
 * device nodes of our own in /tmp for the same devices (5:2, and 136:N
 * from TIOCGPTN) with the slave unlocked by TIOCSPTLCK: the same kernel
 * paths. Nodes a program before us left are replaced.
 */
#ifndef USER_TESTS_PTY_OPEN_H
#define USER_TESTS_PTY_OPEN_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define PTMX_DEV   makedev(5, 2)
#define PTS_MAJOR  136
#define PTMX_NODE  "/tmp/ptmx"

static int node(const char *path, mode_t mode, dev_t dev)
{
	unlink(path);
	return mknod(path, S_IFCHR | mode, dev);
}

static int open_master(char *name, size_t size)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m >= 0) {
		if (grantpt(m) || unlockpt(m) || !ptsname(m))
			return -1;
		snprintf(name, size, "%s", ptsname(m));
		return m;
	}
	if (errno != ENOENT || node(PTMX_NODE, 0666, PTMX_DEV))
		return -1;
	m = open(PTMX_NODE, O_RDWR | O_NOCTTY);
	int n, unlock = 0;
	if (m < 0 || ioctl(m, TIOCGPTN, &n) || ioctl(m, TIOCSPTLCK, &unlock))
		return -1;
	snprintf(name, size, "/tmp/pts%d", n);
	return node(name, 0620, makedev(PTS_MAJOR, n)) ? -1 : m;
}

#endif
