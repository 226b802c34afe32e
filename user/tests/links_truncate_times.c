/*
 * links_truncate_times.c - hard links (nlink on both names, EEXIST,
 * EPERM for a directory, ENOENT, linkat following a link or not), O_CREAT
 * through a dangling symbolic link (Linux makes the target), truncation
 * and holes (growing reads zeros, shrinking drops what was past the
 * end, EINVAL, EISDIR), utimensat and utimes (explicit times to the
 * nanosecond, UTIME_OMIT, EINVAL), sendfile (with and without an
 * offset, into a pipe), statfs64, fsync and preadv/pwritev.
 */
#include "vfs_scratch.h"
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/statfs.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>

static void show_nlink(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		printf("%s: %s\n", path, strerrorname_np(errno));
	else
		printf("%s: nlink %lu size %lld\n", path, (unsigned long)st.st_nlink, (long long)st.st_size);
}

static void links(void)
{
	close(open("a", O_CREAT | O_WRONLY, 0644));
	SHOW(link("a", "b"));
	show_nlink("a");
	show_nlink("b");
	SHOW(link("a", "b"));
	SHOW(link("missing", "c"));
	SHOW(link("a", "nodir/c"));
	SHOW(link("a/", "c"));
	SHOW(mkdir("d", 0755));
	SHOW(link("d", "e"));
	SHOW(link("a", "d/a"));
	show_nlink("a");
	SHOW(unlink("a"));
	show_nlink("b");
	SHOW(symlink("b", "s"));
	SHOW(linkat(AT_FDCWD, "s", AT_FDCWD, "s2", 0));
	SHOW(linkat(AT_FDCWD, "s", AT_FDCWD, "b2", AT_SYMLINK_FOLLOW));
	show_nlink("s2");
	show_nlink("b");
	SHOW(linkat(AT_FDCWD, "s", AT_FDCWD, "x", 0x1234));
	SHOW(symlink("made-by-open", "dangling"));
	int fd = SHOW(open("dangling", O_CREAT | O_WRONLY, 0600));
	close(fd);
	show_nlink("made-by-open");
	SHOW(unlink("made-by-open"));
	SHOW(open("dangling", O_CREAT | O_EXCL | O_WRONLY, 0600));
	SHOW(open("dangling", O_CREAT | O_NOFOLLOW | O_WRONLY, 0600));
	SHOW(symlink("nodir/x", "dangling2"));
	SHOW(open("dangling2", O_CREAT | O_WRONLY, 0600));
	const char *gone[] = { "b", "d/a", "s", "s2", "b2", "dangling", "dangling2" };
	for (unsigned i = 0; i < sizeof(gone) / sizeof(gone[0]); i++)
		unlink(gone[i]);
	rmdir("d");
}

static void truncation(void)
{
	int fd = open("t", O_CREAT | O_RDWR | O_TRUNC, 0644);
	char buf[8192];
	memset(buf, 'q', sizeof(buf));
	SHOW(write(fd, buf, 6000));
	SHOW(ftruncate(fd, 100));
	show_nlink("t");
	SHOW(ftruncate(fd, 10000));
	memset(buf, 1, sizeof(buf));
	SHOW(pread(fd, buf, sizeof(buf), 96));
	int zeros = 0;
	for (int i = 4; i < 8192; i++)
		zeros += buf[i] == 0;
	printf("q then zeros: %c%c%c%c then %d zeros\n", buf[0], buf[1], buf[2], buf[3], zeros);
	SHOW(pwrite(fd, "end", 3, 1 << 20));
	show_nlink("t");
	SHOW(pread(fd, buf, 4, 500000));
	printf("in the hole: %d %d %d %d\n", buf[0], buf[1], buf[2], buf[3]);
	SHOW(truncate("t", 0));
	show_nlink("t");
	SHOW(truncate("t", -1));
	SHOW(truncate(".", 0));
	SHOW(truncate("missing", 0));
	SHOW(ftruncate(fd, -1));
	int ro = open("t", O_RDONLY);
	SHOW(ftruncate(ro, 0));
	SHOW(ftruncate(99, 0));
	SHOW(fsync(fd));
	SHOW(fdatasync(fd));
	SHOW(fsync(99));
	struct iovec v[2] = { { "abc", 3 }, { "defg", 4 } };
	SHOW(pwritev(fd, v, 2, 10));
	char x[4] = { 0 }, y[4] = { 0 };
	struct iovec r[2] = { { x, 3 }, { y, 3 } };
	SHOW(preadv(fd, r, 2, 11));
	printf("preadv: %s %s\n", x, y);
	close(ro);
	close(fd);
	SHOW(unlink("t"));
}

