/*
 * file_offsets_past_2gib.c - regression test (issue 15): a file's size
 * and offsets stopped at 2 GiB - 1 (the page cache was one flat array),
 * so pwrite64 at 5 GiB was EFBIG where Linux writes a sparse file, and
 * nothing told a program without O_LARGEFILE that a file was too big for
 * its 32-bit off_t. As i386 Linux: a sparse tmpfs file at 5 GiB reads
 * zeros in its holes and holds only the pages written (st_blocks);
 * _llseek, pread64, pwrite64, stat64 and ftruncate64 take 64-bit
 * offsets; lseek, stat and fstat give EOVERFLOW for what does not fit,
 * open without O_LARGEFILE refuses such a file (EOVERFLOW), and a write
 * through it stops at 2 GiB - 1 (EFBIG); past Linux's largest file
 * (16 TiB - 4 KiB on i386) it is EFBIG and _llseek EINVAL.
 */
#include "vfs_scratch.h"
#include <stdint.h>

#define GIB        (1ull << 30)
#define O_LFS      0100000                 /* i386's O_LARGEFILE */
#define MAX_NON_LFS 0x7fffffffull
#define MAX_LFS    0xffffffff000ull        /* i386 Linux's MAX_LFS_FILESIZE: 16 TiB - 4 KiB */

/* The raw calls: glibc would add O_LARGEFILE and pick the 64-bit forms. */
static long sys_open(const char *p, int flags) { return syscall(SYS_open, p, flags, 0644); }
static long pwrite64_(int fd, const void *b, long n, uint64_t off)
{
	return syscall(SYS_pwrite64, fd, b, n, (uint32_t)off, (uint32_t)(off >> 32));
}
static long pread64_(int fd, void *b, long n, uint64_t off)
{
	return syscall(SYS_pread64, fd, b, n, (uint32_t)off, (uint32_t)(off >> 32));
}
static long llseek_(int fd, uint64_t off, int whence, uint64_t *res)
{
	return syscall(SYS__llseek, fd, (uint32_t)(off >> 32), (uint32_t)off, res, whence);
}
static long ftruncate64_(int fd, uint64_t len)
{
	return syscall(SYS_ftruncate64, fd, (uint32_t)len, (uint32_t)(len >> 32));
}

/* The size and blocks stat64 gives, and what the 32-bit stat and fstat say. */
static void show_stat(const char *what, int fd)
{
	struct stat64 st64;                      /* glibc's is the kernel's on i386 */
	char st32[128];                          /* the old struct stat: 64 bytes */
	long r = syscall(SYS_fstat64, fd, &st64);
	printf("%s: fstat64 %ld size %llu blocks %llu\n", what, r, (unsigned long long)st64.st_size,
	       (unsigned long long)st64.st_blocks);
	SHOW(syscall(SYS_fstat, fd, st32));
	SHOW(syscall(SYS_stat, "f", st32));
	printf("stat64 by name: %s\n", syscall(SYS_stat64, "f", &st64) == 0 ? "ok" : strerrorname_np(errno));
}

/* 64 KiB across the 4 MiB mark (where one run of 1024 frames ends and
 * the next begins in tern's page tree), written and read back. */
static void across_4mib(int fd)
{
	static char out[65536], in[65536];
	for (unsigned i = 0; i < sizeof(out); i++)
		out[i] = (char)(i * 7 + i / 4096);
	uint64_t at = (4ull << 20) - 32768 + 100;
	SHOW(pwrite64_(fd, out, sizeof(out), at));
	SHOW(pread64_(fd, in, sizeof(in), at));
	printf("across 4 MiB: %s\n", memcmp(in, out, sizeof(in)) ? "differs" : "the same");
}

static void sparse_at_5gib(int fd)
{
	char buf[8] = "xxxxx";
	uint64_t pos = 0;
	SHOW(pwrite64_(fd, "hello", 5, 5 * GIB));
	show_stat("written at 5 GiB", fd);
	SHOW(pread64_(fd, buf, 5, 5 * GIB));
	printf("at 5 GiB: %.5s\n", buf);
	SHOW(pread64_(fd, buf, 5, 3 * GIB));
	printf("a hole at 3 GiB: %d %d %d %d %d\n", buf[0], buf[1], buf[2], buf[3], buf[4]);
	SHOW(llseek_(fd, 0, SEEK_END, &pos));
	printf("_llseek to the end: %llu\n", (unsigned long long)pos);
	SHOW(lseek(fd, 0, SEEK_END));
	SHOW(llseek_(fd, 0, SEEK_CUR, &pos));
	printf("where the failed lseek left the offset: %llu\n", (unsigned long long)pos);
	SHOW(llseek_(fd, 4 * GIB, SEEK_SET, &pos));
	SHOW(write(fd, "W", 1));
	SHOW(pread64_(fd, buf, 1, 4 * GIB));
	printf("write at the offset past 4 GiB: %c\n", buf[0]);
	SHOW(read(fd, buf, 2));
	SHOW(sys_open("f", O_RDONLY));
	across_4mib(fd);
}

static void limits(int fd)
{
	uint64_t pos = 0;
	SHOW(pwrite64_(fd, "e", 1, MAX_LFS));
	SHOW(pwrite64_(fd, "ee", 2, MAX_LFS - 1));
	SHOW(ftruncate64_(fd, MAX_LFS + 1));
	SHOW(llseek_(fd, MAX_LFS + 1, SEEK_SET, &pos));
	SHOW(llseek_(fd, MAX_LFS, SEEK_SET, &pos));
	SHOW(ftruncate64_(fd, 6 * GIB));
	show_stat("truncated up to 6 GiB", fd);
	SHOW(ftruncate64_(fd, GIB));
	show_stat("truncated down to 1 GiB", fd);
}

/* A descriptor without O_LARGEFILE: a file past 2 GiB - 1 is refused at
 * open, and a write stops at 2 GiB - 1. */
static void without_largefile(void)
{
	long fd = sys_open("f", O_RDWR);
	SHOW(fd);
	long big = sys_open("f", O_RDWR | O_LFS);
	SHOW(ftruncate64_(big, MAX_NON_LFS - 2));
	fd = sys_open("f", O_RDWR);
	SHOW(fd);
	SHOW(pwrite64_(fd, "abcd", 4, MAX_NON_LFS - 2));
	SHOW(pwrite64_(fd, "abcd", 4, MAX_NON_LFS));
	SHOW(pwrite64_(fd, "abcd", 4, 3 * GIB));
	SHOW(lseek(fd, MAX_NON_LFS, SEEK_SET));
	SHOW(write(fd, "z", 1));
	char c = 0;
	SHOW(pread64_(fd, &c, 1, MAX_NON_LFS - 1));
	printf("last byte: %c\n", c);
	show_stat("grown to 2 GiB", fd);
	SHOW(sys_open("f", O_RDONLY));
	close(fd);
	close(big);
}

int main(void)
{
	scratch_enter("file_offsets_past_2gib");
	int fd = (int)sys_open("f", O_CREAT | O_RDWR | O_LFS);
	sparse_at_5gib(fd);
	limits(fd);
	close(fd);
	without_largefile();
	SHOW(unlink("f"));
	scratch_leave();
	return 0;
}
