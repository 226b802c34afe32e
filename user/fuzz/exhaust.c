/*
 * exhaust.c - runs the kernel out of memory on purpose, twice: by forking
 * until fork fails (the children wait on a pipe, then all exit), and by
 * touching anonymous memory in a child until the kernel cannot give it a
 * page (the child dies by a signal, the kernel naming it on the console),
 * while a bystander blocked on a pipe waits to answer afterwards. The
 * kernel must say no cleanly each time and get every page back. Guest only.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CHILDREN 100000
#define CHUNK        (1024 * 1024)
#define PAGE         4096

static int fork_until_no(void)
{
	int gate[2], n = 0;
	if (pipe(gate) != 0)
		return -1;
	for (; n < MAX_CHILDREN; n++) {
		pid_t pid = fork();
		if (pid < 0)
			break;
		if (pid == 0) {
			char c;
			close(gate[1]);
			read(gate[0], &c, 1);         /* until the parent closes the pipe */
			_exit(0);
		}
	}
	int why = errno;
	close(gate[1]);
	close(gate[0]);
	int reaped = 0;
	while (wait(NULL) > 0)
		reaped++;
	printf("fork: %s after some children; all reaped: %s\n",
	       why == ENOMEM || why == EAGAIN ? "refused" : "other error",
	       reaped == n ? "yes" : "no");
	return n;
}

/* A process that waits through the exhaustion, then answers. */
static pid_t bystander(int ping[2], int pong[2])
{
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		read(ping[0], &c, 1);
		write(pong[1], "!", 1);
		_exit(0);
	}
	return pid;
}

static void touch_until_no(void)
{
	int ping[2], pong[2];
	char c = 0;
	fflush(stdout);
	if (pipe(ping) || pipe(pong))
		return;
	pid_t by = bystander(ping, pong);
	pid_t pid = fork();
	if (pid == 0) {
		for (;;) {
			char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				_exit(2);             /* the address space ran out first */
			for (int i = 0; i < CHUNK; i += PAGE)
				p[i] = 1;
		}
	}
	int status;
	waitpid(pid, &status, 0);
	printf("touch: the child %s\n", WIFSIGNALED(status) ? "was killed by a signal" :
	       WEXITSTATUS(status) == 2 ? "ran out of address space" : "exited");
	write(ping[1], "?", 1);
	read(pong[0], &c, 1);
	waitpid(by, &status, 0);
	printf("touch: the bystander answered '%c' and exited %d\n", c, WEXITSTATUS(status));
}

int main(void)
{
	fflush(stdout);
	int n = fork_until_no();
	touch_until_no();
	printf("exhaust: done (%s)\n", n > 0 ? "children were made" : "no child at all");
	return 0;
}
