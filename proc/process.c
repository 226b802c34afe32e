/*
 * process.c - processes: spawn, exit, wait, and death by signal.
 *
 * The spawner only does bookkeeping (pid, parent, descriptors) and checks
 * the file; the new process's own thread builds its address space
 * (exec_start). Ending is the mirror image: the dying thread frees its user
 * memory from inside its own space, moves to the kernel's, drops the
 * directory, and leaves a zombie for the parent's wait.
 */
#include "proc/thread_internal.h"
#include "proc/exec.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "kernel/console.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/wait.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "kernel/panic.h"
#include "mm/kheap.h"
#include "mm/uvm.h"
#include "tty/tty.h"

static struct process *procs;         /* irq-off: every process but the kernel's */
static uint32_t nprocs;               /* irq-off */

uint32_t proc_count(void) { return nprocs; }

static void process_thread(void *arg)
{
	exec_start(arg);
}

/* A process's pid is its first thread's tid, as on Linux (gettid == getpid). */
struct process *process_new(struct process *parent, int pid)
{
	struct process *p = kzalloc(sizeof(*p));
	struct wait_queue *wq = kzalloc(sizeof(*wq));
	/* The creator's credentials, not the parent's: with CLONE_PARENT they
	 * differ (clone_parent_took_the_grandparents_credentials). */
	if (!p || !wq || sighand_new(p) || cred_copy(&p->cred, &current_process()->cred)) {
		if (p)
			sighand_put(p);
		kfree(p);
		kfree(wq);
		return NULL;
	}
	p->child_exit = wq;
	p->parent = parent;
	p->pgid = parent->pgid;              /* fork keeps the group and session */
	p->sid = parent->sid;
	p->state = PROC_ALIVE;
	p->exit_signal = SIGCHLD;
	p->parent_exec_id = parent->self_exec_id;
	p->vm = vmm_kernel_space();          /* until its thread makes its own */
	uint32_t f = irq_save();
	p->pid = pid;
	p->next = procs;
	procs = p;
	nprocs++;
	irq_restore(f);
	return p;
}

struct process *process_find(int pid)
{
	KASSERT(!irqs_enabled());
	for (struct process *p = procs; p; p = p->next)
		if (p->pid == pid)
			return p;
	return NULL;
}

struct thread *thread_find(int tid)
{
	KASSERT(!irqs_enabled());
	for (struct process *p = procs; p; p = p->next)
		for (struct thread *t = p->threads; t; t = t->group_next)
			if (t->tid == tid)
				return t;
	return NULL;
}

void process_for_each(void (*fn)(struct process *, void *), void *arg)
{
	KASSERT(!irqs_enabled());
	for (struct process *p = procs; p; p = p->next)
		fn(p, arg);
}

void process_free(struct process *p)
{
	uint32_t f = irq_save();
	for (struct process **pp = &procs; *pp; pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	nprocs--;
	irq_restore(f);
	sigpending_clear(&p->sig_pending);
	sighand_put(p);
	cred_free(&p->cred);
	kfree(p->child_exit);
	kfree(p);
}

int proc_spawn(const char *path, char *const argv[], char *const envp[], struct file *stdio[3])
{
	struct exec_args *a;
	int err = exec_prepare(path, argv, envp, &a);
	if (err)
		return err;
	struct thread *t = thread_alloc(a->argv[0][0] ? a->argv[0] : path);   /* argc >= 1 */
	struct process *p = t ? process_new(current_process(), t->tid) : NULL;
	if (p && (fd_table_stdio(p, stdio) || fs_fork(p, current_process(), false))) {
		files_release(p);
		process_free(p);
		p = NULL;
	}
	if (!p) {
		if (t)
			thread_free(t);
		exec_args_free(a);
		return -ENOMEM;
	}
	strlcpy(p->exe, a->path, sizeof(p->exe));
	proc_set_comm(t, a->path);
	p->threads = t;
	p->nthreads = 1;
	t->proc = p;
	int pid = p->pid;
	thread_start(t, process_thread, a);
	return pid;
}

/* si_code and si_status of a child that ended with wait status status. */
static void exit_result(int pid, int status, struct wait_result *r)
{
	int sig = status & WTERMSIG_MASK;
	r->pid = pid;
	r->status = status;
	r->code = !sig ? CLD_EXITED : (status & WCOREFLAG) ? CLD_DUMPED : CLD_KILLED;
	r->si_status = sig ? sig : (status >> WEXIT_CODE_SHIFT) & WEXIT_CODE_MASK;
}

/* Tell p's parent with signal sig (0: none) and wake its wait. A child's
 * end carries si_status in whatever exit signal it has: Linux fills the
 * same union words whatever the signal (si_value's for the others). */
static void notify_parent_with(struct process *p, int sig, int code, int status)
{
	struct process *parent = p->parent;
	if (parent != &kernel_process && sig) {
		struct ksiginfo ki = { .code = code, .pid = p->pid, .status = status, .value = (uint32_t)status };
		signal_send(parent, sig, &ki, false);
	}
	wake_all(parent->child_exit);
}

void proc_notify_parent(struct process *p, int code, int status)
{
	const struct ksigaction *ka = &p->parent->sighand->action[SIGCHLD - 1];
	bool quiet = (code == CLD_STOPPED || code == CLD_CONTINUED) && (ka->flags & SA_NOCLDSTOP);
	notify_parent_with(p, quiet ? 0 : SIGCHLD, code, status);
}

/* p has ended: its exit signal to the parent; true if nobody will wait
 * for it (the signal is SIGCHLD and the parent ignores it or set
 * SA_NOCLDWAIT: Linux's autoreap; or it is an orphan of the kernel's).
 * A parent that has exec'd since the fork gets SIGCHLD whatever the
 * exit signal was (Linux's do_notify_parent). Interrupts are off. */
static bool notify_exit(struct process *p)
{
	struct wait_result r;
	exit_result(p->pid, p->exit_status, &r);
	if (p->parent_exec_id != p->parent->self_exec_id)
		p->exit_signal = SIGCHLD;
	notify_parent_with(p, p->exit_signal, r.code, r.si_status);
	if (p->parent == &kernel_process)
		return p->orphan;
	const struct ksigaction *ka = &p->parent->sighand->action[SIGCHLD - 1];
	return p->exit_signal == SIGCHLD && (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT));
}

