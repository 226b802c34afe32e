/*
 * syscall.c - the int 0x80 entry: look the number up, run the call with
 * interrupts on (a system call may sleep or take long), return its result.
 * kernel/isr.asm's syscall_common calls syscall_dispatch directly, not
 * through trap_dispatch's table: getpid's round trip is the measure.
 * The table (gen/syscall_table.c) is generated from kernel/syscall_32.tbl.
 *
 * An unknown number must not let one process flood the log (there are
 * 2^32 of them): a token bucket lets ENOSYS_LOG_BURST lines out at once
 * and ENOSYS_LOG_PER_SEC a second after that; every call is counted.
 */
#include "kernel/syscall.h"
#include "kernel/console.h"
#include "kernel/format.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "proc/proc.h"
#include "uapi/errno.h"

static struct spinlock enosys_lock = SPINLOCK_INIT("enosys");
static struct {
	struct enosys_stats stats;   /* enosys_lock */
	uint32_t tokens;             /* enosys_lock: lines that may go out now */
	uint64_t refilled_ns;        /* enosys_lock: when tokens were last added */
	uint32_t pending;            /* enosys_lock: suppressed since the last line */
} enosys = { .tokens = ENOSYS_LOG_BURST };

const char *syscall_name(uint32_t nr)
{
	return nr < NR_SYSCALLS ? syscall_table[nr].name : NULL;
}

/* Take a token if there is one (refilling by the time passed); under the lock. */
static bool enosys_may_log(void)
{
	uint64_t now = time_monotonic_ns();
	uint64_t earned = (now - enosys.refilled_ns) * ENOSYS_LOG_PER_SEC / NSEC_PER_SEC;
	if (earned) {
		uint64_t t = enosys.tokens + earned;
		enosys.tokens = t > ENOSYS_LOG_BURST ? ENOSYS_LOG_BURST : (uint32_t)t;
		enosys.refilled_ns = now;
	}
	if (!enosys.tokens)
		return false;
	enosys.tokens--;
	return true;
}

/* Out of line: the rare path keeps its locals off the getpid path's frame. */
static __attribute__((noinline)) long syscall_unknown(uint32_t nr)
{
	spin_lock(&enosys_lock);
	enosys.stats.calls++;
	bool log = enosys_may_log();
	uint32_t skipped = enosys.pending;
	if (log) {
		enosys.stats.logged++;
		enosys.pending = 0;
	} else {
		enosys.stats.suppressed++;
		enosys.pending++;
	}
	spin_unlock(&enosys_lock);
	if (log) {
		const char *name = syscall_name(nr);
		char more[48] = "";
		if (skipped)
			ksnprintf(more, sizeof(more), " (%u more not logged)", skipped);
		pr_info("syscall %u%s%s (pid %d, %s): not implemented, -ENOSYS%s\n", nr,
			name ? " " : "", name ? name : "", current_process()->pid,
			current_process()->exe, more);
	}
	return -ENOSYS;
}

void enosys_stats_get(struct enosys_stats *out)
{
	spin_lock(&enosys_lock);
	*out = enosys.stats;
	spin_unlock(&enosys_lock);
}

/* Run the call tf asks for, with interrupts on; its result. */
static inline long syscall_run(struct trapframe *tf, struct thread *t)
{
	uint32_t nr = tf->eax;
	t->tf = tf;
	t->syscall_nr = (int)nr;              /* for a restart after a signal */
	sti();
	long r;
	if (nr < NR_SYSCALLS && syscall_table[nr].fn)
		r = syscall_table[nr].fn(tf);
	else
		r = syscall_unknown(nr);
	if (t->nborrowed)                     /* files fd_file held in a shared table */
		fd_borrow_release(t);
	cli();
	tf->eax = (uint32_t)r;
	return r;
}

/* trap_dispatch's exit work, for the one trap that comes only from ring 3
 * (the kernel makes no system calls): preemption, then signals when there
 * is something to do, the call's -ERESTART* result first. */
void syscall_dispatch(struct trapframe *tf)
{
	struct thread *t = current_thread();
	long r = syscall_run(tf, t);
	if (this_cpu()->need_resched)
		sched_preempt_point(tf);
	if (syscall_restarts(r) || signal_work(t))
		signal_deliver(tf);
}
