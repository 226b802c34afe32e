/*
 * stress.c - the preemption-sensitive paths at once: several worker
 * processes each fork children that exit at once (fork/exit/wait), pass
 * data through pipes to children, and churn the heap (brk and mmap-sized
 * blocks), checking every byte and status. Boot with timeslice=1 so that a
 * thread is preempted every millisecond, wherever it is: that is how the
 * exit race of commit 00b7518 (a preemption between the switch to the
 * kernel space and the update of p->vm switched back into the dying space)
 * shows up. Usage: stress [ROUNDS [WORKERS]]; prints one verdict line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIG_BLOCK (200 * 1024)     /* above glibc's mmap threshold */

static uint32_t seed;

static uint32_t rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

/* fork, the child exits with a code, the parent must see it. */
static int fork_exit_wait(int round)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(round & 0x7f);
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	return !WIFEXITED(status) || WEXITSTATUS(status) != (round & 0x7f);
}

static void pipe_child(int wfd, int n, char c)
{
	char buf[1024];
	memset(buf, c, sizeof(buf));
	while (n > 0) {
		int k = n < (int)sizeof(buf) ? n : (int)sizeof(buf);
		if (write(wfd, buf, k) != k)
			_exit(1);
		n -= k;
	}
	_exit(0);
}

/* A child writes n bytes of one letter; every byte must arrive. */
static int pipe_through_child(int n)
{
	int fd[2];
	if (pipe(fd) != 0)
		return 1;
	char c = (char)('a' + n % 26);
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		pipe_child(fd[1], n, c);
	}
	close(fd[1]);
	char buf[777];
	int got = 0, bad = 0, k;
	while ((k = read(fd[0], buf, sizeof(buf))) > 0) {
		for (int i = 0; i < k; i++)
			bad += buf[i] != c;
		got += k;
	}
	close(fd[0]);
	int status;
	waitpid(pid, &status, 0);
	return bad || got != n || status != 0;
}

/* Allocate, fill, check, free: small blocks on the brk heap, a big one mmapped. */
static int heap_churn(void)
{
	enum { BLOCKS = 16 };
	unsigned char *p[BLOCKS];
	size_t len[BLOCKS];
	int bad = 0;
	for (int i = 0; i < BLOCKS; i++) {
		len[i] = i == 0 ? BIG_BLOCK : 1 + rnd() % 5000;
		p[i] = malloc(len[i]);
		if (!p[i])
			return 1;
		memset(p[i], i, len[i]);
	}
	for (int i = 0; i < BLOCKS; i++) {
		for (size_t j = 0; j < len[i]; j += 97)
			bad += p[i][j] != i;
		free(p[i]);
	}
	return bad != 0;
}

static void worker(int id, int rounds)
{
	seed = (uint32_t)id * 7919u + 1;
	int errors = 0;
	for (int r = 0; r < rounds; r++) {
		errors += fork_exit_wait(r);
		errors += pipe_through_child(1 + (int)(rnd() % 9000));
		errors += heap_churn();
	}
	_exit(errors > 0x7f ? 0x7f : errors);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 20;
	int workers = argc > 2 ? atoi(argv[2]) : 4;
	pid_t pids[64];
	if (workers > 64)
		workers = 64;
	fflush(stdout);
	for (int i = 0; i < workers; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			worker(i, rounds);
	}
	int errors = 0;
	for (int i = 0; i < workers; i++) {
		int status;
		if (pids[i] < 0 || waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status))
			errors++;
		else
			errors += WEXITSTATUS(status);
	}
	printf("stress: %d workers x %d rounds: %d errors\n", workers, rounds, errors);
	return errors != 0;
}