/* A group that p's leaving orphans, with stopped members, gets SIGHUP and
 * SIGCONT (POSIX; Linux's kill_orphaned_pgrp): nobody else could continue
 * them. parent was member's link outside the group; ignored is the one
 * leaving (neither a member nor a link any more). Interrupts are off. */
static void hangup_orphaned_pgrp(const struct process *member, const struct process *parent,
				 const struct process *ignored)
{
	if (parent->pgid == member->pgid || parent->sid != member->sid)
		return;
	int pgid = member->pgid;
	if (!pgrp_orphaned_without(pgid, ignored) || !pgrp_has_stopped(pgid))
		return;
	struct ksiginfo ki = { .code = SI_KERNEL };
	pgrp_signal(pgid, SIGHUP, &ki);
	pgrp_signal(pgid, SIGCONT, &ki);
}

/* Who adopts p's children: init, unless init is what is ending (or is
 * gone), then the kernel, which frees them when they end. */
static struct process *reaper_for(const struct process *p)
{
	struct process *init = process_find(INIT_PID);
	return init && init != p && init->state == PROC_ALIVE ? init : &kernel_process;
}

/* p's children go to the reaper, zombies included (init is told of them
 * and reaps them; the kernel frees them now). Interrupts are off. */
static void orphan_children(struct process *p)
{
	struct process *reaper = reaper_for(p);
	for (struct process *c = procs, *next; c; c = next) {
		next = c->next;
		if (c->parent != p)
			continue;
		c->parent = reaper;
		c->parent_exec_id = reaper->self_exec_id;
		c->exit_signal = SIGCHLD;         /* nobody slays init with another (Linux) */
		c->orphan = reaper == &kernel_process;
		if (c->state == PROC_ALIVE && c->pdeath_signal) {
			struct ksiginfo ki = { .code = SI_USER, .pid = p->pid };
			signal_send(c, c->pdeath_signal, &ki, false);
		}
		if (c->state == PROC_ALIVE)
			hangup_orphaned_pgrp(c, p, p);
		else if (notify_exit(c))
			process_free(c);
	}
}

void proc_mm_release(struct process *p, struct vm_space *next)
{
	struct mm *mm = p->mm;
	struct vm_space *vm = p->vm;
	bool last = true;
	if (mm) {
		sleeplock_acquire(&mm->lock);
		last = --mm->users == 0;
		sleeplock_release(&mm->lock);
		if (last)
			mm_destroy(mm);            /* from inside: the self-map */
		p->mm = NULL;
	}
	if (vm == next)
		return;
	/* p->vm first: a preemption in between must not switch back in. */
	p->vm = next;
	vmm_space_switch(next);
	if (last && vm != vmm_kernel_space())
		vmm_space_destroy(vm);
}

/* The last thread of p is leaving: the descriptors and the memory go,
 * the parent may run again if it vforked p, and p becomes a zombie. */
