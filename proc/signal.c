/*
 * signal.c - sending, blocking and delivering signals, with Linux i386's
 * semantics and frames.
 *
 * A signal sent to a process (kill) waits in the process's pending set, one
 * sent to a thread (tkill, a fault) in the thread's; each thread has its
 * own blocked mask. Whatever is pending and not blocked is acted on when
 * the thread goes back to user mode (signal_deliver, from the end of
 * trap_dispatch, which calls it only when signal_work in proc.h says there
 * is something to do): the thread's own signals first, synchronous ones (faults)
 * before others, then the lowest number. The default action terminates the
 * process (the wait status holds the signal; no core file is written, so,
 * as Linux without one, the 0x80 bit stays clear), ignores it (SIGCHLD,
 * SIGURG, SIGWINCH, SIGCONT), or stops it (SIGSTOP, SIGTSTP, SIGTTIN,
 * SIGTTOU): its thread sleeps in signal_deliver until a SIGCONT or SIGKILL
 * is sent. Sending SIGCONT continues the process and discards pending stop
 * signals, sending a stop signal discards a pending SIGCONT, whatever the
 * handlers and masks (Linux's prepare_signal).
 *
 * A handler gets the frame Linux i386 builds, made and taken down by
 * proc/signal_frame.c; this file decides which signal and which mask.
 *
 * A standard signal pending twice is one; a real-time one (SIGRTMIN and
 * up) queues every instance, each with its siginfo, delivered oldest first
 * (at most SIGQUEUE_MAX waiting per pending set; past it sigqueue is
 * EAGAIN and kill's instance is lost).
 */
#include "proc/thread_internal.h"
#include "gen/syscalls.h"
#include "kernel/console.h"
#include "kernel/gdt.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "mm/kheap.h"
#include "mm/uvm.h"
#include "uapi/errno.h"
#include "uapi/sigcontext.h"

#define SIGBIT(sig)       (1ull << ((sig) - 1))
#define SIG_UNBLOCKABLE   (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define SIG_DEFAULT_IGNORE (SIGBIT(SIGCHLD) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH) | SIGBIT(SIGCONT))
#define SIG_DEFAULT_STOP  (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))
#define SIG_SYNCHRONOUS   (SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | \
			   SIGBIT(SIGTRAP) | SIGBIT(SIGFPE) | SIGBIT(SIGSYS))

#define SIGQUEUE_MAX      1024        /* queued real-time instances per pending set */
#define SYSCALL_INSN_SIZE 2           /* int $0x80: restarting backs up over it */

static bool default_ignored(int sig)
{
	return SIG_DEFAULT_IGNORE & SIGBIT(sig);
}

static bool handler_ignores(const struct ksigaction *ka, int sig)
{
	return ka->handler == SIG_IGN || (ka->handler == SIG_DFL && default_ignored(sig));
}

/* A signal nobody would act on is dropped when sent, unless blocked (it
 * may be unblocked after a new handler is set); so is a signal to init
 * that it has no handler for (Linux's SIGNAL_UNKILLABLE). */
static bool dropped_at_send(const struct process *p, const struct thread *t, int sig)
{
	const struct ksigaction *ka = &p->sighand->action[sig - 1];
	if ((t->sig_blocked | t->sig_real_blocked) & SIGBIT(sig))
		return false;                 /* blocked: kept, for init too (init_keeps_blocked_signals) */
	return (p->pid == INIT_PID && ka->handler == SIG_DFL) || handler_ignores(ka, sig);
}

/* A real-time signal's instance after the first, waiting in line. */
struct sigqueue {
	struct sigqueue *next;
	int sig;
	struct ksiginfo info;
};

/* Add an instance of sig: 0, or -EAGAIN when a real-time one cannot queue. */
static int pending_add(struct sigpending *sp, int sig, const struct ksiginfo *ki)
{
	if (!(sp->set & SIGBIT(sig))) {
		sp->set |= SIGBIT(sig);
		sp->info[sig - 1] = *ki;
		return 0;
	}
	if (sig < SIGRTMIN)
		return 0;                     /* a standard signal is pending once */
	struct sigqueue *q = sp->queued < SIGQUEUE_MAX ? kmalloc(sizeof(*q)) : NULL;
	if (!q)
		return -EAGAIN;
	*q = (struct sigqueue){ NULL, sig, *ki };
	struct sigqueue **pp = &sp->queue;
	while (*pp)
		pp = &(*pp)->next;
	*pp = q;
	sp->queued++;
	return 0;
}

