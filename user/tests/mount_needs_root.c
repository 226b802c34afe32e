/*
 * mount_needs_root.c - regression test (issue 15): mount, umount2 and
 * chroot worked for any user (nothing asked for CAP_SYS_ADMIN or
 * CAP_SYS_CHROOT), and remount,ro went through while a file on the mount
 * was open for writing. As Linux: a non-root caller gets EPERM, after the
 * flags (umount2: EINVAL) and the path (ENOENT) are checked; remount,ro
 * is EBUSY while a regular file is open for writing there (read-only
 * opens do not count), and goes through once it is closed. Linux is the
 * oracle (the host cannot mount): tests/user/expected/mount_needs_root.
 */
#include "vfs_scratch.h"
#include <sys/mount.h>
#include <sys/wait.h>

#define USER_ID 1000

static void remount_while_writing(void)
{
	int w = SHOW(open("m/f", O_CREAT | O_WRONLY, 0644));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	int r = SHOW(open("m/f", O_RDONLY));
	SHOW(close(w));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	SHOW(open("m/g", O_CREAT | O_WRONLY, 0644));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT, NULL));
	SHOW(close(r));
	w = SHOW(open("m/f", O_RDWR));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	SHOW(close(w));
}

/* What a user who is not root gets. */
static void as_user(void)
{
	if (setgid(USER_ID) || setuid(USER_ID)) {
		printf("cannot become uid %d\n", USER_ID);
		_exit(1);
	}
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	SHOW(mount("none", "nowhere", "tmpfs", 0, NULL));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	SHOW(umount2("m", 0));
	SHOW(umount2("m", MNT_DETACH));
	SHOW(umount2("m", 0x100));
	SHOW(umount2("nowhere", 0));
	SHOW(umount2(".", 0));
	SHOW(chroot("."));
	SHOW(chroot("nowhere"));
	fflush(stdout);
	_exit(0);
}

int main(void)
{
	scratch_enter("mount_needs_root");
	SHOW(chmod(scratch, 0755));
	SHOW(mkdir("m", 0755));
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	remount_while_writing();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		as_user();
	int st;
	waitpid(pid, &st, 0);
	printf("the user's child: exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	SHOW(umount2("m", 0));
	SHOW(rmdir("m"));
	scratch_leave();
	return 0;
}
