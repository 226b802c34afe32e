/*
 * signal.c - sending, blocking and delivering signals, with Linux i386's
 * semantics and frames.
 *
 * A signal sent to a process (kill) waits in the process's pending set, one
 * sent to a thread (tkill, a fault) in the thread's; each thread has its
 * own blocked mask. Whatever is pending and not blocked is acted on when
 * the thread goes back to user mode (signal_deliver, from the end of
 * trap_dispatch): the thread's own signals first, synchronous ones (faults)
 * before others, then the lowest number. The default action terminates the
 * process (the wait status holds the signal; no core file is written, so,
 * as Linux without one, the 0x80 bit stays clear), ignores it (SIGCHLD,
 * SIGURG, SIGWINCH, SIGCONT), or stops it (SIGSTOP, SIGTSTP, SIGTTIN,
 * SIGTTOU): its thread sleeps in signal_deliver until a SIGCONT or SIGKILL
 * is sent. Sending SIGCONT continues the process and discards pending stop
 * signals, sending a stop signal discards a pending SIGCONT, whatever the
 * handlers and masks (Linux's prepare_signal).
 *
 * A handler gets the frame Linux i386 builds (uapi/sigcontext.h): an
 * rt_sigframe for SA_SIGINFO handlers, a sigframe for the others (glibc
 * gives those a restorer that calls sigreturn), with the FPU state below
 * it, on the alternate stack when SA_ONSTACK asks and one is set. The
 * handler starts with a fresh FPU. sigreturn and rt_sigreturn take back
 * only what user space may set: the flat user code and stack segments,
 * data selectors with RPL 3, the arithmetic flags (never IF, IOPL or VM).
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
#define FPSTATE_ALIGN     64          /* Linux aligns the FXSAVE image so */
#define FRAME_ALIGN       16          /* the frame, + 4: as if just called */
/* Only these flags come back from a sigcontext (Linux's FIX_EFLAGS). */
#define FIX_EFLAGS (EFLAGS_CF | EFLAGS_PF | EFLAGS_AF | EFLAGS_ZF | EFLAGS_SF | \
		    EFLAGS_TF | EFLAGS_DF | EFLAGS_OF | EFLAGS_RF | EFLAGS_AC)
#define HANDLER_CLEAR_EFLAGS (EFLAGS_DF | EFLAGS_RF | EFLAGS_TF)

/* movl $__NR_rt_sigreturn, %eax; int $0x80 - and popl %eax first for
 * sigreturn: what pretcode points at when there is no SA_RESTORER. */
static const uint8_t rt_retcode[SIGFRAME_RETCODE_SIZE] = {
	0xb8, __NR_rt_sigreturn & 0xff, __NR_rt_sigreturn >> 8, 0, 0, 0xcd, 0x80, 0 };
static const uint8_t retcode[SIGFRAME_RETCODE_SIZE] = {
	0x58, 0xb8, __NR_sigreturn & 0xff, __NR_sigreturn >> 8, 0, 0, 0xcd, 0x80 };

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
	const struct ksigaction *ka = &p->sig_action[sig - 1];
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
	const struct ksigaction *ka = &p->sig_action[sig - 1];
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

/* --- the frames --- */

static bool on_alt_stack(const struct thread *t, uint32_t sp)
{
	return sp > t->sas_sp && sp - t->sas_sp <= t->sas_size;
}

static int alt_stack_flags(const struct thread *t, uint32_t sp)
{
	if (!t->sas_size)
		return SS_DISABLE;
	return on_alt_stack(t, sp) ? SS_ONSTACK : 0;
}

void signal_altstack_get(const struct thread *t, uint32_t sp, stack_t *ss)
{
	*ss = (stack_t){ .ss_sp = t->sas_sp, .ss_flags = alt_stack_flags(t, sp),
			 .ss_size = t->sas_size };
}

/* Where a frame of size bytes goes (*fp: its FPU state): below the user's
 * stack or at the top of the alternate stack, aligned as Linux does
 * (get_sigframe, fpu__alloc_mathframe, align_sigframe). 0: no room. */
static uint32_t frame_place(const struct trapframe *tf, const struct thread *t,
			    const struct ksigaction *ka, uint32_t size, uint32_t *fp)
{
	uint32_t sp = tf->user_esp;
	bool onstack = (ka->flags & SA_ONSTACK) && alt_stack_flags(t, sp) == 0;
	if (onstack)
		sp = t->sas_sp + t->sas_size;
	uint32_t buf_fx = (sp - FPSTATE_FXSR_SIZE) & ~(FPSTATE_ALIGN - 1);
	*fp = buf_fx - FPSTATE_FSAVE_SIZE;
	uint32_t frame = ((*fp - size + 4) & ~(FRAME_ALIGN - 1)) - 4;
	if (onstack && !on_alt_stack(t, frame))
		return 0;                     /* the alternate stack overflowed */
	return frame;
}

