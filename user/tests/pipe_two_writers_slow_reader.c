/*
 * pipe_two_writers_slow_reader.c - issue 13, defect 14: two processes each
 * write 16 x 4 KiB into one pipe while the reader takes 1 KiB every
 * millisecond. The kernel stopped: a writer that found the pipe full woke
 * every sleeper (the other writer too) and slept, with interrupts off
 * throughout; the two writers handed the CPU to each other for ever, the
 * timer never ran and the reader never woke. Linux is done in well under a
 * second; a hang fails this test through the harness's timeout, and a
 * slow run through the time check.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WRITES    16
#define WRITE_SZ  4096
#define READ_SZ   1024
#define BOUND_S   10          /* generous: QEMU on a loaded host */

static void writer(int wfd, char letter)
{
	char buf[WRITE_SZ];
	memset(buf, letter, sizeof(buf));
	for (int i = 0; i < WRITES; i++)
		if (write(wfd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			_exit(1);
	_exit(0);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	int fd[2];
	if (pipe(fd) != 0)
		return 1;
	double t0 = now();
	pid_t w[2];
	for (int i = 0; i < 2; i++) {
		fflush(stdout);
		w[i] = fork();
		if (w[i] == 0)
			writer(fd[1], (char)('a' + i));
	}
	close(fd[1]);
	char buf[READ_SZ];
	long got = 0, count[2] = { 0, 0 }, n;
	struct timespec ms = { 0, 1000 * 1000 };
	while ((n = read(fd[0], buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++)
			count[buf[i] == 'b']++;
		got += n;
		nanosleep(&ms, NULL);
	}
	int s0, s1;
	waitpid(w[0], &s0, 0);
	waitpid(w[1], &s1, 0);
	double dt = now() - t0;
	printf("received %ld bytes (%ld a, %ld b), writers exited %d %d\n", got, count[0],
	       count[1], WEXITSTATUS(s0), WEXITSTATUS(s1));
	printf("done within %d s: %s\n", BOUND_S, dt < BOUND_S ? "yes" : "no");
	fprintf(stderr, "pipe_two_writers_slow_reader: %.3f s\n", dt);
	return 0;
}
