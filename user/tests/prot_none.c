/*
 * prot_none.c - regression test for "PROT_NONE is not enforced". A page that
 * was already present when mprotect(PROT_NONE) came stayed mapped present
 * and user-accessible (i386 has no NX bit, so present means readable): the
 * program could go on reading and writing it. Linux sends SIGSEGV on any
 * access. The data must still be there after mprotect back, and the kernel
 * itself must not read it for a system call either (EFAULT).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)

static volatile char sink;

/* How a child that makes one access to p ends: "exit N" or "signal S". */
static void touch_in_child(const char *what, volatile char *p, int write)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		if (write)
			p[0] = 1;
		else
			sink = p[100];
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		printf("%s: signal %d%s\n", what, WTERMSIG(status),
		       WTERMSIG(status) == SIGSEGV ? " (SIGSEGV)" : "");
	else
		printf("%s: exit %d\n", what, WEXITSTATUS(status));
}

int main(void)
{
	char *p = mmap(NULL, 2 * PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("FAIL: mmap\n");
		return 1;
	}
	memset(p, 0x5a, 2 * PAGE);                 /* both pages present now */
	mprotect(p, 2 * PAGE, PROT_NONE);
	touch_in_child("read of a present page made PROT_NONE", p, 0);
	touch_in_child("write of a present page made PROT_NONE", p, 1);
	touch_in_child("read of the second page", p + PAGE, 0);

	int fds[2];
	pipe(fds);
	errno = 0;
	long n = write(fds[1], p, 16);
	printf("write() from a PROT_NONE buffer: %ld, %s\n", n, n < 0 && errno == EFAULT ? "EFAULT" : "no EFAULT");

	mprotect(p, PAGE, PROT_READ);
	int kept = 1;
	for (int i = 0; i < PAGE; i++)
		kept &= p[i] == 0x5a;
	printf("data after PROT_NONE -> PROT_READ: %s\n", kept ? "kept" : "LOST");
	touch_in_child("write of the page now PROT_READ", p, 1);
	mprotect(p + PAGE, PAGE, RW);
	p[PAGE] = 7;
	printf("after PROT_NONE -> read-write: %d %d\n", p[PAGE], p[PAGE + 1]);

	char *fresh = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	touch_in_child("read of a fresh PROT_NONE mapping", fresh, 0);
	return 0;
}
