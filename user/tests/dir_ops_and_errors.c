/*
 * dir_ops_and_errors.c - mkdir, mkdirat, rmdir, unlink, unlinkat, rename,
 * renameat, symlink, chdir, fchdir, getcwd, stat64, lstat64, fstatat64
 * on the RAM root (issue 15), with the errors ENOENT, EEXIST, ENOTDIR,
 * EISDIR, ENOTEMPTY, EINVAL, EBADF, ENAMETOOLONG (a name over 255 bytes,
 * a path over 4096) and ELOOP (a link loop, and 41 links in a chain).
 */
#include "vfs_scratch.h"
#include <stdlib.h>

static void make_and_remove(void)
{
	SHOW(syscall(SYS_mkdir, "d", 0755));
	SHOW(syscall(SYS_mkdir, "d", 0755));
	SHOW(syscall(SYS_mkdir, "d/e/", 0755));
	SHOW(syscall(SYS_mkdir, "nodir/e", 0755));
	int dfd = SHOW(open("d", O_RDONLY | O_DIRECTORY));
	SHOW(mkdirat(dfd, "f", 0755));
	SHOW(close(open("d/file", O_CREAT | O_WRONLY, 0644)));
	SHOW(syscall(SYS_mkdir, "d/file/x", 0755));
	SHOW(mkdirat(dfd, "file/x", 0755));
	SHOW(mkdirat(12345, "x", 0755));
	SHOW(syscall(SYS_rmdir, "d"));
	SHOW(syscall(SYS_rmdir, "d/file"));
	SHOW(syscall(SYS_unlink, "d/e"));
	SHOW(syscall(SYS_unlink, "d/file/"));
	SHOW(syscall(SYS_rmdir, "d/e/."));
	SHOW(syscall(SYS_rmdir, "d/e/.."));
	SHOW(unlinkat(dfd, "e", 0));
	SHOW(unlinkat(dfd, "e", AT_REMOVEDIR));
	SHOW(unlinkat(dfd, "e", AT_REMOVEDIR));
	SHOW(unlinkat(dfd, "file", 0x4000));
	SHOW(close(dfd));
}

static void show_mode(const char *what, const char *path, int follow)
{
	struct stat64 st;                        /* what the stat64 calls write */
	long r = follow ? syscall(SYS_stat64, path, &st) : syscall(SYS_lstat64, path, &st);
	if (r < 0)
		printf("%s %s: %s\n", what, path, strerrorname_np(errno));
	else
		printf("%s %s: mode %o nlink %lu size %lld\n", what, path, st.st_mode,
		       (unsigned long)st.st_nlink, S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size);
}

static void renames_and_links(void)
{
	SHOW(syscall(SYS_rename, "d/file", "d/moved"));
	SHOW(syscall(SYS_rename, "d/file", "d/moved"));
	SHOW(syscall(SYS_rename, "d/moved", "d/f"));
	SHOW(syscall(SYS_rename, "d/f", "d/moved"));
	SHOW(syscall(SYS_rename, "d", "d/f/inside"));
	SHOW(syscall(SYS_mkdir, "g", 0755));
	SHOW(close(open("g/x", O_CREAT | O_WRONLY, 0644)));
	SHOW(syscall(SYS_rename, "d/f", "g"));           /* over a directory with something in it */
	SHOW(syscall(SYS_unlink, "g/x"));
	SHOW(syscall(SYS_rename, "d/f", "g"));           /* over an empty directory */
	SHOW(syscall(SYS_rename, "d/moved", "d/moved/"));
	SHOW(renameat(AT_FDCWD, "d/moved", AT_FDCWD, "top"));
	SHOW(syscall(SYS_rename, "top", "top"));
	show_mode("stat", "g", 1);
	show_mode("stat", "d", 1);
	show_mode("stat", "d/f", 1);
	SHOW(syscall(SYS_symlink, "top", "link"));
	SHOW(syscall(SYS_symlink, "top", "link"));
	SHOW(syscall(SYS_symlink, "loop2", "loop1"));
	SHOW(syscall(SYS_symlink, "loop1", "loop2"));
	SHOW(syscall(SYS_symlink, "d", "dlink"));
	show_mode("stat", "link", 1);
	show_mode("lstat", "link", 0);
	show_mode("stat", "loop1", 1);
	show_mode("lstat", "loop1", 0);
	show_mode("stat", "dlink/", 1);
	show_mode("stat", "dlink/../top", 1);
	show_mode("stat", "./d/./../top/", 1);
	struct stat st;
	SHOW(fstatat(AT_FDCWD, "link", &st, AT_SYMLINK_NOFOLLOW));
	SHOW(open("loop1", O_RDONLY));
	SHOW(open("link", O_RDONLY | O_NOFOLLOW));
	char target[32] = { 0 };
	SHOW(readlink("link", target, sizeof(target) - 1));
	printf("link -> %s\n", target);
}

