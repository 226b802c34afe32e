/*
 * pipe_read_returns_what_is_there.c - issue 13, defect 3: a read asked for
 * more than a pipe holds must return what is there. The kernel's read moved
 * data in 512-byte chunks and, after a full chunk, asked the pipe again and
 * slept: with a multiple of 512 bytes buffered, the read blocked although
 * the data was waiting. Here a late writer (a child, 300 ms on) adds one
 * byte, so the old kernel's read returns 513 instead of 512 rather than
 * hanging; Linux returns at once with what is buffered.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void late_byte(int wfd)
{
	struct timespec ts = { 0, 300 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	if (write(wfd, "!", 1) != 1)
		_exit(1);
	_exit(0);
}

/* Buffer `have` bytes, then ask for `ask`: what does read return? */
static void check(int have, int ask)
{
	static char buf[8192];
	int fd[2];
	if (pipe(fd) != 0) {
		printf("pipe failed\n");
		return;
	}
	memset(buf, 'x', sizeof(buf));
	if (write(fd[1], buf, have) != have)
		printf("write of %d failed\n", have);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		late_byte(fd[1]);
	long n = read(fd[0], buf, ask);
	printf("%d buffered, read(%d) returned %ld\n", have, ask, n);
	int status;
	waitpid(pid, &status, 0);
	close(fd[0]);
	close(fd[1]);
}

int main(void)
{
	check(512, 4096);
	check(1024, 1025);
	check(4096, 8192);
	check(100, 512);
	return 0;
}
