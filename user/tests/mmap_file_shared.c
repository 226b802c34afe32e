/*
 * mmap_file_shared.c - MAP_SHARED of a file (issue 15): the mapping is
 * the file's page cache itself, so it is coherent with read and write
 * both ways, in every process and every mapping of the file, across
 * fork; stores past the end of the file extend nothing; msync is
 * accepted.
 */
#include "vfs_scratch.h"
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)

int main(void)
{
	scratch_enter("mmap_file_shared");
	int fd = open("f", O_CREAT | O_RDWR, 0644);
	char buf[64], zeros[PAGE + 100] = { 0 };
	SHOW(write(fd, zeros, sizeof(zeros)));
	char *p = mmap(NULL, 2 * PAGE, RW, MAP_SHARED, fd, 0);
	printf("mapped: %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "yes");
	printf("a new file reads zeros: %d %d\n", p[0], p[PAGE + 50]);

	memcpy(p, "through the map", 15);
	SHOW(pread(fd, buf, 15, 0));
	printf("read() sees the store: %.15s\n", buf);
	SHOW(pwrite(fd, "by write()", 10, PAGE + 20));
	printf("the map sees write(): %.10s\n", p + PAGE + 20);

	char *q = mmap(NULL, PAGE, RW, MAP_SHARED, fd, PAGE);
	q[0] = 'Q';
	printf("a second mapping is the same page: %c\n", p[PAGE]);

	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		memcpy(p + 100, "child", 5);
		_exit(p[PAGE + 20] == 'b' ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("the child saw the parent's data: %s; the parent sees %.5s\n",
	       WIFEXITED(st) && WEXITSTATUS(st) == 0 ? "yes" : "no", p + 100);
	SHOW(pread(fd, buf, 5, 100));
	printf("and so does read(): %.5s\n", buf);

	p[PAGE + 200] = 'X';                    /* past the end, in the last page */
	struct stat sb;
	fstat(fd, &sb);
	printf("size after a store past the end: %lld\n", (long long)sb.st_size);
	SHOW(pread(fd, buf, 64, PAGE + 90));
	SHOW(msync(p, 2 * PAGE, MS_SYNC));
	SHOW(msync(p, PAGE, MS_ASYNC | MS_INVALIDATE));
	SHOW(munmap(q, PAGE));

	fflush(stdout);
	pid = fork();
	if (pid == 0) {                          /* a mapping made in the child */
		char *c = mmap(NULL, PAGE, RW, MAP_SHARED, fd, 0);
		c[1] = 'K';
		_exit(0);
	}
	waitpid(pid, &st, 0);
	printf("the child's own mapping wrote: %c\n", p[1]);
	SHOW(munmap(p, 2 * PAGE));
	SHOW(pread(fd, buf, 15, 0));
	printf("the data outlives the mapping: %.15s\n", buf);
	close(fd);

	fd = open("f", O_RDONLY);
	p = mmap(NULL, PAGE, RW, MAP_SHARED, fd, 0);
	printf("shared writable map of a read-only file: %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "ok");
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
	printf("shared read-only map of it: %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "ok");
	SHOW(mprotect(p, PAGE, RW));
	close(fd);
	fd = open("f", O_WRONLY);
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	printf("map of a write-only file: %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "ok");
	close(fd);
	fd = open(".", O_RDONLY);
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	printf("map of a directory: %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "ok");
	close(fd);
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 99, 0);
	printf("map of a closed descriptor: %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "ok");
	int pfd[2];
	pipe(pfd);
	p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, pfd[0], 0);
	printf("map of a pipe: %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "ok");
	unlink("f");
	scratch_leave();
	return 0;
}
