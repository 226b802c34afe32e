/*
 * remount_ro_with_held_files_was_allowed.c - remount,ro (issue 15) was
 * EBUSY only while a descriptor had a regular file of the mount open for
 * writing. Linux's sb_prepare_remount_readonly refuses it whenever the
 * mount has a writer, and a file opened for writing stays one as long as
 * a mapping holds it after its descriptor is closed (the area keeps the
 * open file, vm_file); and whenever a file that lost its last name is
 * still held (s_remove_count): open, mapped, or a removed directory that
 * is a working directory. We let all of those through. Each case below
 * tries remount,ro with the holder, then again after it let go. Linux is
 * the oracle (the host cannot mount): tests/user/expected/.
 */
#include "vfs_scratch.h"
#include <sys/mman.h>
#include <sys/mount.h>

#define BYTES 4096

static char mnt[96];                       /* the mount, by its absolute path */

/* remount,ro then, if that worked, back to rw. */
static void try_ro(const char *when)
{
	printf("%s: ", when);
	if (SHOW(mount(NULL, mnt, NULL, MS_REMOUNT | MS_RDONLY, NULL)) == 0)
		SHOW(mount(NULL, mnt, NULL, MS_REMOUNT, NULL));
}

/* A mapping of m/f opened with flags, its descriptor closed. */
static char *map_closed(int flags, int prot, int share)
{
	int fd = open("m/f", flags);
	char *p = mmap(NULL, BYTES, prot, share, fd, 0);
	close(fd);
	return p;
}

static void mapped(const char *what, int flags, int prot, int share)
{
	char *p = map_closed(flags, prot, share);
	printf("%s: mapped %s\n", what, p == MAP_FAILED ? strerrorname_np(errno) : "ok");
	try_ro(what);
	SHOW(munmap(p, BYTES));
	try_ro("after munmap");
}

static void deleted(void)
{
	int fd = SHOW(open("m/g", O_RDWR | O_CREAT, 0644));
	close(fd);
	fd = SHOW(open("m/g", O_RDONLY));
	SHOW(unlink("m/g"));
	try_ro("deleted, open for reading");
	close(fd);
	try_ro("after close");
	fd = SHOW(open("m/g", O_RDWR | O_CREAT, 0644));
	SHOW(ftruncate(fd, BYTES));
	close(fd);
	fd = SHOW(open("m/g", O_RDONLY));
	char *p = mmap(NULL, BYTES, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	SHOW(unlink("m/g"));
	try_ro("deleted, mapped private read-only");
	SHOW(munmap(p, BYTES));
	try_ro("after munmap");
}

static void removed_cwd(void)
{
	char d[128];
	snprintf(d, sizeof(d), "%s/d", mnt);
	SHOW(mkdir("m/d", 0755));
	SHOW(chdir("m/d"));
	SHOW(chdir(scratch));
	SHOW(rmdir("m/d"));
	try_ro("removed directory, left before");
	SHOW(mkdir("m/d", 0755));
	SHOW(chdir("m/d"));
	SHOW(rmdir(d));
	try_ro("removed directory, still working there");
	SHOW(chdir(scratch));
	try_ro("after leaving it");
}

int main(void)
{
	scratch_enter("remount_ro_with_held_files_was_allowed");
	snprintf(mnt, sizeof(mnt), "%s/m", scratch);
	SHOW(mkdir("m", 0755));
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	int fd = SHOW(open("m/f", O_RDWR | O_CREAT, 0644));
	SHOW(ftruncate(fd, BYTES));
	try_ro("open for writing");
	close(fd);
	try_ro("closed");
	mapped("shared writable, opened O_RDWR", O_RDWR, PROT_READ | PROT_WRITE, MAP_SHARED);
	mapped("shared read-only, opened O_RDWR", O_RDWR, PROT_READ, MAP_SHARED);
	mapped("private, opened O_RDWR", O_RDWR, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	mapped("shared read-only, opened O_RDONLY", O_RDONLY, PROT_READ, MAP_SHARED);
	mapped("private, opened O_RDONLY", O_RDONLY, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	deleted();
	removed_cwd();
	SHOW(unlink("m/f"));
	SHOW(umount("m"));
	SHOW(rmdir("m"));
	scratch_leave();
	return 0;
}
