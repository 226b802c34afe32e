/*
 * shared_anon_fork.c - regression test for "MAP_SHARED|MAP_ANONYMOUS is
 * silently private": the area was an ordinary private one, so after fork
 * parent and child each had their own copy. On Linux both see each other's
 * writes, including on pages nobody touched before the fork and after an
 * mprotect (a shared page is never copy-on-write).
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)

static int run_child(void (*fn)(volatile char *), volatile char *p)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		fn(p);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	return status;
}

static void child_writes(volatile char *p)
{
	p[0] = 'c';                             /* touched before the fork */
	p[PAGE] = 'C';                          /* not touched by anyone yet */
}

static void child_unprotects_and_writes(volatile char *p)
{
	mprotect((void *)p, PAGE, RW);
	p[1] = 'm';
}

static void child_reports(volatile char *p)
{
	_exit(p[2] == 'p' ? 0 : 1);
}

int main(void)
{
	volatile char *p = mmap(NULL, 2 * PAGE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("FAIL: mmap\n");
		return 1;
	}
	p[0] = 'p';
	run_child(child_writes, p);
	printf("parent sees the child's writes: %c %c\n", p[0], p[PAGE]);
	mprotect((void *)p, PAGE, PROT_READ);
	run_child(child_unprotects_and_writes, p);
	printf("after the child's mprotect and write: %c\n", p[1]);
	mprotect((void *)p, PAGE, RW);
	p[2] = 'p';
	int st = run_child(child_reports, p);
	printf("a child sees the parent's write: %s\n", WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "yes" : "no");
	return 0;
}
