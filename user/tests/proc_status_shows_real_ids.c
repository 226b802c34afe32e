/*
 * proc_status_shows_real_ids.c - /proc/PID/status's Uid, Gid, Groups and
 * Umask lines (issue 15): Uid and Gid said 0 0 0 0 whatever the process's
 * credentials were, and Groups was always empty, so `ps` and `id`-like
 * tools reading status saw every process as root. The ids are set to
 * distinct real, effective, saved and file-system values here, and the
 * lines printed as status shows them, for itself and for a child read by
 * its parent through /proc/PID.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *who, const char *path)
{
	char line[256];
	FILE *f = fopen(path, "r");
	if (!f) {
		printf("%s: cannot open %s\n", who, path);
		return;
	}
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Uid:", 4) || !strncmp(line, "Gid:", 4) ||
		    !strncmp(line, "Groups:", 7) || !strncmp(line, "Umask:", 6))
			printf("%s: %s", who, line);
	fclose(f);
}

int main(void)
{
	gid_t groups[] = { 30, 20, 10 };
	show("root", "/proc/self/status");
	umask(027);
	if (setgroups(3, groups) || setresgid(101, 102, 103) || setresuid(201, 202, 203)) {
		printf("could not set the ids\n");
		return 1;
	}
	show("set", "/proc/self/status");
	setfsuid(201);
	setfsgid(103);
	show("fsids", "/proc/self/status");
	int up[2], down[2];
	char c = 0;
	pipe(up);
	pipe(down);
	pid_t pid = fork();
	if (pid == 0) {
		umask(0);
		write(up[1], &c, 1);          /* its umask is set */
		read(down[0], &c, 1);         /* until the parent has read its status */
		_exit(0);
	}
	read(up[0], &c, 1);
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	show("child", path);
	write(down[1], &c, 1);
	waitpid(pid, NULL, 0);
	return 0;
}
