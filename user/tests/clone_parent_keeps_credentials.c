/*
 * clone_parent_keeps_credentials.c - regression test for
 * clone_parent_took_the_grandparents_credentials: process_new copied the
 * credentials of the new process's parent, and with CLONE_PARENT that is
 * the caller's parent. A process that had dropped root (setuid 1000)
 * under a root parent got a child running as root from
 * clone(CLONE_PARENT). Credentials come from the caller, as Linux's
 * copy_creds: the child is uid 1000 too, and the root parent reaps it.
 * Output must equal the host's (Linux; run as root).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define USER_ID 1000

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	pid_t dropped = fork();
	if (dropped == 0) {
		if (setgid(USER_ID) || setuid(USER_ID))
			_exit(2);
		long c = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
		if (c == 0) {
			printf("CLONE_PARENT child: uid %d euid %d gid %d egid %d\n",
			       getuid(), geteuid(), getgid(), getegid());
			_exit(0);
		}
		_exit(c > 0 ? 0 : 3);
	}
	int reaped = 0, status;
	while (wait(&status) > 0)                /* both are ours: CLONE_PARENT */
		reaped += WIFEXITED(status) && WEXITSTATUS(status) == 0;
	printf("root parent reaped %d children that exited 0\n", reaped);
	return 0;
}