/* Take sig's oldest instance; it stays pending while more are queued. */
static void pending_take(struct sigpending *sp, int sig, struct ksiginfo *ki)
{
	*ki = sp->info[sig - 1];
	for (struct sigqueue **pp = &sp->queue; *pp; pp = &(*pp)->next) {
		struct sigqueue *q = *pp;
		if (q->sig != sig)
			continue;
		sp->info[sig - 1] = q->info;
		*pp = q->next;
		sp->queued--;
		kfree(q);
		return;
	}
	sp->set &= ~SIGBIT(sig);
}

static void pending_flush(struct sigpending *sp, int sig)
{
	struct ksiginfo ki;
	while (sp->set & SIGBIT(sig))
		pending_take(sp, sig, &ki);
}

void sigpending_clear(struct sigpending *sp)
{
	while (sp->queue) {
		struct sigqueue *q = sp->queue;
		sp->queue = q->next;
		kfree(q);
	}
	sp->queued = 0;
	sp->set = 0;
}

/* A stopped process goes on: wait may report it, its threads wake. */
static void continue_process(struct process *p)
{
	p->stopped = false;
	p->stop_report = 0;
	p->cont_report = true;
	proc_notify_parent(p, CLD_CONTINUED, SIGCONT);
	wake_all(&p->stop_wait);
}

/* SIGCONT and the stop signals undo each other when sent, for the
 * process and every thread of it. Interrupts are off. */
static void stop_or_continue(struct process *p, int sig)
{
	kernel_sigset_t drop = (SIGBIT(sig) & SIG_DEFAULT_STOP) ? SIGBIT(SIGCONT)
		: sig == SIGCONT ? SIG_DEFAULT_STOP : 0;
	if (!drop)
		return;
	p->sig_pending.set &= ~drop;          /* standard signals: nothing queued */
	for (struct thread *t = p->threads; t; t = t->group_next)
		t->sig_pending.set &= ~drop;
	if (sig == SIGCONT && p->stopped)
		continue_process(p);
}

/* Queue sig for thread t (to_thread) or its process, waking t if it
 * sleeps and does not block sig: 0, or -EAGAIN when a real-time instance
 * cannot queue (kill's is lost silently). Interrupts off. */
static int send_locked(struct process *p, struct thread *t, int sig, const struct ksiginfo *ki,
		       bool to_thread)
{
	if (!sig || p->state != PROC_ALIVE || !t)
		return 0;
	stop_or_continue(p, sig);
	if (dropped_at_send(p, t, sig))
		return 0;
	int err = pending_add(to_thread ? &t->sig_pending : &p->sig_pending, sig, ki);
	if (!(t->sig_blocked & SIGBIT(sig)))
		sched_signal_wake(t);
	return ki->code == SI_USER ? 0 : err;
}

/* The thread a process-directed signal goes to: the first that does not
 * block it (any thread may then take it from the process's set), else the
 * first. NULL when none is left. Interrupts off. */
static struct thread *wanting_thread(struct process *p, int sig)
{
	for (struct thread *t = p->threads; t; t = t->group_next)
		if (!(t->sig_blocked & SIGBIT(sig)))
			return t;
	return p->threads;
}

int signal_send(struct process *p, int sig, const struct ksiginfo *ki, bool to_thread)
{
	if (sig < 0 || sig > SIGRTMAX)
		return -EINVAL;
	uint32_t f = irq_save();
	struct thread *t = current_thread();
	if (!to_thread || t->proc != p)
		t = to_thread ? p->threads : wanting_thread(p, sig);
	int err = send_locked(p, t, sig, ki, to_thread);
	irq_restore(f);
	return err;
}

int signal_send_thread(struct thread *t, int sig, const struct ksiginfo *ki)
{
	if (sig < 0 || sig > SIGRTMAX)
		return -EINVAL;
	uint32_t f = irq_save();
	int err = send_locked(t->proc, t, sig, ki, true);
	irq_restore(f);
	return err;
}

void signal_raise(int sig)
{
	struct process *p = current_process();
	signal_send(p, sig, &(struct ksiginfo){ .code = SI_USER, .pid = p->pid }, true);
}

static kernel_sigset_t ready_set(const struct thread *t)
{
	return (t->sig_pending.set | t->proc->sig_pending.set) & ~t->sig_blocked;
}

bool signal_pending_current(void)
{
	return ready_set(current_thread()) != 0;
}

