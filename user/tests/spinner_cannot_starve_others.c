/*
 * spinner_cannot_starve_others.c - processes that never give the CPU up
 * (a loop in user mode that makes no system call, one with every signal
 * blocked) do not starve the others: preemption holds, so this parent
 * still sleeps and wakes, forks, and execs beside them, and SIGKILL (which
 * no mask stops) ends them. Output must equal the host's (Linux).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SPINNERS 2
#define ROUNDS   10
#define NAP_NS   5000000L              /* 5 ms */

static pid_t spin(int block_signals)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (block_signals) {
			sigset_t all;
			sigfillset(&all);
			sigprocmask(SIG_BLOCK, &all, NULL);
		}
		for (volatile unsigned long n = 0;; n++)
			;
	}
	return pid;
}

/* A child that execs /bin/true if there is one, else just exits: 0 if it ended well. */
static int fork_and_end(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(0);
	}
	int status;
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

int main(void)
{
	pid_t spinners[SPINNERS];
	int rounds = 0, failed = 0;
	setvbuf(stdout, NULL, _IONBF, 0);
	for (int i = 0; i < SPINNERS; i++)
		spinners[i] = spin(i == 1);
	for (; rounds < ROUNDS; rounds++) {
		struct timespec nap = { 0, NAP_NS };
		nanosleep(&nap, NULL);
		failed += fork_and_end();
	}
	printf("beside %d spinners: %d rounds of sleep, fork and wait, %d failed\n", SPINNERS, rounds, failed);
	for (int i = 0; i < SPINNERS; i++) {
		int status;
		kill(spinners[i], SIGKILL);
		waitpid(spinners[i], &status, 0);
		printf("spinner %d%s: killed by %s\n", i, i == 1 ? " (all signals blocked)" : "",
		       WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "nothing");
	}
	return 0;
}
