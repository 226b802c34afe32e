/*
 * sync_test.c - in-guest tests of the synchronization primitives (suite
 * "sync"): wait queues, sleeping with a lock, the preemption count, the
 * preemption point; and (suite "race") one test named after each race
 * fixed so far, which the system tests run under QEMU's -singlestep so
 * that the timer can land between any two instructions.
 */
#include "kernel/console.h"
#include "kernel/ktest.h"
#include "kernel/spinlock.h"
#include "kernel/trap.h"
#include "kernel/wait.h"
#include "kernel/x86.h"
#include "drivers/pit.h"
#include "drivers/vga.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "proc/thread_internal.h"

#define TEST_VECTOR 0x81            /* unused by the kernel: a trap we raise ourselves */
#define SETTLE_TICKS 5

static volatile uint32_t spins;
static volatile int stop;

static void spinner(void *arg)
{
	(void)arg;
	while (!stop)
		spins++;
}

/* The trap a timer tick would be if the slice ran out just now. */
static void ask_resched(struct trapframe *tf)
{
	(void)tf;
	cpu0.need_resched = true;
}

/* Raise TEST_VECTOR with interrupts on or off: did another thread run? */
static bool other_ran_across_trap(bool irqs_on)
{
	uint32_t f = irq_save();
	if (irqs_on)
		sti();
	uint32_t before = spins;
	__asm__ volatile("int %0" : : "i"(TEST_VECTOR) : "memory");
	uint32_t after = spins;
	irq_restore(f);
	return after != before;
}

/* Issue 13, defect 10: sched_preempt_point ran at the end of every trap and
 * switched threads even when the trapped code had interrupts off (a page
 * fault inside an irq_save section, say), which counted on running alone.
 * It must switch only when the interrupted context had IF set. */
KTEST(sync, preempt_point_respects_interrupts_off)
{
	stop = 0;
	spins = 0;
	trap_register(TEST_VECTOR, ask_resched);
	KEXPECT(thread_spawn("spinner", spinner, NULL) != NULL);
	sleep_ticks(SETTLE_TICKS);
	KEXPECT(!other_ran_across_trap(false));
	KEXPECT(other_ran_across_trap(true));      /* the same trap with IF set does switch */
	trap_register(TEST_VECTOR, NULL);
	stop = 1;
	sleep_ticks(SETTLE_TICKS);
}

KTEST(sync, spinlocks_count_in_preempt_count)
{
	static struct spinlock a = SPINLOCK_INIT("a"), b = SPINLOCK_INIT("b");
	int base = cpu0.preempt_count;
	spin_lock(&a);
	KEXPECT_EQ(cpu0.preempt_count, base + 1);
	spin_lock(&b);
	KEXPECT_EQ(cpu0.preempt_count, base + 2);
	KEXPECT(!irqs_enabled());
	spin_unlock(&b);
	spin_unlock(&a);
	KEXPECT_EQ(cpu0.preempt_count, base);
	KEXPECT(irqs_enabled());
}

static struct wait_queue order_wq = WAIT_QUEUE_INIT;
static volatile int wake_order[3], woke, order_asleep;

static void order_sleeper(void *arg)
{
	uint32_t f = irq_save();
	order_asleep++;                          /* on the queue before irqs are on */
	wait_sleep(&order_wq);
	irq_restore(f);
	wake_order[woke++] = (int)arg;
}

KTEST(sync, wake_one_wakes_the_longest_sleeper)
{
	woke = order_asleep = 0;
	for (int i = 0; i < 3; i++) {
		thread_spawn("sleeper", order_sleeper, (void *)i);
		KWAIT_EXPECT(order_asleep == i + 1);  /* each asleep before the next */
	}
	for (int i = 0; i < 3; i++) {
		wake_one(&order_wq);
		KWAIT_EXPECT(woke == i + 1);
		KEXPECT_EQ(wake_order[i], i);
	}
}

KTEST(sync, sleep_with_timeout_times_out_or_wakes)
{
	static struct wait_queue wq = WAIT_QUEUE_INIT;
	uint64_t t0 = pit_ticks();
	uint32_t f = irq_save();
	bool woken = wait_sleep_timeout(&wq, 3);
	irq_restore(f);
	KEXPECT(!woken);
	KEXPECT(pit_ticks() >= t0 + 3);
	KEXPECT(wq.head == NULL);                  /* it left the queue */
}

static struct spinlock flag_lock = SPINLOCK_INIT("flag");
static struct wait_queue flag_wq = WAIT_QUEUE_INIT;
static int flag;                            /* flag_lock */
static volatile int saw_flag;

static void flag_waiter(void *arg)
{
	(void)arg;
	spin_lock(&flag_lock);
	wait_event_locked(&flag_wq, flag, &flag_lock);
	saw_flag = flag;
	spin_unlock(&flag_lock);
}

/* The sleeper lets the lock go for its sleep (or the setter could never
 * take it) and holds it again when its condition is checked. */
