/*
 * file_offsets_and_flags.c - open, creat, read, write, lseek, _llseek,
 * pread64, pwrite64 and close on a RAM file (issue 15): O_CREAT|O_EXCL,
 * O_TRUNC, O_APPEND, a hole reads as zeros, seeking past the end, the
 * offset dup and fork share, and the errors EBADF, EISDIR, EEXIST,
 * ENOENT, EINVAL, ESPIPE.
 */
#include "vfs_scratch.h"
#include <stdint.h>
#include <sys/wait.h>

static void show_bytes(const char *what, int fd, off_t off, int n)
{
	char buf[64] = { 0 };
	long r = pread(fd, buf, (size_t)n, off);
	printf("%s: %ld [", what, r);
	for (long i = 0; i < r; i++)
		putchar(buf[i] ? buf[i] : '0');
	printf("]\n");
}

static void create_and_excl(void)
{
	int fd = SHOW(open("f", O_CREAT | O_EXCL | O_RDWR, 0644));
	SHOW(open("f", O_CREAT | O_EXCL | O_RDWR, 0644));
	SHOW(open("missing", O_RDONLY));
	SHOW(write(fd, "hello world", 11));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(lseek(fd, 0, SEEK_SET));
	char buf[16] = { 0 };
	SHOW(read(fd, buf, 5));
	printf("read: %s\n", buf);
	SHOW(lseek(fd, -3, SEEK_END));
	SHOW(lseek(fd, -100, SEEK_CUR));
	SHOW(lseek(fd, 0, 7));
	SHOW(syscall(SYS_lseek, fd, 2, SEEK_SET));
	uint64_t result = 0;
	SHOW(syscall(SYS__llseek, fd, 0, 20, &result, SEEK_SET));
	printf("_llseek result: %llu\n", (unsigned long long)result);
	SHOW(write(fd, "!", 1));                 /* at 20: a hole from 11 to 20 */
	show_bytes("after the hole", fd, 8, 16);
	SHOW(close(fd));
	SHOW(close(fd));
	SHOW(read(fd, buf, 1));
}

static void access_modes(void)
{
	int rd = SHOW(open("f", O_RDONLY));
	SHOW(write(rd, "x", 1));
	int wr = SHOW(open("f", O_WRONLY));
	char c;
	SHOW(read(wr, &c, 1));
	int dir = SHOW(open(".", O_RDONLY));
	SHOW(read(dir, &c, 1));
	SHOW(open(".", O_WRONLY));
	SHOW(open("f/", O_RDONLY));
	SHOW(open("f", O_RDONLY | O_DIRECTORY));
	close(rd);
	close(wr);
	close(dir);
	int p[2];
	if (pipe(p) == 0) {
		SHOW(lseek(p[0], 0, SEEK_SET));
		SHOW(pread(p[0], &c, 1, 0));
		close(p[0]);
		close(p[1]);
	}
}

static void trunc_append_positional(void)
{
	int fd = SHOW(syscall(SYS_creat, "f", 0644));   /* truncates */
	struct stat st;
	fstat(fd, &st);
	printf("size after creat: %lld\n", (long long)st.st_size);
	SHOW(pwrite(fd, "abcdef", 6, 0));
	SHOW(pwrite(fd, "XY", 2, 2));
	SHOW(lseek(fd, 0, SEEK_CUR));            /* pwrite leaves the offset alone */
	SHOW(pwrite(fd, "x", 1, -1));
	close(fd);
	fd = SHOW(open("f", O_WRONLY | O_APPEND));
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(write(fd, "++", 2));                /* at the end, whatever the offset */
	SHOW(lseek(fd, 0, SEEK_CUR));
	close(fd);
	fd = SHOW(open("f", O_RDONLY));
	show_bytes("after append", fd, 0, 16);
	close(fd);
	fd = SHOW(open("f", O_RDWR | O_TRUNC));
	fstat(fd, &st);
	printf("size after O_TRUNC: %lld\n", (long long)st.st_size);
	close(fd);
}

/* dup and fork share one offset: a write through either moves it for both. */
static void shared_offsets(void)
{
	int fd = SHOW(open("f", O_RDWR | O_TRUNC));
	int d = SHOW(dup(fd));
	SHOW(write(fd, "one", 3));
	SHOW(lseek(d, 0, SEEK_CUR));
	int d2 = SHOW(dup2(fd, 20));
	SHOW(dup2(fd, fd));
	SHOW(dup2(99, 21));
	SHOW(dup3(fd, fd, 0));
	SHOW(dup3(fd, 22, 12345));
	SHOW(dup3(fd, 22, O_CLOEXEC));
	SHOW(write(d2, "two", 3));
	pid_t pid = fork();
	if (pid == 0) {
		if (write(fd, "child", 5) != 5)
			_exit(1);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	printf("child exited: %d\n", WEXITSTATUS(status));
	SHOW(lseek(fd, 0, SEEK_CUR));
	show_bytes("shared", fd, 0, 16);
	close(fd);
	close(d);
	close(d2);
	close(22);
}

int main(void)
{
	scratch_enter("file_offsets_and_flags");
	create_and_excl();
	access_modes();
	trunc_append_positional();
	shared_offsets();
	SHOW(unlink("f"));
	scratch_leave();
	return 0;
}