static void sigcontext_fill(struct sigcontext *sc, const struct trapframe *tf,
			    const struct thread *t, uint32_t fp, kernel_sigset_t mask)
{
	*sc = (struct sigcontext){
		.gs = (uint16_t)tf->gs, .fs = (uint16_t)tf->fs, .es = (uint16_t)tf->es,
		.ds = (uint16_t)tf->ds, .di = tf->edi, .si = tf->esi, .bp = tf->ebp,
		.sp = tf->user_esp, .bx = tf->ebx, .dx = tf->edx, .cx = tf->ecx, .ax = tf->eax,
		.trapno = t->fault_trapno, .err = t->fault_error, .ip = tf->eip,
		.cs = (uint16_t)tf->cs, .flags = tf->eflags, .sp_at_signal = tf->user_esp,
		.ss = (uint16_t)tf->user_ss, .fpstate = fp, .oldmask = (uint32_t)mask,
		.cr2 = t->fault_cr2,
	};
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

/* The FPU state at fp, then the frame at frame: 0 or -EFAULT. */
static int frame_write(struct thread *t, uint32_t fp, uint32_t frame, const void *f, size_t n)
{
	struct fpstate fps;
	fpu_to_sigframe(t, &fps);
	if (copy_to_user(USER_PTR(fp), &fps, sizeof(fps)) || copy_to_user(USER_PTR(frame), f, n))
		return -EFAULT;
	return 0;
}

/* The registers the handler starts with. */
static void enter_handler(struct trapframe *tf, const struct ksigaction *ka, uint32_t frame)
{
	tf->user_esp = frame;
	tf->eip = ka->handler;
	tf->ds = tf->es = tf->user_ss = SEL_UDATA;
	tf->cs = SEL_UCODE;
	tf->eflags &= ~HANDLER_CLEAR_EFLAGS;
}

static int setup_rt_frame(struct trapframe *tf, struct thread *t, int sig,
			  const struct ksiginfo *ki, const struct ksigaction *ka, kernel_sigset_t mask)
{
	uint32_t fp, at = frame_place(tf, t, ka, sizeof(struct rt_sigframe), &fp);
	if (!at)
		return -EFAULT;
	struct rt_sigframe f = {
		.pretcode = (ka->flags & SA_RESTORER) ? ka->restorer : at + offsetof(struct rt_sigframe, retcode),
		.sig = sig, .pinfo = at + offsetof(struct rt_sigframe, info),
		.puc = at + offsetof(struct rt_sigframe, uc),
	};
	signal_siginfo_fill(&f.info, sig, ki);
	signal_altstack_get(t, tf->user_esp, &f.uc.uc_stack);
	sigcontext_fill(&f.uc.uc_mcontext, tf, t, fp, mask);
	f.uc.uc_sigmask = mask;
	memcpy(f.retcode, rt_retcode, sizeof(f.retcode));
	if (frame_write(t, fp, at, &f, sizeof(f)))
		return -EFAULT;
	enter_handler(tf, ka, at);
	tf->eax = (uint32_t)sig;
	tf->edx = f.pinfo;
	tf->ecx = f.puc;
	return 0;
}

static int setup_frame(struct trapframe *tf, struct thread *t, int sig,
		       const struct ksigaction *ka, kernel_sigset_t mask)
{
	uint32_t fp, at = frame_place(tf, t, ka, sizeof(struct sigframe), &fp);
	if (!at)
		return -EFAULT;
	struct sigframe f;
	memset(&f, 0, sizeof(f));
	f.pretcode = (ka->flags & SA_RESTORER) ? ka->restorer : at + offsetof(struct sigframe, retcode);
	f.sig = sig;
	sigcontext_fill(&f.sc, tf, t, fp, mask);
	f.extramask[0] = (uint32_t)(mask >> 32);
	memcpy(f.retcode, retcode, sizeof(f.retcode));
	if (frame_write(t, fp, at, &f, sizeof(f)))
		return -EFAULT;
	enter_handler(tf, ka, at);
	tf->eax = (uint32_t)sig;
	tf->edx = tf->ecx = 0;
	return 0;
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
	struct ksigaction *ka = &t->proc->sig_action[sig - 1];
	/* After rt_sigsuspend the handler's sigreturn brings the old mask back. */
	kernel_sigset_t old = t->sig_restore_saved ? t->sig_saved : t->sig_blocked;
	t->sig_restore_saved = false;
	syscall_restart(tf, t, ka);
	sti();                            /* the copies may fault pages in */
	int err = (ka->flags & SA_SIGINFO) ? setup_rt_frame(tf, t, sig, ki, ka, old)
					   : setup_frame(tf, t, sig, ka, old);
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
	while ((sig = dequeue(t, &ki))) {
		const struct ksigaction *ka = &t->proc->sig_action[sig - 1];
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

/* --- sigreturn --- */

/* The registers from a sigcontext, if user space may have them: 0, -EPERM
 * when cs or ss is not the flat user segment, -EFAULT if the FPU state
 * cannot be read. */
static int restore_sigcontext(struct trapframe *tf, struct thread *t, const struct sigcontext *sc)
{
	if ((sc->cs | RPL_USER) != SEL_UCODE || (sc->ss | RPL_USER) != SEL_UDATA)
		return -EPERM;
	struct fpstate fps;
	if (sc->fpstate && copy_from_user(&fps, USER_PTR(sc->fpstate), sizeof(fps)))
		return -EFAULT;
	tf->gs = sc->gs | RPL_USER;           /* an unusable one is nulled at iret */
	tf->fs = sc->fs | RPL_USER;
	tf->es = sc->es | RPL_USER;
	tf->ds = sc->ds | RPL_USER;
	tf->edi = sc->di, tf->esi = sc->si, tf->ebp = sc->bp, tf->user_esp = sc->sp;
	tf->ebx = sc->bx, tf->edx = sc->dx, tf->ecx = sc->cx, tf->eax = sc->ax;
	tf->eip = sc->ip;
	tf->cs = SEL_UCODE;
	tf->user_ss = SEL_UDATA;
	tf->eflags = (tf->eflags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS);
	if (sc->fpstate)
		fpu_from_sigframe(t, &fps);
	else
		fpu_reset(t);
	t->syscall_nr = -1;                   /* eax is the interrupted code's, not a result */
	return 0;
}

static void set_blocked(struct thread *t, kernel_sigset_t mask)
{
	uint32_t f = irq_save();
	t->sig_blocked = mask & ~SIG_UNBLOCKABLE;
	irq_restore(f);
}

/* A frame that cannot be read: SIGSEGV, as Linux's badframe. One that
 * names a code or stack segment user space may not have: SIGILL, what
 * Linux i386 sends when the iret to it fails (do_iret_error). */
static long bad_frame(struct trapframe *tf, int err)
{
	if (err == -EPERM)
		signal_fault(tf, SIGILL, ILL_BADSTK, 0);
	else
		signal_fault(tf, SIGSEGV, SI_KERNEL, 0);
	return (long)tf->eax;
}

long sys_rt_sigreturn(void)
{
	struct thread *t = current_thread();
	struct trapframe *tf = t->tf;
	struct rt_sigframe local;
	if (copy_from_user(&local, USER_PTR(tf->user_esp - 4), sizeof(local)))
		return bad_frame(tf, -EFAULT);
	set_blocked(t, local.uc.uc_sigmask);
	int err = restore_sigcontext(tf, t, &local.uc.uc_mcontext);
	if (err)
		return bad_frame(tf, err);
	stack_t ss = local.uc.uc_stack;
	signal_altstack_set(t, &ss, tf->user_esp);    /* errors ignored, as Linux */
	return (long)tf->eax;
}

long sys_sigreturn(void)
{
	struct thread *t = current_thread();
	struct trapframe *tf = t->tf;
	struct sigcontext sc;
	uint32_t extramask;
	uint32_t at = tf->user_esp - 8;       /* pretcode and sig were popped */
	if (copy_from_user(&sc, USER_PTR(at + offsetof(struct sigframe, sc)), sizeof(sc)) ||
	    copy_from_user(&extramask, USER_PTR(at + offsetof(struct sigframe, extramask)),
			   sizeof(extramask)))
		return bad_frame(tf, -EFAULT);
	set_blocked(t, sc.oldmask | (kernel_sigset_t)extramask << 32);
	int err = restore_sigcontext(tf, t, &sc);
	if (err)
		return bad_frame(tf, err);
	return (long)tf->eax;
}

/* --- inheritance --- */

void signal_fork(struct process *child, struct thread *ct, const struct thread *pt)
{
	memcpy(child->sig_action, pt->proc->sig_action, sizeof(child->sig_action));
	ct->sig_blocked = pt->sig_blocked;
	ct->sas_sp = pt->sas_sp;
	ct->sas_size = pt->sas_size;
}

void signal_exec(struct process *p)
{
	for (int i = 0; i < SIGRTMAX; i++) {
		struct ksigaction *ka = &p->sig_action[i];
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
	struct ksigaction *ka = &p->sig_action[sig - 1];
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
	set_blocked(t, m);
	return 0;
}

long signal_suspend(const kernel_sigset_t *mask)
{
	struct thread *t = current_thread();
	if (mask) {
		t->sig_saved = t->sig_blocked;
		t->sig_restore_saved = true;
		set_blocked(t, *mask);
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

int signal_altstack_set(struct thread *t, const stack_t *ss, uint32_t sp)
{
	if (on_alt_stack(t, sp))
		return -EPERM;
	if (ss->ss_flags != 0 && ss->ss_flags != SS_ONSTACK && ss->ss_flags != SS_DISABLE)
		return -EINVAL;               /* SS_AUTODISARM too: not implemented */
	if (ss->ss_flags == SS_DISABLE) {
		t->sas_sp = t->sas_size = 0;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	t->sas_sp = ss->ss_sp;
	t->sas_size = ss->ss_size;
	return 0;
}
