/*
 * proc_test.c - in-guest tests of kernel threads, the scheduler and copy-on-
 * write at the page-table level (suites "sched" and "cow").
 */
#include "kernel/ktest.h"
#include "kernel/x86.h"
#include "drivers/pit.h"
#include "mm/frame.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/tmt.h"
#include "mm/vmm.h"
#include "proc/proc.h"

#define SPIN_TICKS 5
#define TEST_UVA   0x40000000u

static volatile uint32_t counter[2];
static volatile int stop;

static void spinner(void *arg)
{
	uint32_t i = (uint32_t)arg;
	while (!stop)
		counter[i]++;                    /* never yields: only the timer preempts */
}

KTEST(sched, preemption_shares_the_cpu)
{
	uint32_t threads0 = thread_count();
	stop = 0;
	counter[0] = counter[1] = 0;
	KEXPECT(thread_spawn("spin0", spinner, (void *)0) != NULL);
	KEXPECT(thread_spawn("spin1", spinner, (void *)1) != NULL);
	sleep_ticks(SPIN_TICKS * 4);
	KWAIT_EXPECT(counter[0] > 0 && counter[1] > 0);
	stop = 1;
	KWAIT_EXPECT(thread_count() == threads0);   /* exited threads were freed */
}

KTEST(sched, sleep_lasts_at_least_its_ticks)
{
	uint64_t t0 = pit_ticks();
	sleep_ticks(3);
	KEXPECT(pit_ticks() >= t0 + 3);
}

static struct wait_queue wq;
static volatile int woken, asleep;

static void sleeper(void *arg)
{
	(void)arg;
	uint32_t f = irq_save();
	asleep++;                            /* on the queue before irqs are on again */
	wait_sleep(&wq);
	irq_restore(f);
	woken++;
}

KTEST(sched, wake_all_wakes_every_sleeper)
{
	woken = asleep = 0;
	for (int i = 0; i < 3; i++)
		thread_spawn("sleeper", sleeper, NULL);
	KWAIT_EXPECT(asleep == 3);           /* they are all asleep now */
	KEXPECT_EQ(woken, 0);
	wake_all(&wq);
	KWAIT_EXPECT(woken == 3);
}

/* Read the first word of va's frame in space s, through a TMT slot. */
static uint32_t peek(struct vm_space *s, uint32_t va, paddr_t *pa_out)
{
	paddr_t pa = 0;
	if (!vmm_translate_in(s, va, &pa, NULL))
		return 0xdeadbeef;
	uint32_t *k = tmt_map(pa & PTE_FRAME);
	uint32_t v = *k;
	tmt_unmap(k);
	*pa_out = pa & PTE_FRAME;
	return v;
}

#define PID_MAX_TEST  32768             /* Linux's pid_max, proc/thread.c */
#define RESERVED_TEST 300

static int spawn_tiny(void)
{
	static char *const argv[] = { "/tests/bin/tiny", NULL };
	static char *const envp[] = { NULL };
	struct file *stdio[3] = { NULL, NULL, NULL };
	return proc_spawn(argv[0], argv, envp, stdio);
}

/* Ids wrap at pid_max to 300, as Linux's, and skip ids still held (here by
 * zombies not yet reaped). */
KTEST(sched, pid_wraps_at_pid_max_skipping_live_ids)
{
	int old = tid_set_next(PID_MAX_TEST - 2);
	int a = spawn_tiny(), b = spawn_tiny();
	KEXPECT_EQ(a, PID_MAX_TEST - 2);
	KEXPECT_EQ(b, PID_MAX_TEST - 1);
	tid_set_next(PID_MAX_TEST - 2);        /* both still held: skipped */
	int c = spawn_tiny();
	KEXPECT_EQ(c, RESERVED_TEST);
	tid_set_next(RESERVED_TEST);
	int d = spawn_tiny();
	KEXPECT_EQ(d, RESERVED_TEST + 1);
	int st, pids[] = { a, b, c, d };
	for (int i = 0; i < 4; i++)
		KEXPECT_EQ(proc_wait(pids[i], &st), pids[i]);
	tid_set_next(old);
}

/* vmm_range_fn: the one page these tests map, given once. */
static bool test_page_range(void *ctx, uint32_t *start, uint32_t *end)
{
	bool *given = ctx;
	if (*given)
		return false;
	*given = true;
	*start = TEST_UVA;
	*end = TEST_UVA + PAGE_SIZE;
	return true;
}

KTEST(cow, clone_shares_then_copies_on_write)
{
	uint32_t free0 = ktest_frames_outside_heap();
	struct vm_space *a = vmm_space_create(), *b = vmm_space_create(), *old = vmm_current();
	vmm_space_switch(a);
	KEXPECT_EQ(vmm_map_new(TEST_UVA, VMM_WRITE | VMM_USER), 0);
	ktest_user_write32(TEST_UVA, 1);
	bool given = false;
	KEXPECT_EQ(vmm_clone_user(b, test_page_range, &given), 0);
	paddr_t pa_a, pa_b;
	uint32_t flags;
	KEXPECT(vmm_translate(TEST_UVA, &pa_a, &flags));
	KEXPECT(!(flags & PTE_W) && (flags & PTE_COW));   /* write-protected in the parent */
	KEXPECT_EQ(peek(b, TEST_UVA, &pa_b), 1);
	KEXPECT_EQ(pa_a & PTE_FRAME, pa_b);               /* one frame, two spaces */
	KEXPECT_EQ(frame_refcount(pa_b), 2);
	KEXPECT_EQ(vmm_cow_break(TEST_UVA), 0);           /* what a write fault does */
	ktest_user_write32(TEST_UVA, 2);
	KEXPECT(vmm_translate(TEST_UVA, &pa_a, &flags));
	KEXPECT((flags & PTE_W) && !(flags & PTE_COW));
	KEXPECT(pa_a != pa_b);
	KEXPECT_EQ(peek(b, TEST_UVA, &pa_b), 1);          /* the child kept its copy */
	KEXPECT_EQ(frame_refcount(pa_b), 1);
	vmm_space_switch(b);                              /* the last sharer takes it over */
	KEXPECT_EQ(vmm_cow_break(TEST_UVA), 0);
	KEXPECT(vmm_translate(TEST_UVA, &pa_a, NULL) && (pa_a & PTE_FRAME) == pa_b);
	vmm_space_switch(old);
	vmm_space_destroy(a);
	vmm_space_destroy(b);
	KEXPECT_EQ(ktest_frames_outside_heap(), free0);
}
