/*
 * statfs_of_mounts.c - statfs64 and fstatfs64 (what df reads) name each
 * mount's type by Linux's magic numbers: the root and /dev are tmpfs,
 * /proc is proc, a tmpfs mounted in a scratch directory is tmpfs with
 * blocks to give; a wrong struct size is EINVAL, a missing path ENOENT,
 * a bad descriptor EBADF. Linux's output is kept.
 */
#include "vfs_scratch.h"
#include <sys/mount.h>
#include <sys/vfs.h>

#define TMPFS_MAGIC      0x01021994
#define PROC_SUPER_MAGIC 0x9fa0

static void show_fs(const char *path)
{
	struct statfs s;
	if (statfs(path, &s) != 0) {
		printf("statfs %s: %s\n", path, strerrorname_np(errno));
		return;
	}
	const char *type = s.f_type == TMPFS_MAGIC ? "tmpfs" : s.f_type == PROC_SUPER_MAGIC ? "proc" : "other";
	printf("statfs %s: %s, bsize %ld, namelen %ld, has blocks: %s\n", path, type, (long)s.f_bsize,
	       (long)s.f_namelen, s.f_blocks > 0 && s.f_bfree <= s.f_blocks ? "yes" : "no");
}

int main(void)
{
	scratch_enter("statfs_of_mounts");
	show_fs("/");
	show_fs("/dev");
	show_fs("/proc");
	show_fs("/nonexistent");
	mkdir("m", 0755);
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	show_fs("m");
	struct statfs a, b;
	int fd = open("m", O_RDONLY);
	SHOW(fstatfs(fd, &a));
	statfs("m", &b);
	printf("fstatfs is statfs: %s\n", a.f_type == b.f_type && a.f_blocks == b.f_blocks ? "yes" : "no");
	close(fd);
	SHOW(fstatfs(99, &a));
	SHOW(syscall(SYS_statfs64, "m", 64, &a));
	SHOW(umount("m"));
	rmdir("m");
	scratch_leave();
	return 0;
}
