/*
 * waitid_options.c - waitid by P_PID, P_PGID and P_ALL with WEXITED,
 * WSTOPPED, WCONTINUED, WNOWAIT and WNOHANG: the siginfo it fills (si_signo
 * SIGCHLD, si_code CLD_EXITED/KILLED/STOPPED/CONTINUED, si_pid, si_status),
 * WNOWAIT leaving the child to be waited for again, WNOHANG with nothing
 * to report clearing si_pid, and the EINVAL/ECHILD cases. wait4 with an
 * unknown option is EINVAL.
 * Expected output: Linux's (tests/user/expected/waitid_options).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child_exiting(int code, int go[2])
{
	pipe(go);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		read(go[0], &c, 1);
		_exit(code);
	}
	close(go[0]);
	return pid;
}

static void show(const char *what, idtype_t type, id_t id, int options, pid_t expect)
{
	siginfo_t si;
	memset(&si, 0x55, sizeof(si));
	int r = waitid(type, id, &si, options);
	if (r < 0) {
		printf("%s: -1 %s\n", what, strerrorname_np(errno));
	} else if (si.si_pid == 0) {
		printf("%s: 0, nothing (si_signo %d)\n", what, si.si_signo);
	} else {
		printf("%s: 0, si_signo %d si_code %d si_status %d si_pid %s si_uid %d\n", what,
		       si.si_signo, si.si_code, si.si_status, si.si_pid == expect ? "the child's" : "other",
		       (int)si.si_uid);
	}
	fflush(stdout);
}

int main(void)
{
	int go[2];
	show("waitid(P_ALL) with no children", P_ALL, 0, WEXITED, 0);
	pid_t a = child_exiting(7, go);
	show("no options", P_PID, a, 0, a);
	show("bad idtype", (idtype_t)9, a, WEXITED, a);
	show("P_PID 0", P_PID, 0, WEXITED, a);
	show("unknown option", P_PID, a, WEXITED | 0x100, a);
	show("WNOHANG, still running", P_PID, a, WEXITED | WNOHANG, a);
	write(go[1], "g", 1);
	show("WNOWAIT", P_PID, a, WEXITED | WNOWAIT, a);
	show("WNOWAIT again", P_PID, a, WEXITED | WNOWAIT, a);
	show("WEXITED", P_PID, a, WEXITED, a);
	show("WEXITED, reaped", P_PID, a, WEXITED, a);

	pid_t b = child_exiting(0, go);
	kill(b, SIGSTOP);
	show("WSTOPPED", P_PID, b, WSTOPPED, b);
	show("WSTOPPED again, WNOHANG", P_PID, b, WSTOPPED | WNOHANG, b);
	kill(b, SIGCONT);
	show("WCONTINUED|WNOWAIT", P_PID, b, WCONTINUED | WNOWAIT, b);
	show("WCONTINUED", P_PID, b, WCONTINUED, b);
	kill(b, SIGUSR2);
	show("P_ALL WEXITED", P_ALL, 0, WEXITED, b);
	close(go[1]);

	pid_t c = child_exiting(0, go);
	setpgid(c, c);
	show("P_PGID of the child's group, WNOHANG", P_PGID, c, WEXITED | WNOHANG, c);
	write(go[1], "g", 1);
	show("P_PGID of the child's group", P_PGID, c, WEXITED, c);
	show("P_PGID of a group with no children", P_PGID, c, WEXITED, c);
	close(go[1]);

	int st;
	pid_t d = child_exiting(0, go);
	printf("wait4 with an unknown option: %s\n",
	       wait4(d, &st, 0x100, NULL) < 0 ? strerrorname_np(errno) : "ok");
	printf("wait4 with __WALL: %s\n", wait4(d, &st, __WALL | WNOHANG, NULL) == 0 ? "0" : "other");
	close(go[1]);
	show("P_PID, the child told to go by EOF", P_PID, d, WEXITED, d);
	return 0;
}
