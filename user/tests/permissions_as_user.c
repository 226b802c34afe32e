/*
 * permissions_as_user.c - owners and mode bits (issue 15): root makes
 * files and directories, then a child becomes uid/gid 1000 (setgroups,
 * setgid, setuid) and meets EACCES (reading, writing, creating,
 * searching, running, O_TRUNC), EPERM (chmod, chown, the sticky bit,
 * setuid back to root, setgroups, linking another's file with
 * protected_hardlinks) and what it may do (its own files, a 0777
 * directory, access() with the real ids). umask shapes new modes.
 * root's own bypass is checked too: it reads a 0000 file but cannot run
 * a file with no execute bit.
 */
#include "vfs_scratch.h"
#include <grp.h>
#include <stdlib.h>
#include <sys/wait.h>

static void make(const char *path, int mode)
{
	int fd = open(path, O_CREAT | O_WRONLY, 0600);
	if (fd < 0 || write(fd, "#!/bin/sh\n", 10) != 10 || fchmod(fd, mode) != 0)
		printf("cannot make %s: %s\n", path, strerrorname_np(errno));
	close(fd);
}

static void show_stat(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		printf("stat %s: %s\n", path, strerrorname_np(errno));
	else
		printf("stat %s: mode %o uid %d gid %d\n", path, st.st_mode, (int)st.st_uid, (int)st.st_gid);
}

static void as_root(void)
{
	make("secret", 0600);
	make("public", 0644);
	make("nobody", 0000);
	make("script", 0755);
	make("plain", 0644);
	make("setid", 06755);
	SHOW(mkdir("closed", 0700));
	SHOW(mkdir("readonly", 0755));
	SHOW(mkdir("open", 0777));
	SHOW(chmod("open", 0777));
	SHOW(mkdir("sticky", 01777));
	SHOW(chmod("sticky", 01777));
	SHOW(mkdir("noread", 0311));
	make("closed/inside", 0644);
	make("readonly/f", 0666);
	make("sticky/roots", 0666);
	make("noread/f", 0644);
	printf("-- root\n");
	SHOW(open("nobody", O_RDWR) >= 0);
	SHOW(access("nobody", R_OK | W_OK));
	SHOW(access("nobody", X_OK));
	SHOW(access("script", X_OK));
	SHOW(access("closed", X_OK));
	SHOW(access("missing", F_OK));
	SHOW(access("public", 8));
	SHOW(syscall(SYS_faccessat2, AT_FDCWD, "public", R_OK, 0x1));
	SHOW(execl("./plain", "plain", (char *)NULL));
	SHOW(chown("public", 1000, 1000));
	show_stat("public");
	SHOW(chown("public", 0, 0));
	SHOW(chown("setid", 1, -1));
	show_stat("setid");
	SHOW(chown("setid", 0, 0));
	SHOW(chmod("setid", 06755));
	SHOW(lchown("public", -1, -1));
}

static void as_user(void)
{
	char buf[64];
	SHOW(setgroups(0, NULL));
	SHOW(setgid(1000));
	SHOW(setuid(1000));
	SHOW(setuid(0));
	SHOW(setgroups(0, NULL));
	printf("-- uid %d euid %d gid %d egid %d\n", (int)getuid(), (int)geteuid(), (int)getgid(), (int)getegid());
	SHOW(open("secret", O_RDONLY));
	SHOW(open("public", O_RDONLY) >= 0);
	SHOW(open("public", O_WRONLY));
	SHOW(open("public", O_RDONLY | O_TRUNC));
	SHOW(truncate("public", 0));
	SHOW(open("nobody", O_RDONLY));
	SHOW(open("closed/inside", O_RDONLY));
	SHOW(open("closed", O_RDONLY | O_DIRECTORY));
	SHOW(chdir("closed"));
	struct stat st;
	SHOW(stat("closed/inside", &st));
	SHOW(stat("noread/f", &st));
	SHOW(open("noread", O_RDONLY | O_DIRECTORY));
	SHOW(open("readonly/new", O_CREAT | O_WRONLY, 0644));
	SHOW(open("readonly/f", O_RDWR) >= 0);
	SHOW(unlink("readonly/f"));
	SHOW(mkdir("readonly/d", 0755));
	SHOW(rename("readonly/f", "open/f"));
	SHOW(symlink("x", "readonly/l"));
	SHOW(link("public", "open/hard"));
	int fd = SHOW(open("open/mine", O_CREAT | O_EXCL | O_RDWR, 0444));
	SHOW(write(fd, "ok", 2));
	close(fd);
	show_stat("open/mine");
	SHOW(open("open/mine", O_RDWR));
	SHOW(chmod("open/mine", 0644));
	SHOW(open("open/mine", O_RDWR) >= 0);
	SHOW(chmod("public", 0777));
	SHOW(chown("open/mine", 0, -1));
	SHOW(chown("open/mine", -1, 0));
	SHOW(chown("open/mine", 1000, 1000));
	SHOW(chmod("open/mine", 02755));
	show_stat("open/mine");
	SHOW(link("open/mine", "open/mine2"));
	SHOW(unlink("open/mine2"));
	SHOW(mkdir("open/dir", 0777));
	show_stat("open/dir");
	SHOW(umask(027));
	SHOW(mkdir("open/masked", 0777));
	show_stat("open/masked");
	close(SHOW(open("open/maskedf", O_CREAT | O_WRONLY, 0666)));
	show_stat("open/maskedf");
	SHOW(unlink("sticky/roots"));
	close(SHOW(open("sticky/mine", O_CREAT | O_WRONLY, 0666)));
	SHOW(unlink("sticky/mine"));
	SHOW(rename("sticky/roots", "sticky/moved"));
	SHOW(execl("./public", "public", (char *)NULL));
	SHOW(access("secret", R_OK));
	SHOW(access("public", R_OK));
	SHOW(access("public", W_OK));
	SHOW(access("script", X_OK));
	SHOW(getcwd(buf, sizeof(buf)) != NULL);
	SHOW(utimensat(AT_FDCWD, "public", NULL, 0));
	struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };
	SHOW(utimensat(AT_FDCWD, "public", ts, 0));
	SHOW(utimensat(AT_FDCWD, "open/mine", ts, 0));
	SHOW(utimensat(AT_FDCWD, "readonly/f", NULL, 0));
}

/* As root again: what the user made, then everything goes. */
static void cleanup(void)
{
	const char *files[] = { "secret", "public", "nobody", "script", "plain", "setid", "closed/inside",
				"readonly/f", "sticky/roots", "sticky/moved", "noread/f", "open/mine",
				"open/maskedf", "open/f", "open/hard", "readonly/new", "readonly/l" };
	const char *dirs[] = { "closed", "readonly/d", "readonly", "open/dir", "open/masked", "open",
			       "sticky", "noread" };
	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		unlink(files[i]);
	for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		rmdir(dirs[i]);
}

int main(void)
{
	umask(022);
	scratch_enter("permissions_as_user");
	as_root();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		as_user();
		fflush(stdout);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	printf("-- root again, the child's status %d\n", status);
	cleanup();
	scratch_leave();
	return 0;
}
