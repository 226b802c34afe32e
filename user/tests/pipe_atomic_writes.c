/*
 * pipe_atomic_writes.c - writes of up to PIPE_BUF (4096) bytes to a pipe
 * are atomic with respect to other writers (POSIX, Linux). The kernel
 * moved a write into the pipe 512 bytes at a time, and a writer that
 * found the pipe full mid-write slept with part of its record in: the
 * other writer's bytes landed inside it. Two writers send records of
 * their own letter while a slow reader (small reads) keeps the pipe
 * nearly full; every record must arrive whole.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define RECORD   4096
#define RECORDS  24
#define SMALL    700          /* a second record size, not a divisor of RECORD */

static void writer(int wfd, char letter, int size)
{
	char buf[RECORD];
	memset(buf, letter, size);
	for (int i = 0; i < RECORDS; i++)
		if (write(wfd, buf, size) != size)
			_exit(1);
	_exit(0);
}

/* Read everything; records of `size` bytes must each be one letter. */
static void run(int size)
{
	int fd[2];
	if (pipe(fd) != 0)
		return;
	fflush(stdout);
	pid_t a = fork();
	if (a == 0)
		writer(fd[1], 'a', size);
	pid_t b = fork();
	if (b == 0)
		writer(fd[1], 'b', size);
	close(fd[1]);
	static char all[2 * RECORDS * RECORD];
	long got = 0, n;
	while ((n = read(fd[0], all + got, 333)) > 0)
		got += n;
	int mixed = 0;
	for (long r = 0; r + size <= got; r += size)
		for (int i = 1; i < size; i++)
			if (all[r + i] != all[r]) {
				mixed++;
				break;
			}
	int sa, sb;
	waitpid(a, &sa, 0);
	waitpid(b, &sb, 0);
	printf("records of %d: %ld bytes, %d mixed, writers exited %d %d\n", size, got,
	       mixed, WEXITSTATUS(sa), WEXITSTATUS(sb));
}

int main(void)
{
	run(RECORD);
	run(SMALL);
	return 0;
}
