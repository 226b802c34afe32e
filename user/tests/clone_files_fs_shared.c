/*
 * clone_files_fs_shared - clone(CLONE_FILES) and clone(CLONE_FS) without
 * CLONE_THREAD: two processes sharing one descriptor table (an open or a
 * close in one is seen by the other) or one working directory and umask;
 * unshare(2) of either takes a private copy back, and execve in a process
 * sharing its table unshares it first, so close-on-exec closes nothing of
 * the other's. tern refused both flags without CLONE_THREAD (EINVAL) and
 * had no unshare.
 * Expected output: Linux's (qemu-user runs the children as host forks).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *open_or_not(int fd)
{
	return fcntl(fd, F_GETFD) >= 0 ? "open" : errno == EBADF ? "closed" : "?";
}

/* A fork-like child sharing what flags say; it runs fn and exits with its value. */
static int in_child(unsigned long flags, int (*fn)(int), int arg)
{
	pid_t pid = (pid_t)syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
	if (pid < 0) {
		printf("clone: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0)
		_exit(fn(arg));
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int child_opens(int unused)
{
	(void)unused;
	return open("/", O_RDONLY | O_DIRECTORY);
}

static int child_closes(int fd)
{
	return close(fd) == 0 ? 0 : 1;
}

static int child_unshares_then_opens(int unused)
{
	(void)unused;
	if (unshare(CLONE_FILES))
		return 255;
	return open("/", O_RDONLY | O_DIRECTORY);
}

static void files(void)
{
	int fd = in_child(CLONE_FILES, child_opens, 0);
	printf("CLONE_FILES: the child's open is %s here\n", open_or_not(fd));
	in_child(CLONE_FILES, child_closes, fd);
	printf("CLONE_FILES: after the child's close it is %s here\n", open_or_not(fd));
	fd = in_child(0, child_opens, 0);
	printf("no CLONE_FILES: the child's open is %s here\n", open_or_not(fd));
	fd = in_child(CLONE_FILES, child_unshares_then_opens, 0);
	printf("CLONE_FILES then unshare: the child's open is %s here\n", open_or_not(fd));
}

static int child_chdir_umask(int unused)
{
	(void)unused;
	umask(077);
	return chdir("/tmp") ? 1 : 0;
}

static int child_unshares_fs(int unused)
{
	(void)unused;
	if (unshare(CLONE_FS))
		return 255;
	umask(0);
	return chdir("/") ? 1 : 0;
}

static void show_fs(const char *what)
{
	char cwd[256];
	mode_t m = umask(022);
	umask(m);
	printf("%s: cwd %s, umask %03o\n", what, getcwd(cwd, sizeof(cwd)) ? cwd : "?", m);
}

static void fs(void)
{
	chdir("/");
	umask(022);
	in_child(0, child_chdir_umask, 0);
	show_fs("no CLONE_FS, the child changed both");
	in_child(CLONE_FS, child_chdir_umask, 0);
	show_fs("CLONE_FS, the child changed both");
	in_child(CLONE_FS, child_unshares_fs, 0);
	show_fs("CLONE_FS then unshare, the child changed both");
	chdir("/");
	umask(022);
}

static void exec_unshares(const char *self)
{
	int keep = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char arg[16];
	snprintf(arg, sizeof(arg), "%d", keep);
	fflush(stdout);
	pid_t pid = (pid_t)syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		execl(self, self, "exec", arg, (char *)0);
		_exit(127);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	printf("after the sharer's execve: the close-on-exec descriptor is %s here, flags %d\n",
	       open_or_not(keep), fcntl(keep, F_GETFD));
	printf("the exec'd child's exit: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	close(keep);
}

/* The exec'd child: its close-on-exec descriptor is gone. */
static int execd(const char *fd)
{
	printf("exec'd sharer: its close-on-exec descriptor is %s\n", open_or_not(atoi(fd)));
	return 0;
}

static void unshare_flags(void)
{
	printf("unshare(CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM), alone: %d\n",
	       unshare(CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM));
	errno = 0;
	int r = unshare(1);
	printf("unshare(0x1), not a flag tern or Linux takes: %d %s\n", r, strerror(errno));
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "exec") == 0)
		return execd(argv[2]);
	setvbuf(stdout, NULL, _IONBF, 0);
	files();
	fs();
	exec_unshares(argv[0]);
	unshare_flags();
	return 0;
}
