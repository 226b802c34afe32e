/*
 * shared_anon_is_lazy.c - regression test for "MAP_SHARED|MAP_ANONYMOUS
 * is allocated whole at mmap": every page was made and zeroed at once (so
 * that a forked child would share it), so a 192 MiB shared mapping failed
 * with ENOMEM on the 128 MiB test machine, and a smaller one cost all its
 * frames up front. (Linux itself refuses one larger than its RAM, 256 MiB
 * where tools/linux_oracle.sh runs it.) As on Linux, a page is now made by the first touch in any
 * process sharing the mapping, before or after the fork.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define BIG (192u << 20)

int main(void)
{
	volatile char *p = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("FAIL: mmap of 192 MiB shared: %m\n");
		return 1;
	}
	unsigned char vec[4];
	p[0] = 'p';
	mincore((void *)p, 4 * PAGE, vec);
	printf("resident after one touch: %d %d %d %d\n", vec[0] & 1, vec[1] & 1, vec[2] & 1, vec[3] & 1);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		p[BIG / 2] = 'c';               /* nobody touched it before */
		p[BIG - PAGE] = 'e';
		_exit(p[0] == 'p' ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("child saw the parent's page: %s\n", WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "yes" : "no");
	printf("parent sees the child's pages: %c %c\n", p[BIG / 2], p[BIG - PAGE]);
	printf("an untouched page reads zero: %d\n", p[PAGE * 7]);
	munmap((void *)p, BIG);
	return 0;
}
