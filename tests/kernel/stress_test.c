/*
 * stress_test.c - the preemption-sensitive paths under a one-tick time
 * slice (suite "stress"): /tests/bin/stress runs fork/exit/wait, pipes and
 * the heap from several processes while the scheduler switches every
 * millisecond, wherever the kernel is.
 *
 * Long enough to have found the exit race of commit 00b7518 (proc_exit
 * switched to the kernel space before updating p->vm, and a preemption in
 * between switched back into the dying space: "vmm_space_destroy: cannot
 * destroy the current space"): with that fix reverted, 300 rounds of 4
 * workers panicked in 5 runs out of 5 (100 rounds: 3 of 4). It also
 * found the pipe release race: the release of one end woke the pipe's
 * queues after letting its lock go, and the other end's release freed the
 * pipe in between (a page fault in wake_all). By hand:
 * init=/tests/bin/stress timeslice=1 -- ROUNDS WORKERS.
 */
#include "kernel/ktest.h"
#include "fs/file.h"
#include "mm/frame.h"
#include "proc/proc.h"

#define STRESS_SLACK_FRAMES 64     /* kernel page tables and heap pages may stay */

KTEST(stress, fork_exit_pipes_heap_under_a_one_tick_slice)
{
	char *argv[] = { "/tests/bin/stress", "300", "4", NULL };
	char *envp[] = { "PATH=/bin", NULL };
	uint32_t free0 = frame_free_count();
	uint32_t slice = sched_set_timeslice(1);
	struct file *con = console_file();
	struct file *stdio[3] = { con, con, con };
	int pid = proc_spawn(argv[0], argv, envp, stdio);
	file_put(con);
	int status = -1;
	if (pid > 0)
		proc_wait(pid, &status);
	sched_set_timeslice(slice);
	KEXPECT(pid > 0);
	KEXPECT_EQ(status, 0);
	KEXPECT_EQ(proc_count(), 0);
	KEXPECT(frame_free_count() + STRESS_SLACK_FRAMES >= free0);
}
