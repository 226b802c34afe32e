/*
 * exhaust_test.c - resource exhaustion from user space, suite "user" (it
 * runs user programs): each ends in a clean refusal or in the death of
 * the one process that asked for too much, and gives everything back.
 *
 * fork_bomb_refused_with_eagain: fork checked a fixed cap of 4096
 * processes and nothing per user, so a fork bomb by any user ran until
 * memory was gone (fork's ENOMEM reserve, then copy-on-write faults that
 * kill). Now threads-max comes from the memory size and RLIMIT_NPROC per
 * real user is half of it, as on Linux (proc/task_limit.c): each bomb of
 * user/fuzz/forkbomb.c stops at its limit with EAGAIN, root can fork
 * while a user's bomb holds all its tasks, and after the kill fork and
 * exec work, from a shell too.
 */
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "kernel/format.h"
#include "mm/kheap.h"
#include "proc/proc.h"
#include "tests/kernel/user_run.h"

#define SHELL               "/bin/sh"
#define KERNEL_TABLES_SLACK 16

static bool has(const char *out, const char *line)
{
	return out && strstr(out, line) != NULL;
}

/* "WHAT: stopped at the limit (N tasks): yes" in out? */
static bool at_limit(const char *out, const char *what, uint32_t n)
{
	char line[96];
	ksnprintf(line, sizeof(line), "%s: stopped at the limit (%u tasks): yes\n", what, n);
	return has(out, line);
}

KTEST(user, fork_bomb_refused_with_eagain)
{
	/* Through the shell when there is one: it must still run a command after. */
	char *direct[] = { "/tests/bin/forkbomb", NULL };
	char *shell[] = { SHELL, "-c", "/tests/bin/forkbomb && echo shell: $(echo still usable)", NULL };
	char *out;
	int status = -1;
	uint32_t procs0 = proc_count(), frames0 = ktest_frames_outside_heap();
	uint32_t nproc = task_limit_max() / 2;
	int pid = run_captured(shell, &out, &status);
	bool via_shell = pid > 0;
	if (!via_shell) {
		kfree(out);
		pid = run_captured(direct, &out, &status);
	}
	KEXPECT(pid > 0);
	KEXPECT_EQ(status, 0);
	KEXPECT(at_limit(out, "uid 1000, default RLIMIT_NPROC", nproc));
	KEXPECT(at_limit(out, "uid 1000, RLIMIT_NPROC 10", 10));
	KEXPECT(has(out, "uid 1000, default RLIMIT_NPROC: settled: yes; every refusal EAGAIN: yes\n"));
	KEXPECT(has(out, "uid 1000, RLIMIT_NPROC 10: settled: yes; every refusal EAGAIN: yes\n"));
	KEXPECT(has(out, "root: settled: yes; every refusal EAGAIN: yes\n"));
	KEXPECT(has(out, "uid 1000, default RLIMIT_NPROC: root can fork and exec meanwhile: yes\n"));
	KEXPECT(has(out, "root: after the kill, fork and exec work: yes\n"));
	KEXPECT(has(out, "forkbomb: done\n"));
	KEXPECT(!via_shell || has(out, "shell: still usable\n"));
	diag_lines(out);
	kfree(out);
	KWAIT_EXPECT(proc_count() == procs0);
	/* The kernel-stack area's page tables made for ~1500 tasks stay (one
	 * per 204 stacks); a leak of anything per task would be hundreds. */
	KEXPECT(ktest_frames_outside_heap() + KERNEL_TABLES_SLACK >= frames0);
	ktest_diag("threads-max %u, RLIMIT_NPROC %u; frames outside the heap: %u before, %u after",
		   task_limit_max(), nproc, frames0, ktest_frames_outside_heap());
}