bool signal_fatal_pending(const struct thread *t)
{
	return ((t->sig_pending.set | t->proc->sig_pending.set) & SIGBIT(SIGKILL)) != 0;
}

bool fatal_signal_pending_current(void)
{
	return signal_fatal_pending(current_thread());
}

static int lowest(kernel_sigset_t set)
{
	uint32_t lo = (uint32_t)set;
	return lo ? __builtin_ctz(lo) + 1 : __builtin_ctz((uint32_t)(set >> 32)) + 33;
}

/* Take the next signal of mask: the thread's own first, faults before
 * others, then the lowest number; 0 if none. Interrupts are off. */
static int dequeue_mask(struct thread *t, kernel_sigset_t mask, struct ksiginfo *ki)
{
	struct sigpending *sp = &t->sig_pending;
	kernel_sigset_t ready = sp->set & mask;
	if (!ready) {
		sp = &t->proc->sig_pending;
		ready = sp->set & mask;
	}
	if (!ready)
		return 0;
	int sig = lowest((ready & SIG_SYNCHRONOUS) ? ready & SIG_SYNCHRONOUS : ready);
	pending_take(sp, sig, ki);
	return sig;
}

/* Take the next signal to act on: 0 if none. Interrupts are off. */
static int dequeue(struct thread *t, struct ksiginfo *ki)
{
	return dequeue_mask(t, ~t->sig_blocked, ki);
}

static const char *fault_name(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGILL:  return "SIGILL";
	case SIGFPE:  return "SIGFPE";
	case SIGTRAP: return "SIGTRAP";
	case SIGBUS:  return "SIGBUS";
	default:      return "signal";
	}
}

void signal_fault(struct trapframe *tf, int sig, int code, uint32_t addr)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	t->fault_trapno = tf->vector;
	t->fault_error = tf->error;
	if (tf->vector == TRAP_PF)
		t->fault_cr2 = addr;
	const struct ksigaction *ka = &p->sighand->action[sig - 1];
	/* Blocked or ignored, a fault cannot be left pending: it kills. */
	if (ka->handler == SIG_DFL || ka->handler == SIG_IGN || (t->sig_blocked & SIGBIT(sig))) {
		pr_info("pid %d (%s): %s at eip %08x, address %08x: killed\n", p->pid, p->exe,
			fault_name(sig), tf->eip, addr);
		proc_kill_self(sig);
	}
	uint32_t f = irq_save();
	pending_flush(&t->sig_pending, sig);
	pending_add(&t->sig_pending, sig, &(struct ksiginfo){ .code = code, .addr = addr });
	irq_restore(f);
}

/* A system call that a signal interrupted: restarted (back over the int
 * $0x80, the number in eax again) or failed with EINTR, by Linux's rules;
 * ka is the handler about to run, NULL if none. */
static void syscall_restart(struct trapframe *tf, struct thread *t, const struct ksigaction *ka)
{
	if (t->syscall_nr < 0 || tf->vector != TRAP_SYSCALL)
		return;
	int32_t r = (int32_t)tf->eax;
	bool restart;
	if (r == -ERESTARTNOINTR)
		restart = true;
	else if (r == -ERESTARTSYS)
		restart = !ka || (ka->flags & SA_RESTART);
	else if (r == -ERESTARTNOHAND)
		restart = !ka;
	else {
		t->syscall_nr = -1;
		return;
	}
	if (restart) {
		tf->eax = (uint32_t)t->syscall_nr;
		tf->eip -= SYSCALL_INSN_SIZE;
	} else {
		tf->eax = (uint32_t)-EINTR;
	}
	t->syscall_nr = -1;
}

static void handle_signal(struct trapframe *tf, struct thread *t, int sig, const struct ksiginfo *ki)
{
	struct ksigaction *ka = &t->proc->sighand->action[sig - 1];
	/* After rt_sigsuspend the handler's sigreturn brings the old mask back. */
	kernel_sigset_t old = t->sig_restore_saved ? t->sig_saved : t->sig_blocked;
	t->sig_restore_saved = false;
	syscall_restart(tf, t, ka);
	sti();                            /* the copies may fault pages in */
	int err = signal_frame_setup(tf, t, sig, ki, ka, old);
	cli();
	if (err) {
		pr_info("pid %d (%s): no room for a signal frame at %08x: killed\n",
			t->proc->pid, t->proc->exe, tf->user_esp);
		proc_kill_self(SIGSEGV);
	}
	kernel_sigset_t block = ka->mask | ((ka->flags & SA_NODEFER) ? 0 : SIGBIT(sig));
	t->sig_blocked = (old | block) & ~SIG_UNBLOCKABLE;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
	fpu_reset(t);
}