/* A chain of n links, c0 -> c1 -> ... -> c(n-1) -> top: ELOOP past 40. */
static void chain(int n)
{
	char from[16], to[16];
	for (int i = 0; i < n; i++) {
		snprintf(from, sizeof(from), "c%d", i);
		if (i == n - 1)
			snprintf(to, sizeof(to), "top");
		else
			snprintf(to, sizeof(to), "c%d", i + 1);
		syscall(SYS_symlink, to, from);
	}
	struct stat st;
	printf("a chain of %d links: %s\n", n, stat("c0", &st) ? strerrorname_np(errno) : "ok");
	for (int i = 0; i < n; i++) {
		snprintf(from, sizeof(from), "c%d", i);
		unlink(from);
	}
}

static void long_names(void)
{
	char name[300], *path = malloc(5000);
	memset(name, 'n', 255);
	name[255] = '\0';
	SHOW(syscall(SYS_mkdir, name, 0755));
	SHOW(syscall(SYS_rmdir, name));
	memset(name, 'n', 256);
	name[256] = '\0';
	SHOW(syscall(SYS_mkdir, name, 0755));
	SHOW(open(name, O_RDONLY));
	for (int i = 0; i < 4999; i++)
		path[i] = i % 2 ? '/' : '.';
	path[4999] = '\0';
	SHOW(open(path, O_RDONLY));
	path[4095] = '\0';                       /* 4095 bytes and the NUL: allowed */
	SHOW(open(path, O_RDONLY | O_DIRECTORY) >= 0);
	free(path);
}

static void cwd(void)
{
	char buf[128], expect[128];
	SHOW(chdir("d"));
	snprintf(expect, sizeof(expect), "%s/d", scratch);
	printf("getcwd is the scratch dir/d: %s\n", getcwd(buf, sizeof(buf)) && !strcmp(buf, expect) ? "yes" : "no");
	SHOW(syscall(SYS_getcwd, buf, 3));
	SHOW(chdir("nowhere"));
	SHOW(chdir("../top"));
	int fd = SHOW(open("..", O_RDONLY));
	SHOW(fchdir(fd));
	printf("getcwd after fchdir(..): %s\n", getcwd(buf, sizeof(buf)) && !strcmp(buf, scratch) ? "the scratch dir" : "?");
	close(fd);
	fd = SHOW(open("top", O_RDONLY));
	SHOW(fchdir(fd));
	SHOW(fchdir(99));
	close(fd);
	SHOW(syscall(SYS_mkdir, "gone", 0755));
	SHOW(chdir("gone"));
	SHOW(syscall(SYS_rmdir, "../gone"));
	SHOW(syscall(SYS_getcwd, buf, sizeof(buf)));
	SHOW(open("new", O_CREAT | O_WRONLY, 0644));
	SHOW(chdir(scratch));
}

int main(void)
{
	scratch_enter("dir_ops_and_errors");
	make_and_remove();
	renames_and_links();
	chain(40);
	chain(41);
	long_names();
	cwd();
	SHOW(unlink("link"));
	SHOW(unlink("loop1"));
	SHOW(unlink("loop2"));
	SHOW(unlink("dlink"));
	SHOW(unlink("top"));
	SHOW(unlink("g"));
	SHOW(syscall(SYS_rmdir, "g"));
	SHOW(syscall(SYS_rmdir, "d"));
	scratch_leave();
	return 0;
}