void process_end(struct process *p)
{
	files_release(p);
	fs_release(p);
	proc_mm_release(p, vmm_kernel_space());
	proc_vfork_release(p);
	timer_exit(p, false);
	if (p->sid == p->pid)
		tty_session_leader_exit(p->sid);  /* Linux's disassociate_ctty(1) */
	cli();
	p->stopped = false;                   /* before the checks: it is no stopped job */
	orphan_children(p);
	hangup_orphaned_pgrp(p, p->parent, p);
	p->state = PROC_ZOMBIE;
	if (notify_exit(p))
		process_free(p);                  /* nothing below touches p */
	thread_exit();
}

int proc_wait(int pid, int *status)
{
	struct wait_result r = { 0 };
	int got = proc_wait_opts(P_PID, pid, WEXITED, &r);
	if (got > 0 && status)
		*status = r.status;
	return got;
}

/* waitid's selection: P_PID that child, P_ALL any, P_PGID any of group
 * id (0: the caller's group). A child whose exit signal is not SIGCHLD
 * is seen with __WCLONE only, the others without it; __WALL sees all. */
static bool child_matches(const struct process *c, int which, int id, int options,
			  const struct process *me)
{
	if (c->parent != me)
		return false;
	if (!(options & __WALL) && (c->exit_signal != SIGCHLD) != !!(options & __WCLONE))
		return false;
	if (which == P_PID)
		return c->pid == id;
	if (which == P_PGID)
		return c->pgid == (id ? id : me->pgid);
	return true;
}

/* What c has to report under options, into *r (interrupts off): an end
 * (WEXITED), a stop (WSTOPPED) or a continue (WCONTINUED), each stop and
 * continue reported once unless WNOWAIT. */
static bool child_report(struct process *c, int options, struct wait_result *r)
{
	bool keep = options & WNOWAIT;
	if (c->state == PROC_ZOMBIE) {
		if (!(options & WEXITED))
			return false;
		exit_result(c->pid, c->exit_status, r);
	} else if ((options & WSTOPPED) && c->stop_report) {
		*r = (struct wait_result){ .pid = c->pid, .code = CLD_STOPPED, .si_status = c->stop_report,
					   .status = (c->stop_report << WEXIT_CODE_SHIFT) | WSTOPPED_LOW };
		c->stop_report = keep ? c->stop_report : 0;
	} else if ((options & WCONTINUED) && c->cont_report) {
		*r = (struct wait_result){ .pid = c->pid, .status = WCONTINUED_STATUS,
					   .code = CLD_CONTINUED, .si_status = SIGCONT };
		c->cont_report = keep;
	} else {
		return false;
	}
	return true;
}

/* One look at the children: a reported child's pid, or 0 if some child
 * may report later, or -ECHILD. A reaped zombie is freed. */
static int wait_scan(int which, int id, int options, struct wait_result *r)
{
	struct process *me = current_process();
	bool any = false;
	for (struct process *c = procs; c; c = c->next) {
		if (!child_matches(c, which, id, options, me))
			continue;
		any = true;
		if (child_report(c, options, r)) {
			r->utime = c->utime + c->cutime;
			r->stime = c->stime + c->cstime;
			r->min_flt = c->min_flt + c->cmin_flt;
			if (c->state == PROC_ZOMBIE && !(options & WNOWAIT)) {
				timer_reaped(me, c);
				process_free(c);
			}
			return r->pid;
		}
	}
	return any ? 0 : -ECHILD;
}

int proc_wait_opts(int which, int id, int options, struct wait_result *r)
{
	struct process *me = current_process();
	uint32_t f = irq_save();
	int got;
	while ((got = wait_scan(which, id, options, r)) == 0 && !(options & WNOHANG)) {
		if (signal_pending_current()) {
			got = -ERESTARTSYS;           /* a signal: EINTR or restart */
			break;
		}
		wait_sleep_intr(me->child_exit);
	}
	irq_restore(f);
	return got;
}

void proc_kill_self(int sig)
{
	proc_exit(sig & WTERMSIG_MASK);        /* wait status: the signal, no core */
}

/* A CPU exception raised by user code, as Linux's traps.c reports it:
 * the signal, si_code and si_addr (the faulting instruction, or 0). */
void trap_user_exception(struct trapframe *tf)
{
	switch (tf->vector) {
	case TRAP_DE: signal_fault(tf, SIGFPE, FPE_INTDIV, tf->eip); break;
	case TRAP_X87: case TRAP_XM: signal_fault(tf, SIGFPE, SI_KERNEL, tf->eip); break;
	case TRAP_UD: signal_fault(tf, SIGILL, ILL_ILLOPN, tf->eip); break;
	case TRAP_DB: case TRAP_BP: signal_fault(tf, SIGTRAP, SI_KERNEL, 0); break;
	case TRAP_AC: signal_fault(tf, SIGBUS, BUS_ADRALN, 0); break;
	default: signal_fault(tf, SIGSEGV, SI_KERNEL, 0); break;
	}
}
