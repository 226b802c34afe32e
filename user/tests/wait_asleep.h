/*
 * wait_asleep.h - wait until another process is asleep, as its
 * /proc/PID/stat says ('S'), for the user test programs: a test that must
 * act while a process is blocked in some call (a read, a lock wait, a
 * poll) looks instead of napping and hoping. A nap that is long enough
 * on an idle machine is not under load or qemu-user: the signal, ^C or
 * lock then comes before the call, and the run prints something else or
 * hangs. The caller must know the process's only sleep from then on is
 * the call under test (typically: it said "ready" on a pipe just before).
 * Under qemu-user the file of another process is the host kernel's own.
 */
#ifndef USER_TESTS_WAIT_ASLEEP_H
#define USER_TESTS_WAIT_ASLEEP_H

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define WAIT_ASLEEP_POLL_NS 10000000L  /* 10 ms between looks */
#define WAIT_ASLEEP_S       10         /* it takes ms, even under qemu-user on a loaded host */

/* The state letter of pid in /proc/PID/stat, or 0. */
static char proc_state(pid_t pid)
{
	char path[32], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	char *comm_end = strrchr(buf, ')');     /* comm may hold spaces */
	return comm_end && comm_end[1] == ' ' ? comm_end[2] : 0;
}

/* 0 once pid is asleep at two looks in a row, 10 ms apart (a passing
 * wait on its way, for a lock say, is not the call); -1 when it was not
 * within WAIT_ASLEEP_S seconds. */
static int wait_asleep(pid_t pid)
{
	struct timespec ts = { 0, WAIT_ASLEEP_POLL_NS }, now;
	int asleep = 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	for (time_t end = now.tv_sec + WAIT_ASLEEP_S; now.tv_sec < end;) {
		asleep = proc_state(pid) == 'S' ? asleep + 1 : 0;
		if (asleep == 2)
			return 0;
		nanosleep(&ts, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
	}
	return -1;
}

#endif
