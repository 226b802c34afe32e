/*
 * vfs_scratch.h - what the file-system test programs share: a scratch
 * directory of their own under /tmp (the host runs them too, perhaps
 * several at once), and a line per call saying "ok" or the errno's name,
 * so the output is the same on Linux and on tern.
 */
#ifndef VFS_SCRATCH_H
#define VFS_SCRATCH_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static char scratch[64];

/* Make /tmp/NAME.PID and work in it. */
__attribute__((unused)) static void scratch_enter(const char *name)
{
	snprintf(scratch, sizeof(scratch), "/tmp/%s.%d", name, (int)getpid());
	if (mkdir(scratch, 0755) != 0 || chdir(scratch) != 0) {
		printf("cannot make the scratch directory: %s\n", strerrorname_np(errno));
		_exit(1);
	}
}

/* Leave and remove the scratch directory, which the test emptied. */
__attribute__((unused)) static void scratch_leave(void)
{
	if (chdir("/") != 0 || rmdir(scratch) != 0)
		printf("scratch directory left behind: %s\n", strerrorname_np(errno));
}

/* Print what a call gave: its value when >= 0, else the errno's name. */
#define SHOW(call) show(#call, (long)(call))
static long show(const char *what, long r)
{
	if (r < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %ld\n", what, r);
	return r;
}

#endif
