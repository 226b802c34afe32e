/*
 * chroot_root_and_dotdot.c - chroot(2) gives a process its own "/": an
 * absolute path starts there, ".." never climbs above it, getcwd outside
 * it says "(unreachable)", and the parent's view is unchanged. Errors:
 * ENOENT, ENOTDIR. Linux's output is kept (tests/user/expected/).
 */
#include "vfs_scratch.h"
#include <sys/wait.h>

static int same_inode(const char *a, const char *b)
{
	struct stat x, y;
	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_ino == y.st_ino && x.st_dev == y.st_dev;
}

static void show_cwd(void)
{
	char buf[256];
	long n = syscall(SYS_getcwd, buf, sizeof(buf));
	if (n < 0)
		printf("getcwd: %s\n", strerrorname_np(errno));
	else if (strncmp(buf, "(unreachable)", 13) == 0)
		printf("getcwd: (unreachable)...\n");
	else
		printf("getcwd: %s\n", buf);
}

static void jailed(void)
{
	SHOW(chroot("jail"));
	show_cwd();
	SHOW(chdir("/"));
	show_cwd();
	struct stat st;
	SHOW(stat("/file", &st));
	SHOW(stat("/outside", &st));
	printf("/.. is /: %s\n", same_inode("/..", "/") ? "yes" : "no");
	printf("/sub/../.. is /: %s\n", same_inode("/sub/../..", "/") ? "yes" : "no");
	SHOW(chdir("sub/../../sub"));
	show_cwd();
	SHOW(chroot("."));
	show_cwd();
	printf("/ is sub now: %s\n", same_inode("/", ".") ? "yes" : "no");
}

int main(void)
{
	scratch_enter("chroot_root_and_dotdot");
	mkdir("jail", 0755);
	mkdir("jail/sub", 0755);
	close(open("jail/file", O_CREAT | O_WRONLY, 0644));
	close(open("outside", O_CREAT | O_WRONLY, 0644));
	SHOW(chroot("nosuch"));
	SHOW(chroot("outside"));
	SHOW(chroot(""));
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		jailed();
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	struct stat st;
	SHOW(stat("outside", &st));
	printf("the parent's / is the real one: %s\n", same_inode("/", "/..") ? "yes" : "no");
	unlink("outside");
	unlink("jail/file");
	rmdir("jail/sub");
	rmdir("jail");
	scratch_leave();
	return 0;
}
