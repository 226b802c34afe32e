/*
 * stat_fields.c - stat64 and statx claim only what they fill (issue 13):
 * the kernel reported inode 0, device 0 and times of 1970 for pipes and
 * files, with statx's mask saying they were valid. Now a pipe has its own
 * inode number on an anonymous device and the time it was made, and a
 * file its archive's inode and time; the values differ from Linux's, so
 * this prints what holds on both.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define YEAR_2000 946684800L

static const char *yes(int c) { return c ? "yes" : "no"; }

static void show_stat(const char *what, const struct stat *st)
{
	printf("%s: ino set: %s, dev set: %s, times after 2000: %s\n", what,
	       yes(st->st_ino != 0), yes(st->st_dev != 0),
	       yes(st->st_mtime > YEAR_2000 && st->st_atime > YEAR_2000 && st->st_ctime > YEAR_2000));
}

static void show_statx(const char *what, int dirfd, const char *path, int flags)
{
	struct statx x;
	if (statx(dirfd, path, flags, STATX_BASIC_STATS, &x) != 0) {
		printf("%s: statx failed\n", what);
		return;
	}
	int claims = (x.stx_mask & (STATX_INO | STATX_MTIME)) == (STATX_INO | STATX_MTIME);
	printf("%s: statx claims ino and mtime: %s, and they are set: %s\n", what, yes(claims),
	       yes(x.stx_ino != 0 && x.stx_mtime.tv_sec > YEAR_2000));
}

int main(int argc, char **argv)
{
	(void)argc;
	int p[2], q[2];
	struct stat a, b, c, f;
	if (pipe(p) != 0 || pipe(q) != 0)
		return 1;
	fstat(p[0], &a);
	fstat(p[1], &b);
	fstat(q[0], &c);
	show_stat("pipe", &a);
	printf("pipe: both ends one inode: %s, another pipe another: %s\n",
	       yes(a.st_ino == b.st_ino && a.st_dev == b.st_dev), yes(a.st_ino != c.st_ino));
	printf("pipe: a FIFO: %s\n", yes(S_ISFIFO(a.st_mode)));
	show_statx("pipe", p[0], "", AT_EMPTY_PATH);
	if (stat(argv[0], &f) != 0)
		return 1;
	show_stat("this program", &f);
	printf("this program: a regular file: %s\n", yes(S_ISREG(f.st_mode)));
	show_statx("this program", AT_FDCWD, argv[0], 0);
	return 0;
}
