/*
 * deep_recursion_dies_alone.c - a recursion without end runs its stack
 * into the guard below the stack area (RLIMIT_STACK, set to 8 MiB here so
 * that the host's ulimit does not matter) and only that process dies:
 *   - no handler: killed by SIGSEGV;
 *   - a SIGSEGV handler but no alternate stack: the handler has no room to
 *     run, so the kernel kills with SIGSEGV all the same;
 *   - a handler on an alternate stack (sigaltstack): it runs, and exits.
 * A sibling blocked on a pipe meanwhile answers afterwards, and the
 * parent goes on. Output must equal the host's (Linux).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define STACK_LIMIT   (8u << 20)
#define FRAME_BYTES   1024
#define CAUGHT_STATUS 42

static char altstack[64 * 1024];
static volatile int forever = 1;          /* the compiler cannot see the end never comes */

/* Each call keeps FRAME_BYTES live, so the compiler cannot make it a loop. */
static int recurse(int depth)
{
	volatile char frame[FRAME_BYTES];
	frame[0] = (char)depth;
	frame[FRAME_BYTES - 1] = (char)depth;
	return (forever ? recurse(depth + 1) : 0) + frame[0] + frame[FRAME_BYTES - 1];
}

static void on_segv(int sig)
{
	(void)sig;
	_exit(CAUGHT_STATUS);
}

static void handle(int on_altstack)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_segv;
	sa.sa_flags = on_altstack ? SA_ONSTACK : 0;
	if (on_altstack) {
		stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
		sigaltstack(&ss, NULL);
	}
	sigaction(SIGSEGV, &sa, NULL);
}

static void report(const char *what, int status)
{
	if (WIFSIGNALED(status))
		printf("%s: killed by %s\n", what, strsignal(WTERMSIG(status)));
	else
		printf("%s: exited %d%s\n", what, WEXITSTATUS(status),
		       WEXITSTATUS(status) == CAUGHT_STATUS ? " (the handler ran)" : "");
}

/* 0: no handler, 1: handler on the overflowing stack, 2: on an alternate one. */
static void overflow(const char *what, int how)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit r = { STACK_LIMIT, STACK_LIMIT };
		setrlimit(RLIMIT_STACK, &r);
		if (how)
			handle(how == 2);
		_exit(recurse(0));
	}
	int status;
	waitpid(pid, &status, 0);
	report(what, status);
}

int main(void)
{
	int ping[2], pong[2];
	char c = 0;
	setvbuf(stdout, NULL, _IONBF, 0);
	if (pipe(ping) || pipe(pong))
		return 1;
	pid_t sibling = fork();
	if (sibling == 0) {                       /* waits through the overflows */
		read(ping[0], &c, 1);
		write(pong[1], "!", 1);
		_exit(0);
	}
	overflow("recursion without a handler", 0);
	overflow("recursion with a SIGSEGV handler on the same stack", 1);
	overflow("recursion with a SIGSEGV handler on an alternate stack", 2);
	write(ping[1], "?", 1);
	read(pong[0], &c, 1);
	int status;
	waitpid(sibling, &status, 0);
	printf("sibling answered '%c' and exited %d; the parent goes on\n", c, WEXITSTATUS(status));
	return 0;
}
