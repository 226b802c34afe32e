/*
 * exhaust.c - runs the kernel out of memory on purpose, three times: by
 * forking until fork fails (the children wait on a pipe, then all exit),
 * by touching anonymous memory in a child until the kernel cannot give it
 * a page (the child, the biggest process, dies by a signal, the kernel
 * naming it on the console), while a bystander blocked on a pipe waits to
 * answer afterwards; and by a hog that takes all but a little memory and
 * waits, while this small process then touches more than is left: the
 * out-of-memory killer (mm/oom.h) must kill the hog, not the small one.
 * The kernel must say no cleanly each time and get every page back.
 * Guest only.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CHILDREN 100000
#define CHUNK        (1024 * 1024)
#define PAGE         4096
#define HOG_LEAVES_KB 4096            /* the hog stops with this much free */
#define SMALL_TOUCH  (8 * CHUNK)       /* then the small one wants more than that */

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

/* MemFree of /proc/meminfo, kB; -1 if unknown. */
static long mem_free_kb(void)
{
	char text[1024], *at;
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	text[n] = '\0';
	at = strstr(text, "MemFree:");
	return at ? atol(at + strlen("MemFree:")) : -1;
}

/* Touch memory until only HOG_LEAVES_KB are free, say so on ready, wait. */
static void hog(int ready)
{
	long left;
	while ((left = mem_free_kb()) > HOG_LEAVES_KB) {
		char *p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			break;
		for (int i = 0; i < CHUNK && i / 1024 < left - HOG_LEAVES_KB; i += PAGE)
			p[i] = 1;
	}
	write(ready, "r", 1);
	for (;;)
		pause();
}

static void hog_then_small(void)
{
	int ready[2], status;
	char c;
	fflush(stdout);
	if (pipe(ready))
		return;
	pid_t pid = fork();
	if (pid == 0)
		hog(ready[1]);
	read(ready[0], &c, 1);
	char *p = mmap(NULL, SMALL_TOUCH, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (int i = 0; p != MAP_FAILED && i < SMALL_TOUCH; i += PAGE)
		p[i] = 1;                       /* past what is free: the hog must go */
	kill(pid, SIGTERM);                     /* if it is still there */
	waitpid(pid, &status, 0);
	printf("hog: %s; the small one touched %d MiB and went on\n",
	       WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? "killed (SIGKILL)" : "not killed",
	       SMALL_TOUCH / CHUNK);
	munmap(p, SMALL_TOUCH);
	close(ready[0]);
	close(ready[1]);
}

int main(void)
{
	fflush(stdout);
	int n = fork_until_no();
	touch_until_no();
	hog_then_small();
	printf("exhaust: done (%s)\n", n > 0 ? "children were made" : "no child at all");
	return 0;
}
