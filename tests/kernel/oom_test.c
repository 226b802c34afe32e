/*
 * oom_test.c - running out of memory inside the kernel leaks nothing.
 * Suite "user" (it runs user programs).
 *
 * oom_inside_a_system_call_leaks_nothing: a user copy whose page could
 * not get a frame killed the process on the spot, inside the system call,
 * so whatever the call held was lost for good (execve's exec_args, a
 * read's or write's buffer); and exec_start leaked the address space or
 * the mm when only one of the two could be allocated. Now the copy returns
 * -ENOMEM (or -EFAULT) and the call unwinds, and exec_start unwinds with a
 * goto ladder. The test makes the 1st, 2nd, ... frame allocation of a run
 * of /tests/bin/oom_victim fail (frame_fail_after), one run per allocation,
 * and checks after each that every frame and heap page came back.
 * The sweep needs every run to allocate in the same order, so address
 * randomization is off meanwhile (randomize_va_space 0, as norandmaps):
 * a randomized stack or heap start needs a page table more or less.
 */
#include "uapi/errno.h"
#include "kernel/ktest.h"
#include "uapi/signal.h"
#include "mm/frame.h"
#include "mm/aslr.h"
#include "mm/kheap.h"
#include "proc/proc.h"

#define VICTIM        "/tests/bin/oom_victim"
#define SWEEP_SLACK   8           /* a run may allocate a little more than the clean one */
#define WRITE_FAILED  1           /* oom_victim's exit status bits */
#define READ_FAILED   2
#define EXECVE_FAILED 8

static char *const victim_envp[] = { "HOME=/", NULL };

/* Run the victim with no standard files; its wait status, or -errno. */
static int run_victim(uint32_t procs0)
{
	char *argv[] = { VICTIM, NULL };
	struct file *none[3] = { NULL, NULL, NULL };
	int status = -1, pid = proc_spawn(VICTIM, argv, victim_envp, none);
	if (pid < 0)
		return pid;
	proc_wait(pid, &status);
	while (proc_count() > procs0)        /* an orphaned child is still ending */
		thread_yield();
	return status;
}

/* What must come back after each run: free frames, heap pages. */
struct usage {
	uint32_t free_frames, heap_pages;
};

static struct usage usage_now(void)
{
	struct kheap_stats h;
	kheap_get_stats(&h);
	return (struct usage){ frame_free_count(), h.pages };
}

static bool usage_same(struct usage a, struct usage b)
{
	return a.free_frames == b.free_frames && a.heap_pages == b.heap_pages;
}

KTEST(user, oom_inside_a_system_call_leaks_nothing)
{
	uint32_t procs0 = proc_count(), leaks = 0, killed = 0, failed_calls = 0;
	struct frame_stats f0, f1;
	int aslr = aslr_level();
	aslr_set_level(ASLR_OFF);
	KEXPECT_EQ(run_victim(procs0), 0);   /* warm up: kernel tables, slabs */
	frame_get_stats(&f0);
	KEXPECT_EQ(run_victim(procs0), 0);
	frame_get_stats(&f1);
	uint32_t calls = f1.alloc_calls - f0.alloc_calls;
	struct usage before = usage_now();
	for (uint32_t n = 1; n <= calls + SWEEP_SLACK; n++) {
		frame_fail_after(n);
		int status = run_victim(procs0);
		frame_fail_after(0);
		if (status >= 0 && (status & 0x7f) == SIGKILL)
			killed++;
		else if (status >= 0)
			failed_calls |= (uint32_t)status >> 8;
		struct usage after = usage_now();
		if (!usage_same(before, after)) {
			ktest_diag("allocation %u failing: %u frames free (was %u), %u heap pages (was %u)",
				   n, after.free_frames, before.free_frames, after.heap_pages,
				   before.heap_pages);
			leaks++;
			before = after;          /* report each leak once */
		}
	}
	aslr_set_level(aslr);
	KEXPECT_EQ(leaks, 0);
	KEXPECT(failed_calls & WRITE_FAILED);
	KEXPECT(failed_calls & READ_FAILED);
	KEXPECT(failed_calls & EXECVE_FAILED);
	ktest_diag("%u allocations failed one at a time: %u runs killed, calls failed %#x, %u leaks",
		   calls + SWEEP_SLACK, killed, failed_calls, leaks);
}
