/*
 * mount_rdonly_was_writable.c - MS_RDONLY (issue 15): a read-only mount
 * was recorded and shown in /proc/mounts, but every change to its files
 * went through. Now each change to a regular file, a directory or a link
 * on it is EROFS (before any permission check, as Linux), devices stay
 * writable, and `mount -o remount,ro` / `remount,rw` flip it; nosuid,
 * nodev and noexec are kept and shown. Linux is the oracle (the host
 * cannot mount): tests/user/expected/mount_rdonly_was_writable.
 */
#include "vfs_scratch.h"
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/sysmacros.h>
#include <sys/time.h>

/* The options of the last /proc/mounts line for scratch/m that tern and
 * Linux share: ro or rw, nosuid, nodev, noexec. */
static void show_options(const char *when)
{
	char line[512], want[128], found[128] = "(not mounted)";
	snprintf(want, sizeof(want), " %s/m ", scratch);
	FILE *f = fopen("/proc/mounts", "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *at = strstr(line, want);
		if (!at)
			continue;
		char *opts = strchr(at + strlen(want), ' ') + 1;   /* past the type */
		found[0] = '\0';
		for (char *o = strtok(opts, ", "); o; o = strtok(NULL, ", "))
			if (!strcmp(o, "ro") || !strcmp(o, "rw") || !strcmp(o, "nosuid") ||
			    !strcmp(o, "nodev") || !strcmp(o, "noexec"))
				snprintf(found + strlen(found), sizeof(found) - strlen(found), "%s%s",
					 found[0] ? "," : "", o);
	}
	if (f)
		fclose(f);
	printf("%s: /proc/mounts says %s\n", when, found);
}

static void refused_when_read_only(void)
{
	char buf[8] = "";
	struct timeval tv[2] = { { 1, 0 }, { 2, 0 } };
	int fd = SHOW(open("m/f", O_RDONLY));
	SHOW(read(fd, buf, sizeof(buf) - 1));
	printf("read back: %s\n", buf);
	close(fd);
	SHOW(open("m/f", O_WRONLY));
	SHOW(open("m/f", O_RDWR));
	SHOW(open("m/f", O_RDONLY | O_TRUNC));
	SHOW(open("m/new", O_RDONLY | O_CREAT, 0644));
	fd = SHOW(open("m/f", O_RDONLY | O_CREAT, 0644));   /* there already: no change */
	close(fd);
	fd = SHOW(open("m/null", O_WRONLY));                  /* a device: still writable */
	SHOW(write(fd, "x", 1));
	close(fd);
	SHOW(mkdir("m/x", 0755));
	SHOW(mkdir("m/d", 0755));                             /* there already */
	SHOW(rmdir("m/d"));
	SHOW(unlink("m/f"));
	SHOW(rename("m/f", "m/g"));
	SHOW(link("m/f", "m/g"));
	SHOW(symlink("f", "m/s"));
	SHOW(mknod("m/p", S_IFIFO | 0644, 0));
	SHOW(chmod("m/f", 0600));
	SHOW(chown("m/f", 1, 1));
	SHOW(utimes("m/f", tv));
	SHOW(utimes("m/f", NULL));
	SHOW(truncate("m/f", 1));
	SHOW(access("m/f", W_OK));
	SHOW(access("m/f", R_OK));
	SHOW(access("m/null", W_OK));
}

int main(void)
{
	scratch_enter("mount_rdonly_was_writable");
	SHOW(mkdir("m", 0755));
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	int fd = SHOW(open("m/f", O_WRONLY | O_CREAT, 0644));
	SHOW(write(fd, "hello", 5));
	SHOW(mkdir("m/d", 0755));
	SHOW(mknod("m/null", S_IFCHR | 0666, makedev(1, 3)));
	close(fd);                                 /* open for writing, Linux refuses the remount (EBUSY) */
	show_options("mounted");
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	show_options("remount,ro");
	refused_when_read_only();
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT, NULL));
	show_options("remount,rw");
	SHOW(mkdir("m/x", 0755));
	SHOW(rmdir("m/x"));
	SHOW(unlink("m/f"));
	SHOW(unlink("m/null"));
	SHOW(rmdir("m/d"));
	SHOW(umount("m"));
	SHOW(mount("none", "m", "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
	show_options("mounted ro,nosuid,nodev,noexec");
	SHOW(mkdir("m/x", 0755));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT | MS_NOSUID, NULL));
	show_options("remount,nosuid");
	SHOW(mkdir("m/x", 0755));
	SHOW(rmdir("m/x"));
	SHOW(umount("m"));
	SHOW(rmdir("m"));
	scratch_leave();
	return 0;
}
