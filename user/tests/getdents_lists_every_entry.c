/*
 * getdents_lists_every_entry.c - getdents64 and getdents over a directory
 * of 1,000 files read through a small buffer (issue 15): every name once,
 * "." and "..", the d_type of a file, a directory and a link, and the
 * errors EINVAL (a buffer too small for one entry), ENOTDIR and EBADF.
 */
#include "vfs_scratch.h"
#include <stdint.h>
#include <stdlib.h>

#define FILES 1000
#define SMALL_BUF 512

struct dirent64_raw {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
} __attribute__((packed));

struct dirent_raw {
	uint32_t d_ino, d_off;
	uint16_t d_reclen;
	char d_name[];
} __attribute__((packed));

static char seen[FILES];
static int type_f0, type_sub, type_lnk, others;

/* Note one name (the order differs between file systems: nothing is printed here). */
static void note(const char *name, int type, int *dots)
{
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		(*dots)++;
	else if (!strcmp(name, "sub"))
		type_sub = type;
	else if (!strcmp(name, "lnk"))
		type_lnk = type;
	else if (name[0] == 'f' && atoi(name + 1) < FILES)
		seen[atoi(name + 1)]++;
	else
		others++;
	if (!strcmp(name, "f0"))
		type_f0 = type;
}

static void list(int is64)
{
	char buf[SMALL_BUF];
	int fd = open(".", O_RDONLY | O_DIRECTORY), dots = 0, calls = 0;
	long n;
	memset(seen, 0, sizeof(seen));
	others = type_f0 = type_sub = type_lnk = 0;
	while ((n = syscall(is64 ? SYS_getdents64 : SYS_getdents, fd, buf, sizeof(buf))) > 0) {
		calls++;
		for (long at = 0; at < n; ) {
			if (is64) {
				struct dirent64_raw *d = (void *)(buf + at);
				note(d->d_name, d->d_type, &dots);
				at += d->d_reclen;
			} else {
				struct dirent_raw *d = (void *)(buf + at);
				note(d->d_name, buf[at + d->d_reclen - 1], &dots);
				at += d->d_reclen;
			}
		}
	}
	int once = 1;
	for (int i = 0; i < FILES; i++)
		once &= seen[i] == 1;
	printf("%s: end %ld, dots %d, every file once: %s, more than one call: %s, others %d\n",
	       is64 ? "getdents64" : "getdents", n, dots, once ? "yes" : "no", calls > 1 ? "yes" : "no", others);
	printf("types: file %d, directory %d, link %d\n", type_f0, type_sub, type_lnk);
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(syscall(SYS_getdents64, fd, buf, 8));
	close(fd);
}

int main(void)
{
	char name[16], buf[64];
	scratch_enter("getdents_lists_every_entry");
	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		close(open(name, O_CREAT | O_WRONLY, 0644));
	}
	SHOW(mkdir("sub", 0755));
	SHOW(symlink("f0", "lnk"));
	list(1);
	list(0);
	int fd = open("f0", O_RDONLY);
	SHOW(syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	close(fd);
	SHOW(syscall(SYS_getdents64, 99, buf, sizeof(buf)));
	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		unlink(name);
	}
	SHOW(rmdir("sub"));
	SHOW(unlink("lnk"));
	scratch_leave();
	return 0;
}
