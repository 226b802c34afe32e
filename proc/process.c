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

#define WAIT_ANY  (-1)

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
	if (!p || !wq) {
		kfree(p);
		kfree(wq);
		return NULL;
	}
	p->child_exit = wq;
	p->parent = parent;
	p->pgid = parent->pgid;              /* fork keeps the group and session */
	p->sid = parent->sid;
	p->state = PROC_ALIVE;
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
	if (!p) {
		if (t)
			thread_free(t);
		exec_args_free(a);
		return -ENOMEM;
	}
	for (int i = 0; i < 3; i++)
		p->fd[i] = stdio[i] ? file_get(stdio[i]) : NULL;
	strlcpy(p->exe, a->path, sizeof(p->exe));
	p->thread = t;
	t->proc = p;
	int pid = p->pid;
	thread_start(t, process_thread, a);
	return pid;
}

/* Nobody will wait for p's children any more: zombies among them are freed
 * now, the living are reparented to the kernel process and freed when they
 * end (there is no init to reap them yet). Interrupts are off. */
static void orphan_children(struct process *p)
{
	for (struct process *c = procs, *next; c; c = next) {
		next = c->next;
		if (c->parent != p)
			continue;
		if (c->state == PROC_ZOMBIE) {
			process_free(c);
		} else {
			c->parent = &kernel_process;
			c->orphan = true;
		}
	}
}

/* SIGCHLD to the parent: how the child ended (CLD_EXITED with its code,
 * CLD_KILLED with the signal). Interrupts are off. */
static void notify_parent(struct process *p, int status)
{
	if (p->parent == &kernel_process)
		return;
	int sig = status & WTERMSIG_MASK;
	struct ksiginfo ki = { .code = sig ? CLD_KILLED : CLD_EXITED, .pid = p->pid,
			       .status = sig ? sig : (status >> WEXIT_CODE_SHIFT) & WEXIT_CODE_MASK };
	signal_send(p->parent, SIGCHLD, &ki, false);
}

void proc_exit(int status)
{
	struct process *p = current_process();
	for (int i = 0; i < PROC_FDS; i++)
		if (p->fd[i]) {
			file_put(p->fd[i]);
			p->fd[i] = NULL;
		}
	vfs_release(p->cwd);
	p->cwd = NULL;
	vfs_release(p->root);
	p->root = NULL;
	if (p->mm) {
		mm_destroy(p->mm);                 /* from inside: the self-map */
		p->mm = NULL;
	}
	if (p->vm != vmm_kernel_space()) {
		/* p->vm first: a preemption in between must not switch back in. */
		struct vm_space *vm = p->vm;
		p->vm = vmm_kernel_space();
		vmm_space_switch(p->vm);
		vmm_space_destroy(vm);
	}
	cli();
	orphan_children(p);
	p->exit_status = status;
	p->state = PROC_ZOMBIE;
	p->thread = NULL;
	notify_parent(p, status);
	wake_all(p->parent->child_exit);
	if (p->orphan)
		process_free(p);                  /* nothing below touches p */
	thread_exit();
}

int proc_wait(int pid, int *status)
{
	return proc_wait_opts(pid, status, false);
}

/* wait's pid: > 0 that child, -1 any, 0 any of the caller's group,
 * < -1 any of group -pid. */
static bool child_matches(const struct process *c, int pid, const struct process *me)
{
	if (c->parent != me)
		return false;
	if (pid > 0)
		return c->pid == pid;
	if (pid == WAIT_ANY)
		return true;
	return c->pgid == (pid ? -pid : me->pgid);
}

int proc_wait_opts(int pid, int *status, bool nohang)
{
	struct process *me = current_process();
	uint32_t f = irq_save();
	for (;;) {
		bool any = false;
		for (struct process *c = procs; c; c = c->next) {
			if (!child_matches(c, pid, me))
				continue;
			any = true;
			if (c->state == PROC_ZOMBIE) {
				int cpid = c->pid;
				if (status)
					*status = c->exit_status;
				irq_restore(f);
				process_free(c);
				return cpid;
			}
		}
		if (!any) {
			irq_restore(f);
			return -ECHILD;
		}
		if (nohang || signal_pending_current()) {
			irq_restore(f);
			return nohang ? 0 : -ERESTARTSYS;   /* a signal: EINTR or restart */
		}
		wait_sleep_intr(me->child_exit);
	}
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
