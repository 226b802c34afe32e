/*
 * setsid_setpgid_errors.c - process groups and sessions by Linux's rules:
 * setpgid of oneself and of a child (into a new group, into an existing
 * one of the session, EPERM into a group that does not exist or lies in
 * another session, EPERM for a session leader, EACCES for a child that
 * has exec'd, ESRCH for a process that is not a child, EINVAL for a
 * negative group); setsid (EPERM for a group leader, else a new session
 * and group named after the caller); getpgid/getsid of others and of no
 * one (ESRCH); groups and sessions inherited across fork. Only relations
 * between ids are printed: the absolute ones differ between runs.
 * Expected output: Linux's (tests/user/expected/setsid_setpgid_errors).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NO_SUCH_PID 999999                /* above pid_max: never a process */

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s: -1 %s\n", what, strerrorname_np(errno));
	else
		printf("%s: ok\n", what);
	fflush(stdout);
}

/* A child that waits for a byte on the pipe, then runs fn and exits. */
static pid_t child(int go[2], void (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		read(go[0], &c, 1);
		if (fn)
			fn();
		_exit(0);
	}
	return pid;
}

static void release(int go[2], pid_t pid)
{
	int st;
	write(go[1], "g", 1);
	close(go[1]);
	close(go[0]);
	waitpid(pid, &st, 0);
}

static void new_session(void)
{
	pid_t me = getpid();
	pid_t sid = setsid();
	printf("child setsid: %s; getsid(0) is its pid: %s; getpgrp() too: %s\n",
	       sid == me ? "its pid" : "wrong", getsid(0) == me ? "yes" : "no",
	       getpgrp() == me ? "yes" : "no");
	show("session leader setpgid(0, 0)", setpgid(0, 0));
	show("session leader setsid again", setsid());
	fflush(stdout);
}

static void leader_setsid(void)
{
	show("group leader setsid", setsid());
}

static void inherited(void)
{
	printf("child's group is the parent's new group: %s\n",
	       getpgrp() == getppid() ? "yes" : "no");
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc > 1) {                           /* the exec'd child: wait to be told */
		char c;
		read(0, &c, 1);
		return 0;
	}
	pid_t me = getpid();
	show("setpgid(0, -1)", setpgid(0, -1));
	show("getpgid(no such pid)", getpgid(NO_SUCH_PID));
	show("getsid(no such pid)", getsid(NO_SUCH_PID));
	show("setpgid(no such pid, 0)", setpgid(NO_SUCH_PID, 0));
	show("setpgid(0, no such group)", setpgid(0, NO_SUCH_PID));
	printf("getpgid(0) == getpgrp(): %s; getsid(0) == getsid(getpid()): %s\n",
	       getpgid(0) == getpgrp() ? "yes" : "no", getsid(0) == getsid(me) ? "yes" : "no");
	pid_t sid0 = getsid(0);
	show("setpgid(0, 0)", setpgid(0, 0));
	printf("now a group leader: %s; same session: %s\n", getpgrp() == me ? "yes" : "no",
	       getsid(0) == sid0 ? "yes" : "no");
	show("group leader setsid", setsid());

	int go[2];
	pipe(go);
	pid_t a = child(go, inherited);
	show("setpgid(child, parent's group)", setpgid(a, me));
	release(go, a);
	show("setpgid(reaped child, 0)", setpgid(a, 0));

	pipe(go);
	a = child(go, leader_setsid);
	show("setpgid(child, 0)", setpgid(a, 0));
	printf("getpgid(child) is the child's pid: %s\n", getpgid(a) == a ? "yes" : "no");
	show("setpgid(child, its own group again)", setpgid(a, a));
	show("setpgid(child, back to the parent's group)", setpgid(a, me));
	show("setpgid(child, a new group of its own again)", setpgid(a, a));
	show("setpgid(child, 0) again", setpgid(a, 0));
	release(go, a);

	pipe(go);
	a = child(go, new_session);
	release(go, a);

	/* A child in a session of its own: the parent may no longer move it. */
	int ready[2];
	pipe(go);
	pipe(ready);
	pid_t b = fork();
	if (b == 0) {
		char c;
		setsid();
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	char c;
	read(ready[0], &c, 1);
	printf("getsid(child) is the child's pid: %s\n", getsid(b) == b ? "yes" : "no");
	show("setpgid(child in another session, 0)", setpgid(b, 0));
	show("setpgid(child in another session, parent's group)", setpgid(b, me));
	show("setpgid(0, child's group in another session)", setpgid(0, b));
	release(go, b);

	/* A child that has exec'd. */
	pipe(go);
	pipe2(ready, O_CLOEXEC);
	pid_t e = fork();
	if (e == 0) {
		dup2(go[0], 0);
		close(go[1]);
		close(ready[0]);
		execl(argv[0], argv[0], "execd", (char *)NULL);
		_exit(127);
	}
	close(ready[1]);
	read(ready[0], &c, 1);                    /* EOF: the exec closed it */
	show("setpgid(child that exec'd, 0)", setpgid(e, 0));
	release(go, e);

	show("setpgid(init, 0)", setpgid(1, 0));
	return 0;
}
