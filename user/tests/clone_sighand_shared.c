/*
 * clone_sighand_shared - clone(CLONE_VM | CLONE_SIGHAND) without
 * CLONE_THREAD: two processes share one handler table, so a sigaction in
 * the child is the parent's too (without CLONE_SIGHAND it is not);
 * CLONE_SIGHAND without CLONE_VM is EINVAL, and so is unshare(CLONE_SIGHAND)
 * while the table is shared; an execve in a sharer resets only its own
 * copy of the handlers. tern refused CLONE_SIGHAND without CLONE_THREAD
 * (EINVAL), so programs that share handlers between processes (as
 * LinuxThreads did) could not start.
 * Expected output: Linux's (qemu-user cannot run CLONE_VM without
 * CLONE_THREAD).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILD_STACK (64 * 1024)

static char stack[CHILD_STACK] __attribute__((aligned(16)));
static const char *self;

static void on_usr(int sig)
{
	(void)sig;
}

/* What sig's handler is here, in words. */
static const char *handler_of(int sig)
{
	struct sigaction old;
	sigaction(sig, NULL, &old);
	if (old.sa_handler == on_usr)
		return "the child's handler";
	return old.sa_handler == SIG_DFL ? "SIG_DFL" : "something else";
}

/* The children: they share the memory, so they print nothing. */
static int set_handler(void *sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr;
	return sigaction((int)(long)sig, &sa, NULL) ? 1 : 0;
}

static int try_unshare(void *unused)
{
	(void)unused;
	return unshare(CLONE_SIGHAND) == 0 ? 0 : errno;
}

static int exec_self(void *unused)
{
	(void)unused;
	execl(self, self, "exec", (char *)0);
	return 127;
}

/* Run fn in a child made with flags: its exit status, or -errno. */
static int run(int flags, int (*fn)(void *), void *arg)
{
	pid_t pid = clone(fn, stack + sizeof(stack), flags | SIGCHLD, arg);
	if (pid < 0)
		return -errno;
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc > 1 && strcmp(argv[1], "exec") == 0) {
		printf("exec'd sharer: SIGUSR1 is %s\n", handler_of(SIGUSR1));
		return 0;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	int r = run(CLONE_VM | CLONE_SIGHAND, set_handler, (void *)(long)SIGUSR1);
	printf("CLONE_VM|CLONE_SIGHAND (%d), the child set SIGUSR1's: here %s\n", r,
	       handler_of(SIGUSR1));
	r = run(CLONE_VM, set_handler, (void *)(long)SIGUSR2);
	printf("CLONE_VM alone (%d), the child set SIGUSR2's: here %s\n", r, handler_of(SIGUSR2));
	r = run(CLONE_SIGHAND, set_handler, (void *)(long)SIGUSR2);
	printf("CLONE_SIGHAND without CLONE_VM: %s\n", r < 0 ? strerror(-r) : "accepted");
	r = run(CLONE_VM | CLONE_SIGHAND, try_unshare, NULL);
	printf("unshare(CLONE_SIGHAND) in a sharer: %s\n", r ? strerror(r) : "done");
	r = run(CLONE_VM | CLONE_SIGHAND | CLONE_VFORK, exec_self, NULL);
	printf("the exec'd sharer's exit: %d\n", r);
	printf("after the sharer's execve: SIGUSR1 here is %s\n", handler_of(SIGUSR1));
	return 0;
}
