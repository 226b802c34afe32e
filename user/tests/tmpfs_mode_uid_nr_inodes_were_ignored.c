/*
 * tmpfs_mode_uid_nr_inodes_were_ignored.c - tmpfs's options besides size=
 * (issues 15 and 18). mount took mode=, uid=, gid= and nr_inodes= and did
 * nothing with them, and took any other word too: `mount -t tmpfs -o
 * mode=750,uid=12 none m` made a root directory of mode 1777 owned by
 * root, nr_inodes=4 let a program make files until memory ran out, and
 * `-o nr_indoes=4` (a typo) or mode=8 mounted without a word. Now, as
 * Linux 6.1's shmem: mode=, uid= and gid= make the root directory's mode
 * and owners (the mounter's file-system ids without them), /proc/mounts
 * shows them; nr_inodes= bounds the inodes, each hard link beyond a
 * file's first counting as one (ENOSPC past it), an unlinked open file
 * keeping its own; a remount may raise or lift nr_inodes=, not below what
 * is in use nor limit an unlimited one, and checks but ignores mode=,
 * uid= and gid=; huge=, inode32, nr_blocks= and the generic words (ro,
 * sync, dirsync, ...) are taken and shown; devtmpfs's options are read
 * as a remount's; anything else, or a bad value, is EINVAL. Linux's
 * output is kept (tests/user/expected: the host cannot mount).
 */
#include "vfs_scratch.h"
#include <stdlib.h>
#include <sys/fsuid.h>
#include <sys/mount.h>
#include <sys/sysinfo.h>
#include <sys/vfs.h>

/* scratch/m's options in /proc/mounts, or "none". */
static void show_options(void)
{
	char line[512], want[128], found[256] = "none";
	snprintf(want, sizeof(want), " %s/m tmpfs ", scratch);
	FILE *f = fopen("/proc/mounts", "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *at = strstr(line, want);
		if (at)
			snprintf(found, sizeof(found), "%.*s", (int)strcspn(at + strlen(want), " "),
				 at + strlen(want));
	}
	if (f)
		fclose(f);
	printf("  /proc/mounts: %s\n", found);
}

static void show_root(void)
{
	struct stat st;
	if (stat("m", &st) != 0)
		printf("  stat m: %s\n", strerrorname_np(errno));
	else
		printf("  root: mode %04o, uid %u, gid %u\n", st.st_mode & 07777,
		       (unsigned)st.st_uid, (unsigned)st.st_gid);
}

static void show_inodes(const char *when)
{
	struct statfs s;
	if (statfs("m", &s) != 0)
		printf("  %s: statfs: %s\n", when, strerrorname_np(errno));
	else
		printf("  %s: %ld inodes, %ld free\n", when, (long)s.f_files, (long)s.f_ffree);
}

static void create(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	printf("  create %s: %s\n", path, fd >= 0 ? "ok" : strerrorname_np(errno));
	if (fd >= 0)
		close(fd);
}

static void owners_and_mode(void)
{
	printf("mode=750,uid=12,gid=34:\n");
	SHOW(mount("none", "m", "tmpfs", 0, "mode=750,uid=12,gid=34"));
	show_root();
	show_options();
	printf("remount mode=700,uid=5,gid=6 (ignored):\n");
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "mode=700,uid=5,gid=6"));
	show_root();
	show_options();
	SHOW(umount("m"));
	printf("without them, as a process whose fsuid is 1000:\n");
	setfsuid(1000);
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	setfsuid(0);
	show_root();
	show_options();
	SHOW(umount("m"));
}

/* Every kind of new name takes a slot: a file, a directory, a symbolic
 * link, a FIFO, a hard link. */
static void each_kind_when_full(void)
{
	create("m/d");
	printf("  mkdir: %s\n", mkdir("m/dir", 0755) ? strerrorname_np(errno) : "ok");
	printf("  symlink: %s\n", symlink("a", "m/sym") ? strerrorname_np(errno) : "ok");
	printf("  mkfifo: %s\n", mkfifo("m/fifo", 0644) ? strerrorname_np(errno) : "ok");
	printf("  link: %s\n", link("m/a", "m/l") ? strerrorname_np(errno) : "ok");
}

