/*
 * mount_umount_errors.c - mount(2) and umount2(2) as Linux answers them:
 * a tmpfs mounted in a scratch directory is crossed both ways (a new
 * device inside, ".." back out), is busy while a file or working
 * directory is in it, hides what it covers and shows it again when it
 * goes; mounts stack; proc mounts anywhere, devtmpfs twice on one place
 * is EBUSY; the errors ENOENT, ENOTDIR, ENODEV, EINVAL, EXDEV, EBUSY,
 * EAGAIN. The host cannot mount (no privilege): the expected output is
 * Linux's (tests/user/expected/mount_umount_errors).
 */
#include "vfs_scratch.h"
#include <sys/mount.h>

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static int same_inode(const char *a, const char *b)
{
	struct stat x, y;
	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_ino == y.st_ino && x.st_dev == y.st_dev;
}

static void crossing(void)
{
	struct stat here, there;
	stat(".", &here);
	stat("m", &there);
	printf("the mount is another device: %s\n", here.st_dev != there.st_dev ? "yes" : "no");
	printf("m/.. is the scratch directory: %s\n", same_inode("m/..", ".") ? "yes" : "no");
	printf("covered file hidden: %s\n", exists("m/under") ? "no" : "yes");
	int fd = open("m/inside", O_CREAT | O_WRONLY, 0644);
	close(fd);
	SHOW(rename("m/inside", "moved"));
	SHOW(rmdir("m"));
	SHOW(chdir("m"));
	SHOW(umount2("../m", 0));
	printf("getcwd ends in /m: %s\n", strstr(getcwd((char[256]){ 0 }, 256), "/m") ? "yes" : "no");
	SHOW(chdir(".."));
	fd = open("m/inside", O_RDONLY);
	SHOW(umount("m"));
	close(fd);
	SHOW(umount2("m", MNT_EXPIRE));
}

static void errors(void)
{
	SHOW(mount("none", "nosuch", "tmpfs", 0, NULL));
	SHOW(mount("none", "file", "tmpfs", 0, NULL));
	SHOW(mount("none", "p", "nosuchfs", 0, NULL));
	SHOW(mount("none", "p", NULL, 0, NULL));
	SHOW(mount(NULL, "p", NULL, MS_REMOUNT, NULL));
	SHOW(umount2(".", 0));
	SHOW(umount2("nosuch", 0));
	SHOW(umount2("p", 0x100));
	SHOW(umount("file"));
}

static void proc_and_dev(void)
{
	char path[64];
	SHOW(mount("proc", "p", "proc", 0, NULL));
	snprintf(path, sizeof(path), "p/%d", (int)getpid());
	printf("p/self is this process: %s\n", same_inode("p/self", path) ? "yes" : "no");
	SHOW(mount("proc", "p", "proc", 0, NULL));
	SHOW(umount("p"));
	SHOW(umount("p"));
	SHOW(mount("devtmpfs", "p", "devtmpfs", 0, NULL));
	printf("p/null is a character device: %s\n",
	       ({ struct stat s; stat("p/null", &s) == 0 && S_ISCHR(s.st_mode); }) ? "yes" : "no");
	SHOW(mount("devtmpfs", "p", "devtmpfs", 0, NULL));
	SHOW(umount("p"));
}

int main(void)
{
	scratch_enter("mount_umount_errors");
	mkdir("m", 0755);
	mkdir("p", 0755);
	close(open("file", O_CREAT | O_WRONLY, 0644));
	close(open("m/under", O_CREAT | O_WRONLY, 0644));
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	crossing();
	SHOW(mount("none", "m", "tmpfs", 0, NULL));   /* stacked on the first */
	close(open("m/top", O_CREAT | O_WRONLY, 0644));
	printf("the lower mount's file hidden: %s\n", exists("m/inside") ? "no" : "yes");
	SHOW(umount("m"));
	printf("the lower mount shows again: %s\n", exists("m/inside") ? "yes" : "no");
	SHOW(umount("m"));
	printf("the covered file shows again: %s\n", exists("m/under") ? "yes" : "no");
	SHOW(umount("m"));
	errors();
	proc_and_dev();
	unlink("moved");
	unlink("file");
	unlink("m/under");
	rmdir("m");
	rmdir("p");
	scratch_leave();
	return 0;
}
