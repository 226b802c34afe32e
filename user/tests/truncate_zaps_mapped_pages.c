/*
 * truncate_zaps_mapped_pages.c - regression test (issue 15): ftruncate
 * and truncate to a smaller size left the pages already mapped past the
 * new end in place, so a process that had touched them went on reading
 * and writing the old frames (kept alive by its page tables) instead of
 * getting SIGBUS, and the frames never came back while it lived. Linux
 * unmaps them from every mapping of the file (unmap_mapping_range, with
 * private copies too), in every process: the next touch is SIGBUS, and
 * a file grown again maps fresh zeros there.
 */
#include "vfs_scratch.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096
#define PAGES 4
#define RW (PROT_READ | PROT_WRITE)

static sigjmp_buf env;
static volatile int sig;

static void on_bus(int s)
{
	sig = s;
	siglongjmp(env, 1);
}

/* Touch p (a read, or a write of 'w'): what happened. */
static void touch(const char *what, volatile char *p, int write)
{
	sig = 0;
	if (sigsetjmp(env, 1) == 0) {
		char c = write ? (*p = 'w') : *p;
		printf("%s: no signal, reads %d\n", what, c);
	} else {
		printf("%s: signal %d\n", what, sig);
	}
}

/* A file of PAGES pages of 'a', and both mappings of it with every page
 * touched: the shared one read, the private one read (pages 0-1, still
 * the page cache's) and written (pages 2-3, private copies). */
static int setup(char **shared, char **priv)
{
	int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0644);
	char buf[PAGE];
	memset(buf, 'a', sizeof(buf));
	for (int i = 0; i < PAGES; i++)
		if (write(fd, buf, sizeof(buf)) != PAGE)
			printf("short write\n");
	*shared = mmap(NULL, PAGES * PAGE, RW, MAP_SHARED, fd, 0);
	*priv = mmap(NULL, PAGES * PAGE, RW, MAP_PRIVATE, fd, 0);
	int sum = 0;
	for (int i = 0; i < PAGES; i++)
		sum += (*shared)[i * PAGE] + (*priv)[i * PAGE];
	(*priv)[2 * PAGE] = 'c';
	(*priv)[3 * PAGE] = 'c';
	printf("mapped and touched: %d\n", sum == 2 * PAGES * 'a');
	return fd;
}

static void after_truncate(char *p, char *q)
{
	printf("shared page 0 keeps its head: %c, its tail reads %d\n", p[99], p[100]);
	printf("private page 0 (not copied) sees the tail zeroed: %d\n", q[100]);
	touch("shared, read page 1", p + PAGE, 0);
	touch("shared, write page 3", p + 3 * PAGE + 5, 1);
	touch("private, read page 1 (not copied)", q + PAGE, 0);
	touch("private, write page 1 (not copied)", q + PAGE + 1, 1);
	touch("private, read page 2 (copied)", q + 2 * PAGE, 0);
	touch("private, write page 3 (copied)", q + 3 * PAGE, 1);
}

/* The file grows again: the pages past the old end are new zeros. */
static void after_growing(int fd, char *p, char *q)
{
	SHOW(ftruncate(fd, PAGES * PAGE));
	touch("grown: shared, read page 1", p + PAGE, 0);
	touch("grown: private, read page 2", q + 2 * PAGE, 0);
	touch("grown: shared, write page 3", p + 3 * PAGE, 1);
	char c = 0;
	SHOW(pread(fd, &c, 1, 3 * PAGE));
	printf("read() sees the store: %c\n", c);
}

/* A child that mapped (by fork) the pages before the parent truncated the
 * file gets SIGBUS as well: every process's mapping is zapped. */
static void across_fork(void)
{
	char *p, *q;
	int fd = setup(&p, &q);
	int go[2];
	if (pipe(go))
		return;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		if (read(go[0], &c, 1) != 1)
			_exit(9);
		touch("child: shared, read page 2", p + 2 * PAGE, 0);
		touch("child: private, read page 1", q + PAGE, 0);
		touch("child: private, read page 3 (copied)", q + 3 * PAGE, 0);
		fflush(stdout);
		_exit(0);
	}
	SHOW(truncate("f", PAGE));
	fflush(stdout);
	if (write(go[1], "x", 1) != 1)
		printf("pipe write failed\n");
	int st;
	waitpid(pid, &st, 0);
	printf("child exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	touch("parent: shared, read page 0", p, 0);
	munmap(p, PAGES * PAGE);
	munmap(q, PAGES * PAGE);
	close(fd);
}

int main(void)
{
	scratch_enter("truncate_zaps_mapped_pages");
	signal(SIGBUS, on_bus);
	char *p, *q;
	int fd = setup(&p, &q);
	SHOW(ftruncate(fd, 100));
	after_truncate(p, q);
	after_growing(fd, p, q);
	munmap(p, PAGES * PAGE);
	munmap(q, PAGES * PAGE);
	close(fd);
	across_fork();
	unlink("f");
	scratch_leave();
	return 0;
}
