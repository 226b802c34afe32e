/*
 * fuzz_test.c - suite "fuzz": the multi-process system-call fuzzer
 * (user/fuzz/sysfuzz.c) run from the kernel, which alone can see whether
 * anything leaked. `fuzzcalls=N` and `fuzzseed=S` on the command line set
 * the run (100,000 calls in `make test`, 1,000,000 in `make stress`).
 * Passes when the driver ends normally, every process it made is gone,
 * and the free frames and the kernel heap's live objects and bytes are
 * what they were before it started.
 */
#include "kernel/boot.h"
#include "kernel/cmdline.h"
#include "kernel/format.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "fs/sys_path.h"
#include "mm/frame.h"
#include "mm/kheap.h"
#include "proc/proc.h"
#include "tests/kernel/user_run.h"

#define FUZZ_CALLS_DEFAULT 100000
#define FUZZ_SEED_DEFAULT  0x7e2a19   /* sysfuzz's own default */
#define FUZZ_WARMUP_CALLS  3000     /* first touches: program pages, slab pages */
#define NUM_MAX            16

struct mem_figures {
	uint32_t frames, frames_outside_heap, procs;
	uint32_t path_bufs;             /* kept for reuse, freed before the count */
	struct kheap_stats heap;
};

/* The figures, caches emptied first: a cache kept more after the run
 * (more lookups at once than ever before) is not a leak. */
static void figures(struct mem_figures *m)
{
	m->path_bufs = path_bufs_drain();
	m->frames = frame_free_count();
	m->frames_outside_heap = ktest_frames_outside_heap();
	m->procs = proc_count();
	kheap_get_stats(&m->heap);
}

/* Run sysfuzz [OPTION] CALLS SEED; its output (kfree it) and whether it ended well. */
static bool sysfuzz_run(const char *option, long calls, long seed, char **out)
{
	char ncalls[NUM_MAX], nseed[NUM_MAX];
	ksnprintf(ncalls, sizeof(ncalls), "%ld", calls);
	ksnprintf(nseed, sizeof(nseed), "%#lx", seed);
	char *argv[] = { "/tests/bin/sysfuzz", ncalls, nseed, NULL, NULL };
	if (option) {
		argv[3] = argv[2], argv[2] = argv[1], argv[1] = (char *)option;
	}
	int status = -1;
	bool ran = run_captured(argv, out, &status) > 0;
	return ran && status == 0 && *out && strstr(*out, "the kernel is still here") != NULL;
}

static bool sysfuzz(long calls, long seed, char **out)
{
	return sysfuzz_run(NULL, calls, seed, out);
}

/* The decimal number right after label in text; -1 if there is none. */
static long number_after(const char *text, const char *label)
{
	const char *at = text ? strstr(text, label) : NULL;
	long n = -1;
	for (at = at ? at + strlen(label) : NULL; at && *at >= '0' && *at <= '9'; at++)
		n = (n < 0 ? 0 : n * 10) + (*at - '0');
	return n;
}

/* Whether text is lines of printable ASCII. */
static bool printable(const char *text)
{
	for (; text && *text; text++)
		if ((*text < ' ' || *text > '~') && *text != '\n')
			return false;
	return text != NULL;
}

KTEST(fuzz, random_syscalls_from_many_processes)
{
	long calls = cmdline_get_long(&boot_cmdline, "fuzzcalls", FUZZ_CALLS_DEFAULT);
	long seed = cmdline_get_long(&boot_cmdline, "fuzzseed", FUZZ_SEED_DEFAULT);
	struct mem_figures a, b;
	char *out;
	KEXPECT(sysfuzz(FUZZ_WARMUP_CALLS, seed + 1, &out));
	kfree(out);
	figures(&a);
	bool ok = sysfuzz(calls, seed, &out);
	KEXPECT(ok);
	diag_lines(out);
	kfree(out);
	KWAIT_EXPECT(proc_count() == a.procs);     /* orphans the kernel adopted end too */
	figures(&b);
	ktest_diag("frames free: %u before, %u after (outside the heap: %u, %u)",
		   a.frames, b.frames, a.frames_outside_heap, b.frames_outside_heap);
	ktest_diag("kernel heap: %u objects, %u bytes, %u pages before; %u, %u, %u after",
		   a.heap.objects, a.heap.bytes, a.heap.pages, b.heap.objects, b.heap.bytes, b.heap.pages);
	ktest_diag("path buffers kept for reuse (freed before each count): %u before, %u after",
		   a.path_bufs, b.path_bufs);
	KEXPECT_EQ(b.heap.objects, a.heap.objects);
	KEXPECT_EQ(b.heap.bytes, a.heap.bytes);
	KEXPECT_EQ(b.frames_outside_heap, a.frames_outside_heap);
	KEXPECT_EQ(b.heap.bad_frees, a.heap.bad_frees);
}

/* sysfuzz_workers_spoilt_counters_and_stdout: a 1,000,000-call run ended
 * with the workers' progress counters spoilt and 44 bytes of 0xff in the
 * driver's stdout. Neither was the kernel's doing. The counter page (one
 * MAP_SHARED page) lay right above the workers' buffers, and the "unmapped
 * page" meant to end them had been filled by their shared file mapping
 * (mmap places top down), so a write through a buffer running on past it
 * (uname at the mapping's last bytes, here) landed in the counters. And a
 * worker whose chroot had lost its null device (another worker's random
 * unlink) kept the driver's stdout as its own, and wrote junk to it. Now
 * the page lies between guard pages and its records carry checksums, the
 * workers' stdio is the driver's null device, and -t plants both writes
 * (a read of /dev/zero over the page, 0xff to stdout, with the chroot's
 * null removed): the run must count and undo the first, swallow the
 * second, and finish with sane totals. */
#define SELFTEST_CALLS 2000

KTEST(fuzz, sysfuzz_workers_spoilt_counters_and_stdout)
{
	char *out;
	long seed = cmdline_get_long(&boot_cmdline, "fuzzseed", FUZZ_SEED_DEFAULT);
	KEXPECT(sysfuzz_run("-t", SELFTEST_CALLS, seed, &out));
	KEXPECT(printable(out));
	long hits = number_after(out, "counter page: ");
	long made = number_after(out, "calls returned: ") + number_after(out, "skipped: ");
	KEXPECT(hits >= 1);
	KEXPECT(made > 0 && made <= SELFTEST_CALLS);   /* no call counted twice */
	diag_lines(out);
	kfree(out);
}