static void inode_limit(void)
{
	printf("nr_inodes=4 (the root takes one):\n");
	SHOW(mount("none", "m", "tmpfs", 0, "nr_inodes=4"));
	show_inodes("empty");
	show_options();
	create("m/a");
	create("m/b");
	create("m/c");
	show_inodes("a, b, c");
	each_kind_when_full();
	SHOW(unlink("m/c"));
	printf("  link a l: %s\n", link("m/a", "m/l") ? strerrorname_np(errno) : "ok");
	show_inodes("a linked as l");
	create("m/d");
	SHOW(unlink("m/a"));                      /* l holds the file: a's slot comes back */
	create("m/d");
	create("m/e");
	SHOW(rename("m/d", "m/l"));               /* l's file goes, and its slot */
	create("m/e");
	int fd = open("m/b", O_RDONLY);
	SHOW(unlink("m/b"));                      /* open: it keeps its slot */
	create("m/f");
	close(fd);
	create("m/f");
	show_inodes("l, e, f");
	printf("remount:\n");
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "nr_inodes=3"));    /* below use */
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "nr_inodes=8"));
	show_inodes("raised to 8");
	show_options();
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "nr_inodes=0"));    /* no limit */
	show_inodes("no limit");
	show_options();
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "nr_inodes=100"));  /* not retroactively */
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "mode=8"));
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "nr_indoes=4"));
	SHOW(unlink("m/l"));
	SHOW(unlink("m/e"));
	SHOW(unlink("m/f"));
	SHOW(umount("m"));
}

static void good_options(void)
{
	const char *good[] = { "uid=0x10,gid=010", "mode=+0755\n", "mode=17777", "mode=0",
			       "nr_inodes=1k,nr_blocks=2k", "huge=within_size,inode32",
			       "size=k", ",,sync,dirsync,lazytime,mand,nomand,async,rw", "mand",
			       "sync,ro,rw" };
	for (unsigned i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		printf("\"%s\": ", good[i]);
		SHOW(mount("none", "m", "tmpfs", 0, good[i]));
		show_root();
		show_options();
		umount("m");
	}
	printf("\"ro\": ");
	SHOW(mount("none", "m", "tmpfs", 0, "ro"));
	show_options();
	create("m/x");
	umount("m");
	SHOW(mount("none", "m", "tmpfs", MS_SYNCHRONOUS | MS_DIRSYNC | MS_LAZYTIME, NULL));
	show_options();
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "huge=always"));   /* dirsync stays */
	show_options();
	SHOW(mount("none", "m", NULL, MS_REMOUNT | MS_RDONLY, "sync"));
	show_options();
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "rw"));
	show_options();
	umount("m");
}

static void bad_options(void)
{
	const char *bad[] = { "mode=8", "mode=", "mode", "mode=-1", "uid=-1", "uid=4294967295",
			      "uid=4294967296", "gid=x", "gid=1 ", "nr_inodes=", "nr_inodes=1q",
			      "nr_blocks=-1", "huge=yes", "huge", "inode64", "inode32=1",
			      "mpol=default", "nr_indoes=4", "noexec", "size=16k,5", "=5", "Mode=755" };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		printf("\"%s\": ", bad[i]);
		SHOW(mount("none", "m", "tmpfs", 0, bad[i]));
	}
}

/* devtmpfs is a tmpfs too: its options are read as a remount's (its one
 * file system is reconfigured: mode= and uid= change nothing). */
static void devtmpfs_options(void)
{
	printf("devtmpfs:\n");
	SHOW(mount("devtmpfs", "m", "devtmpfs", 0, "nr_indoes=4"));
	SHOW(mount("devtmpfs", "m", "devtmpfs", 0, "mode=700,uid=5"));
	show_root();
	SHOW(umount("m"));
}

/* Without nr_inodes=: as many as half of memory's pages (Linux's
 * shmem_default_max_inodes, without high memory). */
static void default_inodes(void)
{
	struct sysinfo si;
	struct statfs s;
	sysinfo(&si);
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	statfs("m", &s);
	unsigned long long pages = (unsigned long long)si.totalram * si.mem_unit / 4096;
	printf("default nr_inodes: half of memory's pages: %s\n",
	       (unsigned long long)s.f_files == pages / 2 ? "yes" : "no");
	SHOW(umount("m"));
}

int main(void)
{
	scratch_enter("tmpfs_mode_uid_nr_inodes_were_ignored");
	mkdir("m", 0755);
	owners_and_mode();
	inode_limit();
	good_options();
	bad_options();
	devtmpfs_options();
	default_inodes();
	rmdir("m");
	scratch_leave();
	return 0;
}
