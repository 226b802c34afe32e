/*
 * pipe2_flags.c - pipe2 honours O_NONBLOCK instead of dropping it (issue
 * 13): a read of an empty pipe and a write to a full one fail with EAGAIN
 * rather than sleeping; flags it does not know are EINVAL; lseek on a
 * pipe is ESPIPE. The kernel accepted O_NONBLOCK and ignored it, so this
 * program slept for ever in its first read.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *err_name(int e)
{
	switch (e) {
	case EAGAIN: return "EAGAIN";
	case EINVAL: return "EINVAL";
	case ESPIPE: return "ESPIPE";
	case EBADF:  return "EBADF";
	default:     return "other";
	}
}

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", what, err_name(errno));
	else
		printf("%s: %ld\n", what, r);
}

int main(void)
{
	int fd[2];
	char buf[4096];
	show("pipe2(O_NONBLOCK)", pipe2(fd, O_NONBLOCK));
	show("read of an empty pipe", read(fd[0], buf, sizeof(buf)));
	memset(buf, 'x', sizeof(buf));
	long total = 0, r;
	while ((r = write(fd[1], buf, 1000)) > 0)
		total += r;
	show("write to a full pipe", r);
	printf("it took some bytes first: %s\n", total > 0 ? "yes" : "no");
	show("read from the full pipe", read(fd[0], buf, 10));
	show("lseek on the read end", lseek(fd[0], 0, SEEK_SET));
	show("lseek on the write end", lseek(fd[1], 5, SEEK_CUR));
	close(fd[0]);
	close(fd[1]);
	show("pipe2 with an unknown flag", pipe2(fd, 0x1));
	show("pipe2 with O_RDWR", pipe2(fd, O_RDWR));
	show("pipe2(0)", pipe2(fd, 0));
	show("lseek on a blocking pipe", lseek(fd[0], 0, SEEK_END));
	return 0;
}
