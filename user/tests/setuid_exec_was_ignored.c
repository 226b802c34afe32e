/*
 * setuid_exec_was_ignored.c - set-user-ID and set-group-ID programs
 * (issue 15): execve kept the caller's ids whatever the file's mode, and
 * the auxiliary vector said AT_UID, AT_EUID, AT_GID, AT_EGID 0 and
 * AT_SECURE 0 for everyone. Now a set-user-ID file's owner becomes the
 * effective (and saved) user id, a set-group-ID file with a group execute
 * bit gives its group, not on a nosuid mount; the auxiliary vector tells
 * the truth. The program runs a copy of itself (same name, so the
 * multi-call binary still knows it) as another user. Linux is the oracle
 * (the host cannot mount): tests/user/expected/setuid_exec_was_ignored.
 */
#include "vfs_scratch.h"
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/fsuid.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/wait.h>

#define NAME "setuid_exec_was_ignored"

static void child_report(void)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;
	getresuid(&r, &e, &s);
	getresgid(&rg, &eg, &sg);
	printf("  uids %d %d %d, gids %d %d %d, fsuid %d\n", (int)r, (int)e, (int)s, (int)rg,
	       (int)eg, (int)sg, (int)setfsuid(-1));
	printf("  auxv: uid %lu euid %lu gid %lu egid %lu secure %lu\n", getauxval(AT_UID),
	       getauxval(AT_EUID), getauxval(AT_GID), getauxval(AT_EGID), getauxval(AT_SECURE));
}

static void copy_self(const char *self, const char *to)
{
	int in = open(self, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	struct stat st;
	fstat(in, &st);
	if (sendfile(out, in, NULL, st.st_size) != st.st_size)
		printf("cannot copy %s\n", self);
	close(in);
	close(out);
}

/* Run path as uid 2000 (gid 3000) after giving it owner 1000:1001 and mode. */
static void run_as_user(const char *path, mode_t mode)
{
	printf("mode %04o, run by uid 2000:\n", (unsigned)mode);
	chown(path, 1000, 1001);
	chmod(path, mode);                        /* after chown, which clears the set-id bits */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		if (setresgid(3000, 3000, 3000) || setresuid(2000, 2000, 2000))
			_exit(1);
		execl(path, NAME, "child", (char *)NULL);
		printf("  execl: %s\n", strerrorname_np(errno));
		_exit(1);
	}
	waitpid(pid, NULL, 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child")) {
		child_report();
		return 0;
	}
	char *self = realpath(argv[0], NULL);
	printf("as run:\n");
	child_report();
	scratch_enter(NAME);
	chmod(".", 0755);
	copy_self(self, NAME);
	run_as_user("./" NAME, 0755);
	run_as_user("./" NAME, 04755);
	run_as_user("./" NAME, 02755);
	run_as_user("./" NAME, 02745);             /* no group execute bit: not set-group-ID */
	run_as_user("./" NAME, 06755);
	SHOW(mkdir("m", 0755));
	SHOW(mount("none", "m", "tmpfs", MS_NOSUID, NULL));
	chmod("m", 0755);
	copy_self(self, "m/" NAME);
	run_as_user("m/" NAME, 06755);             /* nosuid: the bits do nothing */
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT, NULL));
	run_as_user("m/" NAME, 06755);             /* suid again */
	unlink("m/" NAME);
	SHOW(umount("m"));
	SHOW(rmdir("m"));
	unlink(NAME);
	scratch_leave();
	free(self);
	return 0;
}
