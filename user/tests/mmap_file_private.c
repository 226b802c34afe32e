/*
 * mmap_file_private.c - MAP_PRIVATE of a file (issue 15: until then mmap
 * of a file was ENODEV). A private page is the page cache's frame until
 * it is written: so, as on Linux, it sees later write()s to the file,
 * and a write to it copies the page, which the file never sees. The
 * pages stay when the file is deleted, and across fork each side's
 * writes stay its own.
 */
#include "vfs_scratch.h"
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)

static void fill(int fd, char c, int pages)
{
	char buf[PAGE];
	memset(buf, c, sizeof(buf));
	for (int i = 0; i < pages; i++)
		if (write(fd, buf, PAGE) != PAGE)
			printf("write failed\n");
}

static char file_byte(int fd, off_t at)
{
	char c = '?';
	if (pread(fd, &c, 1, at) != 1)
		printf("pread failed\n");
	return c;
}

int main(void)
{
	scratch_enter("mmap_file_private");
	int fd = open("f", O_CREAT | O_RDWR, 0644);
	fill(fd, 'a', 3);
	char *p = mmap(NULL, 3 * PAGE, RW, MAP_PRIVATE, fd, 0);
	printf("mapped: %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "yes");
	printf("reads the file: %c %c %c\n", p[0], p[PAGE], p[2 * PAGE + 4095]);

	SHOW(pwrite(fd, "W", 1, 10));
	printf("an unwritten page sees a later write(): %c\n", p[10]);
	p[PAGE] = 'x';
	printf("a written page is the mapping's own: %c, the file has %c\n", p[PAGE], file_byte(fd, PAGE));
	SHOW(pwrite(fd, "V", 1, PAGE + 1));
	printf("a written page no longer sees the file: %c\n", p[PAGE + 1]);

	char *q = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 2 * PAGE);
	printf("offset mapping reads page 2: %c\n", q == MAP_FAILED ? '!' : q[0]);

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		p[0] = 'c';
		p[PAGE] = 'C';
		_exit(p[0] == 'c' && p[PAGE] == 'C' ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("child saw its writes: %s; parent keeps %c %c\n",
	       WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "yes" : "no", p[0], p[PAGE]);

	SHOW(close(fd));
	SHOW(unlink("f"));
	printf("after unlink: %c %c %c %c\n", p[0], p[10], p[PAGE], q[0]);
	p[2 * PAGE] = 'z';
	printf("still writable: %c\n", p[2 * PAGE]);
	SHOW(munmap(p, 3 * PAGE));
	SHOW(munmap(q, PAGE));

	fd = open("ro", O_CREAT | O_RDWR, 0644);
	fill(fd, 'r', 1);
	close(fd);
	fd = open("ro", O_RDONLY);
	p = mmap(NULL, PAGE, RW, MAP_PRIVATE, fd, 0);
	printf("private writable map of a read-only file: %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "ok");
	p[0] = 'w';
	printf("written: %c, file: %c\n", p[0], file_byte(fd, 0));
	munmap(p, PAGE);
	close(fd);
	unlink("ro");
	scratch_leave();
	return 0;
}