/* While its process is stopped a thread sleeps here, on its way to user
 * mode, until SIGCONT, a SIGKILL or the group's end. Interrupts are off. */
static void stop_park(struct thread *t)
{
	struct process *p = t->proc;
	while (p->stopped && !p->group_exiting && !(ready_set(t) & SIGBIT(SIGKILL)))
		wait_sleep_intr(&p->stop_wait);
}

/* A stop signal's default action: the process stops, its parent hears
 * of it, and its thread sleeps here until SIGCONT (continue_process) or
 * a SIGKILL comes. In an orphaned group only SIGSTOP stops: nobody would
 * be there to continue it (POSIX; Linux discards the others). Interrupts
 * are off. */
static void do_stop(struct thread *t, int sig)
{
	struct process *p = t->proc;
	if (sig != SIGSTOP && pgrp_orphaned_without(p->pgid, NULL))
		return;
	p->stopped = true;
	p->stop_report = sig;
	p->cont_report = false;
	proc_notify_parent(p, CLD_STOPPED, sig);
	for (struct thread *o = p->threads; o; o = o->group_next)
		sched_signal_wake(o);             /* the others park on their way out */
	stop_park(t);
}


void signal_deliver(struct trapframe *tf)
{
	struct thread *t = current_thread();
	bool handled = false;
	struct ksiginfo ki;
	int sig;
	if (t->proc->stopped)
		stop_park(t);                     /* another thread stopped the process */
	while (ready_set(t) && (sig = dequeue(t, &ki))) {     /* the cheap test first */
		const struct ksigaction *ka = &t->proc->sighand->action[sig - 1];
		if (handler_ignores(ka, sig) || (ka->handler == SIG_DFL && t->proc->pid == INIT_PID))
			continue;                 /* init takes no default action, even once unblocked */
		if (ka->handler == SIG_DFL && (SIGBIT(sig) & SIG_DEFAULT_STOP)) {
			do_stop(t, sig);
			continue;
		}
		if (ka->handler == SIG_DFL)
			proc_kill_self(sig);
		handle_signal(tf, t, sig, &ki);
		handled = true;
	}
	if (!handled)
		syscall_restart(tf, t, NULL);
	if (t->sig_restore_saved) {
		t->sig_blocked = t->sig_saved;
		t->sig_restore_saved = false;
	}
}

void signal_set_blocked(struct thread *t, kernel_sigset_t mask)
{
	uint32_t f = irq_save();
	t->sig_blocked = mask & ~SIG_UNBLOCKABLE;
	irq_restore(f);
}

void signal_siginfo_fill(siginfo_t *si, int sig, const struct ksiginfo *ki)
{
	memset(si, 0, sizeof(*si));
	si->si_signo = sig;
	si->si_code = ki->code;
	if (SIGBIT(sig) & SIG_SYNCHRONOUS)
		si->u.fault.addr = ki->addr;
	else if (sig == SIGCHLD)
		si->u.chld = (typeof(si->u.chld)){ .pid = ki->pid, .status = ki->status };
	else if (ki->code == SI_TIMER)
		si->u.timer = (typeof(si->u.timer)){ ki->pid, ki->status, ki->value };
	else
		si->u.rt = (typeof(si->u.rt)){ .pid = ki->pid, .value = ki->value };
}

/* --- inheritance --- */

int sighand_new(struct process *p)
{
	p->sighand = kzalloc(sizeof(*p->sighand));
	if (!p->sighand)
		return -ENOMEM;
	p->sighand->users = 1;
	return 0;
}

void sighand_put(struct process *p)
{
	struct sighand *sh = p->sighand;
	if (!sh)
		return;
	uint32_t f = irq_save();
	bool last = --sh->users == 0;
	p->sighand = NULL;
	irq_restore(f);
	if (last)
		kfree(sh);
}

void signal_fork(struct process *child, struct thread *ct, const struct thread *pt, bool share)
{
	struct sighand *sh = pt->proc->sighand;
	if (share) {
		sighand_put(child);               /* its fresh table: the caller's instead */
		uint32_t f = irq_save();
		sh->users++;
		child->sighand = sh;
		irq_restore(f);
	} else {
		memcpy(child->sighand->action, sh->action, sizeof(sh->action));
	}
	ct->sig_blocked = pt->sig_blocked;
	ct->sas_sp = pt->sas_sp;
	ct->sas_size = pt->sas_size;
}