KTEST(sync, wait_event_locked_lets_the_lock_go)
{
	flag = 0;
	saw_flag = 0;
	thread_spawn("waiter", flag_waiter, NULL);
	KWAIT_EXPECT(flag_wq.head != NULL);      /* the waiter sleeps, lock let go */
	spin_lock(&flag_lock);                   /* panics "taken twice" if still held */
	flag = 1;
	spin_unlock(&flag_lock);
	wake_all(&flag_wq);
	KWAIT_EXPECT(saw_flag == 1);
}

/* --- the races fixed so far, each run with a one-tick time slice ---
 * With the fixes of commit fca35bb undone, under -singlestep: the console
 * test failed in 5 runs of 5 (hundreds of characters out of order; 1 run
 * of 1 even without -singlestep), the thread id test in 2 runs of 3 (its
 * window is two instructions). */

#define RACERS       4
#define RACE_ROUNDS  2500
#define RACE_CHARS   400

static volatile int racers_done;
static int tids[RACERS * RACE_ROUNDS];      /* racer r, round i at r * RACE_ROUNDS + i */

/* Each new thread says its own id: its struct may be gone by the time
 * its spawner looks. */
static void say_tid(void *arg)
{
	*(int *)arg = current_thread()->tid;
}

static void tid_racer(void *arg)
{
	int me = (int)arg;
	for (int i = 0; i < RACE_ROUNDS; i++) {
		int *slot = &tids[me * RACE_ROUNDS + i];
		*slot = -1;
		thread_spawn("saytid", say_tid, slot);
	}
	__atomic_fetch_add(&racers_done, 1, __ATOMIC_SEQ_CST);
}

static void wait_racers(void)
{
	while (racers_done < RACERS)
		sleep_ticks(1);
	sleep_ticks(SETTLE_TICKS);                 /* the noop threads end */
}

/* Ids are handed out in order, so a bitmap of the ones seen finds twins. */
#define TID_SPAN (RACERS * RACE_ROUNDS * 4)

static int duplicate_tids(void)
{
	static uint32_t seen[TID_SPAN / 32];
	memset(seen, 0, sizeof(seen));
	int base = tids[0], dups = 0;
	for (int i = 0; i < RACERS * RACE_ROUNDS; i++)
		base = tids[i] >= 0 && tids[i] < base ? tids[i] : base;
	for (int i = 0; i < RACERS * RACE_ROUNDS; i++) {
		uint32_t k = (uint32_t)(tids[i] - base);
		if (tids[i] < 0 || k >= TID_SPAN)
			continue;
		dups += (seen[k / 32] >> (k % 32)) & 1;
		seen[k / 32] |= 1u << (k % 32);
	}
	return dups;
}

/* Commit fca35bb: two threads spawning at once could get the same thread
 * id and lose an update of the thread count (next_tid++ and threads++ were
 * preemptible). Every id must be unique and the count must come back. */
KTEST(race, thread_id_and_count_race)
{
	uint32_t threads0 = thread_count();
	racers_done = 0;
	uint32_t slice = sched_set_timeslice(1);
	for (int i = 0; i < RACERS; i++)
		thread_spawn("tidracer", tid_racer, (void *)i);
	wait_racers();
	sched_set_timeslice(slice);
	int failed = 0;
	for (int i = 0; i < RACERS * RACE_ROUNDS; i++)
		failed += tids[i] < 0;
	KEXPECT_EQ(failed, 0);
	KEXPECT_EQ(duplicate_tids(), 0);
	KWAIT_EXPECT(thread_count() == threads0);
}

static void char_racer(void *arg)
{
	char c = (char)('A' + (int)arg);
	for (int i = 0; i < RACE_CHARS; i++)
		console_putc(c);
	__atomic_fetch_add(&racers_done, 1, __ATOMIC_SEQ_CST);
}

/* Commit fca35bb: a thread preempted inside console_putc (between the log
 * ring and the screen) let other threads' characters in between, so the
 * log and the screen disagreed on the order, and the cursor could be left
 * half updated. Every character of every writer must be in the ring, and
 * the screen must show them in the ring's order. */
KTEST(race, console_character_race)
{
	static char screen[RACERS * RACE_CHARS];
	racers_done = 0;
	console_putc('\n');                       /* start on a clean line */
	uint32_t head0 = klog_head;
	uint32_t slice = sched_set_timeslice(1);
	for (int i = 0; i < RACERS; i++)
		thread_spawn("charracer", char_racer, (void *)i);
	wait_racers();
	sched_set_timeslice(slice);
	KEXPECT_EQ(klog_head - head0, RACERS * RACE_CHARS);
	int count[RACERS] = { 0 }, misplaced = 0;
	unsigned shown = vga_tail(screen, sizeof(screen));
	for (uint32_t i = head0; i < klog_head; i++) {
		char c = klog_ring[i % KLOG_RING_SIZE];
		if (c >= 'A' && c < 'A' + RACERS)
			count[c - 'A']++;
		uint32_t back = klog_head - i;        /* 1 for the last character */
		if (back <= shown && screen[shown - back] != c)
			misplaced++;
	}
	console_putc('\n');
	for (int i = 0; i < RACERS; i++)
		KEXPECT_EQ(count[i], RACE_CHARS);
	KEXPECT_EQ(misplaced, 0);
}
