/*
 * forkbomb.c - fork bombs against the task limits (proc/task_limit.c).
 * Every process of a bomb forks until it is refused, then waits to be
 * killed; the bomb has grown as far as it can when every one of its
 * processes has been refused once. Then the one who started it (root)
 * looks: were all refusals EAGAIN, did the bomb stop where the limit is,
 * can root still fork and exec while the bomb holds its tasks? Then it
 * kills the bomb's process group and goes on.
 *
 *   uid 1000, default RLIMIT_NPROC: stops at RLIMIT_NPROC tasks
 *   uid 1000, RLIMIT_NPROC 10:      stops at 10 tasks
 *   root (exempt from RLIMIT_NPROC): stops at threads-max, the global cap
 *
 * Guest only (on a host it would be a fork bomb). The kernel test
 * user.fork_bomb_refused_with_eagain runs it and checks nothing leaked.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BOMB_UID      1000
#define SMALL_NPROC   10
#define POLL_MS       10
#define SETTLE_MS     60000       /* a bomb of thousands in TCG: generous */
#define PROBE         "/tests/bin/hello"

struct tally {
	volatile int made;          /* forks that succeeded */
	volatile int eagain;        /* refusals with EAGAIN (one per process) */
	volatile int other;         /* refusals with anything else */
	volatile int other_errno;
};

static struct tally *T;

/* One process of the bomb: fork until refused (children do the same). */
static void bomb(void)
{
	for (;;) {
		pid_t p = fork();
		if (p == 0)
			continue;
		if (p > 0) {
			__sync_fetch_and_add(&T->made, 1);
			continue;
		}
		if (errno == EAGAIN)
			__sync_fetch_and_add(&T->eagain, 1);
		else
			T->other_errno = errno, __sync_fetch_and_add(&T->other, 1);
		for (;;)
			pause();
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* Until every process of the bomb has been refused once. */
static int settled(void)
{
	for (long waited = 0; waited < SETTLE_MS; waited += POLL_MS) {
		if (T->made > 0 && T->eagain + T->other == T->made + 1)
			return 1;
		sleep_ms(POLL_MS);
	}
	return 0;
}

/* Can we still fork a child that execs a program and ends well? */
static const char *fork_exec_works(void)
{
	pid_t p = fork();
	if (p < 0)
		return strerror(errno);
	if (p == 0) {
		char *argv[] = { PROBE, NULL };
		close(STDOUT_FILENO);                /* its greeting is not ours */
		execv(PROBE, argv);
		_exit(127);
	}
	int status;
	waitpid(p, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no";
}

/* Start a bomb as uid (limit: its RLIMIT_NPROC, 0 = as inherited). */
static pid_t start_bomb(int uid, long limit)
{
	memset((void *)T, 0, sizeof(*T));
	pid_t leader = fork();
	if (leader != 0)
		return leader;
	setpgid(0, 0);                           /* one group: one kill ends it all */
	struct rlimit r = { limit, limit };
	if (limit)
		setrlimit(RLIMIT_NPROC, &r);
	if (uid && (setgid(uid) || setuid(uid)))
		_exit(2);
	bomb();
	return 0;
}

static void end_bomb(pid_t leader)
{
	kill(-leader, SIGKILL);
	waitpid(leader, NULL, 0);                /* the rest are orphans: init's or the kernel's */
}

static void run(const char *what, int uid, long limit, long expect_tasks)
{
	pid_t leader = start_bomb(uid, limit);
	int ok = leader > 0 && settled();
	int tasks = T->made + 1;
	printf("%s: settled: %s; every refusal EAGAIN: %s\n", what, ok ? "yes" : "no",
	       T->other ? strerror(T->other_errno) : "yes");
	if (expect_tasks)
		printf("%s: stopped at the limit (%ld tasks): %s\n", what, expect_tasks,
		       tasks == expect_tasks ? "yes" : "no");
	printf("%s: %d tasks made it\n", what, tasks);
	if (uid)
		printf("%s: root can fork and exec meanwhile: %s\n", what, fork_exec_works());
	end_bomb(leader);
	sleep_ms(100);                           /* the kernel reaps the orphans */
	while (waitpid(-1, NULL, WNOHANG) > 0)    /* or we do, if we are init */
		;
	printf("%s: after the kill, fork and exec work: %s\n", what, fork_exec_works());
	fflush(stdout);
}

int main(void)
{
	struct rlimit r;
	setvbuf(stdout, NULL, _IONBF, 0);
	T = mmap(NULL, sizeof(*T), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (T == MAP_FAILED || getrlimit(RLIMIT_NPROC, &r))
		return 1;
	run("uid 1000, default RLIMIT_NPROC", BOMB_UID, 0, r.rlim_cur);
	run("uid 1000, RLIMIT_NPROC 10", BOMB_UID, SMALL_NPROC, SMALL_NPROC);
	run("root", 0, 0, 0);
	printf("forkbomb: done\n");
	return 0;
}
