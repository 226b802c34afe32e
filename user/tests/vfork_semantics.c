/*
 * vfork_semantics - vfork for real: the child runs in the parent's memory
 * (what it writes, the parent sees) and the parent does not run until the
 * child execs or exits. tern used to make vfork a fork: the parent saw
 * its own copy (0) and could run first. Also clone(CLONE_VM|CLONE_VFORK)
 * through posix_spawn, and a vfork child whose exec fails.
 * Expected output: Linux's (qemu-user makes vfork a fork).
 */
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static volatile int shared;
static volatile int order;          /* 1: the child ran; the parent adds 10 */

static void report(const char *what, pid_t pid)
{
	int status = -1;
	pid_t r = waitpid(pid, &status, 0);
	printf("%s: reaped %s, exit %d\n", what, r == pid ? "it" : "something else",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void child_writes_then_exits(void)
{
	pid_t parent = getpid();
	pid_t pid = vfork();
	if (pid == 0) {
		shared = 42;
		order = 1;
		_exit(getppid() == parent && getpid() != parent ? 7 : 8);
	}
	order += 10;
	printf("after _exit: shared=%d order=%d\n", shared, order);
	report("_exit child", pid);
}

static void child_execs(const char *self)
{
	order = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		order = 1;
		static const char msg[] = "child: before exec\n";
		write(1, msg, sizeof(msg) - 1);
		execl(self, self, "exec'd", (char *)0);
		_exit(127);
	}
	order += 10;
	printf("parent resumes after the exec: order=%d\n", order);
	report("exec child", pid);
}

static void exec_fails(void)
{
	pid_t pid = vfork();
	if (pid == 0) {
		execl("/nonexistent/program", "x", (char *)0);
		shared = 99;
		_exit(9);
	}
	printf("after a failed exec: shared=%d\n", shared);
	report("failed exec child", pid);
}

static void spawned(const char *self)
{
	pid_t pid;
	char *argv[] = { (char *)self, "spawned", NULL };
	int err = posix_spawn(&pid, self, NULL, NULL, argv, environ);
	printf("posix_spawn: %s\n", err ? strerror(err) : "ok");
	report("spawned child", pid);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return 3;        /* the new image: silent, as it may run beside the parent */
	setvbuf(stdout, NULL, _IONBF, 0);
	child_writes_then_exits();
	child_execs(argv[0]);
	exec_fails();
	spawned(argv[0]);
	for (int i = 0; i < 50; i++) {             /* many, each reaped */
		pid_t pid = vfork();
		if (pid == 0)
			_exit(i);
		int status;
		if (waitpid(pid, &status, 0) != pid || WEXITSTATUS(status) != i)
			printf("round %d: wrong\n", i);
	}
	printf("50 vforks done\n");
	return 0;
}