static void show_times(const char *path)
{
	struct stat st;
	stat(path, &st);
	printf("%s: atime %lld.%09ld mtime %lld.%09ld\n", path, (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
	       (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

static void times(void)
{
	close(open("u", O_CREAT | O_WRONLY, 0644));
	struct timespec ts[2] = { { 1000000000, 123456789 }, { 1100000000, 987654321 } };
	SHOW(utimensat(AT_FDCWD, "u", ts, 0));
	show_times("u");
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1] = (struct timespec){ 1200000000, 5 };
	SHOW(utimensat(AT_FDCWD, "u", ts, 0));
	show_times("u");
	ts[0].tv_nsec = 1000000000;
	SHOW(utimensat(AT_FDCWD, "u", ts, 0));
	ts[0].tv_nsec = ts[1].tv_nsec = UTIME_OMIT;
	SHOW(utimensat(AT_FDCWD, "missing", ts, 0));
	SHOW(utimensat(AT_FDCWD, "u", NULL, 0x4000));
	struct timeval tv[2] = { { 1300000000, 250000 }, { 1400000000, 750000 } };
	SHOW(utimes("u", tv));
	show_times("u");
	tv[0].tv_usec = 1000000;
	SHOW(utimes("u", tv));
	struct timespec before;
	clock_gettime(CLOCK_REALTIME, &before);
	SHOW(utimensat(AT_FDCWD, "u", NULL, 0));
	struct stat st;
	stat("u", &st);
	printf("NULL times is now: %s\n", st.st_mtim.tv_sec >= before.tv_sec - 1 ? "yes" : "no");
	int fd = open("u", O_RDONLY);
	ts[0] = (struct timespec){ 5, 0 }, ts[1] = (struct timespec){ 6, 0 };
	SHOW(futimens(fd, ts));
	show_times("u");
	close(fd);
	SHOW(unlink("u"));
}

static void sendfile_and_statfs(void)
{
	int in = open("src", O_CREAT | O_RDWR | O_TRUNC, 0644);
	write(in, "0123456789", 10);
	int out = open("dst", O_CREAT | O_RDWR | O_TRUNC, 0644);
	off_t off = 2;
	SHOW(sendfile(out, in, &off, 5));
	printf("offset now %lld, the file's own %lld\n", (long long)off, (long long)lseek(in, 0, SEEK_CUR));
	SHOW(lseek(in, 7, SEEK_SET));
	SHOW(sendfile(out, in, NULL, 100));
	printf("the file's offset now %lld\n", (long long)lseek(in, 0, SEEK_CUR));
	char buf[16] = { 0 };
	SHOW(pread(out, buf, sizeof(buf) - 1, 0));
	printf("dst: %s\n", buf);
	int p[2];
	pipe(p);
	off = 0;
	SHOW(sendfile(p[1], in, &off, 4));
	SHOW(read(p[0], buf, 4));
	SHOW(sendfile(in, p[0], NULL, 4));
	SHOW(sendfile(99, in, NULL, 4));
	int ap = open("dst", O_WRONLY | O_APPEND);
	SHOW(sendfile(ap, in, &off, 1));
	close(ap), close(p[0]), close(p[1]), close(in), close(out);
	unlink("src"), unlink("dst");
	struct statfs sf;
	SHOW(statfs(".", &sf));
	printf("namelen %ld\n", (long)sf.f_namelen);
	SHOW(statfs("missing", &sf));
	SHOW(fstatfs(99, &sf));
}

int main(void)
{
	scratch_enter("links_truncate_times");
	links();
	truncation();
	times();
	sendfile_and_statfs();
	scratch_leave();
	return 0;
}