int signal_exec_unshare(void)
{
	struct process *p = current_process();
	struct sighand *old = p->sighand;
	if (old->users == 1)                      /* only a clone of ours adds users */
		return 0;
	struct sighand *sh = kmalloc(sizeof(*sh));
	if (!sh)
		return -ENOMEM;
	uint32_t f = irq_save();
	*sh = *old;
	sh->users = 1;
	old->users--;
	p->sighand = sh;
	irq_restore(f);
	return 0;
}

void signal_exec(struct process *p)
{
	for (int i = 0; i < SIGRTMAX; i++) {
		struct ksigaction *ka = &p->sighand->action[i];
		uint32_t h = ka->handler == SIG_IGN ? SIG_IGN : SIG_DFL;
		*ka = (struct ksigaction){ .handler = h };
	}
	current_thread()->sas_sp = current_thread()->sas_size = 0;
}

/* --- what the system calls change (proc/sys_signal.c) --- */

int signal_action(int sig, const struct ksigaction *act, struct ksigaction *old)
{
	if (sig < 1 || sig > SIGRTMAX || (act && (SIGBIT(sig) & SIG_UNBLOCKABLE)))
		return -EINVAL;
	struct process *p = current_process();
	uint32_t f = irq_save();
	struct ksigaction *ka = &p->sighand->action[sig - 1];
	*old = *ka;
	if (act) {
		*ka = *act;
		ka->flags &= UAPI_SA_FLAGS;
		ka->mask &= ~SIG_UNBLOCKABLE;
		/* Ignoring a signal discards what is pending of it (POSIX). */
		if (handler_ignores(ka, sig)) {
			pending_flush(&p->sig_pending, sig);
			for (struct thread *t = p->threads; t; t = t->group_next)
				pending_flush(&t->sig_pending, sig);
		}
	}
	irq_restore(f);
	return 0;
}

int signal_mask_change(int how, kernel_sigset_t set, kernel_sigset_t keep)
{
	struct thread *t = current_thread();
	kernel_sigset_t m = t->sig_blocked;
	if (how == SIG_BLOCK)
		m |= set;
	else if (how == SIG_UNBLOCK)
		m &= ~set;
	else if (how == SIG_SETMASK)
		m = (m & keep) | (set & ~keep);
	else
		return -EINVAL;
	signal_set_blocked(t, m);
	return 0;
}

long signal_suspend(const kernel_sigset_t *mask)
{
	struct thread *t = current_thread();
	if (mask) {
		t->sig_saved = t->sig_blocked;
		t->sig_restore_saved = true;
		signal_set_blocked(t, *mask);
	}
	uint32_t f = irq_save();
	while (!signal_pending_current())
		wait_sleep_intr(NULL);
	irq_restore(f);
	return -ERESTARTNOHAND;
}

kernel_sigset_t signal_blocked_pending(void)
{
	struct thread *t = current_thread();
	uint32_t f = irq_save();
	kernel_sigset_t s = (t->sig_pending.set | t->proc->sig_pending.set) & t->sig_blocked;
	irq_restore(f);
	return s;
}

/* The sleep of signal_wait, with these let through (and kept from being
 * dropped as ignored: sig_real_blocked): true if the time ran out. */
static bool wait_for(struct thread *t, kernel_sigset_t these, const uint64_t *ticks)
{
	t->sig_real_blocked = t->sig_blocked;
	t->sig_blocked &= ~these;
	bool timed_out = false;
	if (ticks)
		timed_out = sleep_ticks_intr(*ticks);
	else if (!signal_pending_current())
		wait_sleep_intr(NULL);
	t->sig_blocked = t->sig_real_blocked;
	t->sig_real_blocked = 0;
	return timed_out;
}

long signal_wait(kernel_sigset_t these, const uint64_t *ticks, struct ksiginfo *ki)
{
	struct thread *t = current_thread();
	these &= ~SIG_UNBLOCKABLE;
	uint32_t f = irq_save();
	int sig = dequeue_mask(t, these, ki);
	bool timed_out = ticks && *ticks == 0;
	if (!sig && !timed_out) {
		timed_out = wait_for(t, these, ticks);
		sig = dequeue_mask(t, these, ki);
	}
	irq_restore(f);
	return sig ? sig : timed_out ? -EAGAIN : -EINTR;
}
