/*
 * fork.c - fork, vfork and clone: new processes and new threads.
 *
 * fork is the case the foreign window exists for: the parent, running in
 * its own space, builds the child's page tables through the window
 * (mm_clone_pages), sharing every page copy-on-write. With CLONE_VM the
 * child shares the parent's space instead (no table is copied at all):
 * vfork is clone(CLONE_VM | CLONE_VFORK), whose parent sleeps until the
 * child execs or exits, so that the two never run in the space at once.
 * With CLONE_THREAD the child is a new thread of the caller's process
 * (pthread_create): same memory, descriptors, directory and handlers.
 * A new process may share the caller's descriptor table (CLONE_FILES)
 * and directories and umask (CLONE_FS), reference-counted (fs/fd.h,
 * proc/fs_struct.c); unshare(2) takes a private copy back.
 * Every child starts from a copy of the caller's trapframe with eax = 0,
 * on the stack clone names (or the caller's).
 */
#include "proc/thread_internal.h"
#include "gen/syscalls.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/usercopy.h"
#include "mm/uvm.h"
#include "uapi/errno.h"
#include "uapi/sched.h"
#include "uapi/signal.h"

/* fork says no while it still can, rather than let the pages it shares run
 * out later in a copy-on-write fault that can only kill: it keeps this many
 * frames (2 MiB) for the processes that exist, and a cap on processes; the
 * cap on tasks is threads-max and RLIMIT_NPROC (proc/task_limit.c). */
#define FORK_MIN_FREE_FRAMES 512
#define PROC_MAX             4096
#define INIT_PID             1

/* What clone does (the rest is refused with EINVAL): CLONE_SYSVSEM,
 * CLONE_PTRACE, CLONE_UNTRACED, CLONE_DETACHED and CLONE_IO are accepted
 * and mean nothing here (no System V semaphores, no tracer, one I/O
 * context). */
#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |         \
			 CLONE_PTRACE | CLONE_VFORK | CLONE_PARENT | CLONE_THREAD |             \
			 CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |                   \
			 CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED |               \
			 CLONE_CHILD_SETTID | CLONE_IO)
/* What a thread shares with its process: tables hang off the process,
 * so a thread cannot have its own. Between processes each may be shared
 * (CLONE_SIGHAND: the handler table, which needs CLONE_VM). */
#define CLONE_PER_PROCESS (CLONE_FS | CLONE_FILES | CLONE_SIGHAND)
/* What unshare(2) takes: the rest (namespaces) is EINVAL. */
#define UNSHARE_SUPPORTED (CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES | CLONE_SYSVSEM)

struct kclone_args {
	unsigned long flags;
	uint32_t newsp;                  /* the child's stack; 0: the caller's */
	user_ptr_t parent_tid, tls, child_tid;
};

struct child_start {
	struct trapframe tf;
	user_ptr_t set_tid;              /* CLONE_CHILD_SETTID: where the child's tid goes */
};

/* The child's first moments, already in its own space. */
static void child_entry(void *arg)
{
	struct child_start cs = *(struct child_start *)arg;
	kfree(arg);
	if (!user_ptr_null(cs.set_tid)) {
		int tid = current_thread()->tid;
		copy_to_user(cs.set_tid, &tid, sizeof(tid));
	}
	thread_enter_user(&cs.tf);
}

/* Linux's copy_process checks, and what tern does not do: 0 or -EINVAL. */
static int clone_check(unsigned long flags)
{
	if (flags & ~CLONE_SUPPORTED)
		return -EINVAL;                  /* namespaces, CLONE_PIDFD */
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_PARENT) && current_process()->pid == INIT_PID)
		return -EINVAL;                  /* init has no parent to share */
	if ((flags & CLONE_THREAD) && (flags & CLONE_PER_PROCESS) != CLONE_PER_PROCESS)
		return -EINVAL;
	return 0;
}

/* The child's start: the caller's registers, eax = 0, its own stack. */
static struct child_start *child_start_new(const struct kclone_args *ca)
{
	struct child_start *cs = kmalloc(sizeof(*cs));
	if (!cs)
		return NULL;
	cs->tf = *current_thread()->tf;
	cs->tf.eax = 0;                          /* clone returns 0 in the child */
	if (ca->newsp)
		cs->tf.user_esp = ca->newsp;
	cs->set_tid = (ca->flags & CLONE_CHILD_SETTID) ? ca->child_tid : USER_PTR(0);
	return cs;
}

/* The new thread's own state, from the caller's: FPU, TLS (or the one
 * CLONE_SETTLS gives), the word to clear at its end. */
static int thread_state_copy(struct thread *t, const struct kclone_args *ca)
{
	struct thread *pt = current_thread();
	fpu_save(pt);
	memcpy(t->fpu, pt->fpu, FPU_STATE_SIZE);
	memcpy(t->tls, pt->tls, sizeof(t->tls));
	memcpy(t->comm, pt->comm, sizeof(t->comm));
	t->clear_child_tid = (ca->flags & CLONE_CHILD_CLEARTID) ? ca->child_tid : USER_PTR(0);
	return (ca->flags & CLONE_SETTLS) ? tls_set_for(t, ca->tls) : 0;
}

/* CLONE_PARENT_SETTID: the child's id in the caller's memory, before the
 * child runs (it may read it at once). */
static void put_parent_tid(const struct kclone_args *ca, int tid)
{
	if (ca->flags & CLONE_PARENT_SETTID)
		copy_to_user(ca->parent_tid, &tid, sizeof(tid));
}

/* --- a new thread of the caller's process --- */

static long clone_thread(const struct kclone_args *ca)
{
	struct process *p = current_process();
	int limit = task_limit_check(false);
	if (limit)
		return limit;
	struct child_start *cs = child_start_new(ca);
	struct thread *t = cs ? thread_alloc(current_thread()->name) : NULL;
	int err = t ? thread_state_copy(t, ca) : -ENOMEM;
	if (err) {
		if (t)
			thread_free(t);
		kfree(cs);
		return err;
	}
	t->proc = p;
	t->sig_blocked = current_thread()->sig_blocked;   /* no alternate stack: Linux's rule */
	int tid = t->tid;
	put_parent_tid(ca, tid);
	uint32_t f = irq_save();
	if (p->group_exiting) {                  /* too late: the group is ending */
		irq_restore(f);
		thread_free(t);
		kfree(cs);
		return -ERESTARTNOINTR;
	}
	struct thread **pp = &p->threads;        /* oldest first */
	while (*pp)
		pp = &(*pp)->group_next;
	*pp = t;
	p->nthreads++;
	irq_restore(f);
	thread_start(t, child_entry, cs);
	return tid;
}

/* --- a new process --- */

/* The child's memory: the caller's own (CLONE_VM: one more user of it),
 * or a copy-on-write copy. 0 or -ENOMEM (nothing to undo in p). */
static int child_memory(struct process *p, struct process *parent, bool share)
{
	struct mm *pmm = parent->mm;
	sleeplock_acquire(&pmm->lock);
	if (share) {
		pmm->users++;
		sleeplock_release(&pmm->lock);
		p->mm = pmm;
		p->vm = parent->vm;
		return 0;
	}
	struct vm_space *vm = vmm_space_create();
	struct mm *mm = vm ? mm_clone(pmm) : NULL;
	int err = mm ? mm_clone_pages(pmm, vm) : -ENOMEM;
	if (!err)
		mm_install(mm, vm);              /* under the parent's lock: mm/mm_list.c */
	sleeplock_release(&pmm->lock);
	if (err) {
		if (vm)
			vmm_space_destroy(vm);
		if (mm)
			mm_free_areas(mm);
		return -ENOMEM;
	}
	p->mm = mm;
	p->vm = vm;
	return 0;
}

/* The program's name, command line and personality: copies of the parent's. */
static void child_names(struct process *p, struct process *parent)
{
	p->personality = parent->personality;
	strlcpy(p->exe, parent->exe, sizeof(p->exe));
	memcpy(p->cmdline, parent->cmdline, parent->cmdline_len);
	p->cmdline_len = parent->cmdline_len;
}

/* The vforking parent sleeps until the child execs or exits, or until
 * SIGKILL comes (Linux's killable wait_for_vfork_done): then the child
 * must forget vd, which lives on this stack, and it dies on its way out
 * while the child runs on. */
static void vfork_wait(struct process *child, struct vfork_done *vd)
{
	uint32_t f = irq_save();
	while (!vd->done && !fatal_signal_pending_current())
		wait_sleep_killable(&vd->wq);
	if (!vd->done)
		child->vfork = NULL;             /* alive: its release sets done first */
	irq_restore(f);
}

static long clone_process(const struct kclone_args *ca)
{
	struct process *parent = current_process();
	bool share = ca->flags & CLONE_VM;
	int limit = proc_count() >= PROC_MAX ? -EAGAIN : task_limit_check(false);
	if (limit)
		return limit;
	if (!share && frame_free_count() < FORK_MIN_FREE_FRAMES + parent->mm->pages)
		return -ENOMEM;
	struct child_start *cs = child_start_new(ca);
	struct thread *t = cs ? thread_alloc(current_thread()->name) : NULL;
	int err = t ? thread_state_copy(t, ca) : -ENOMEM;
	struct process *p = err ? NULL
		: process_new((ca->flags & CLONE_PARENT) ? parent->parent : parent, t->tid);
	if (!err && !p)
		err = -ENOMEM;
	err = err ?: task_limit_check(true);    /* others may have forked while we slept */
	err = err ?: files_fork(p, parent, ca->flags & CLONE_FILES);
	err = err ?: fs_fork(p, parent, ca->flags & CLONE_FS);
	err = err ?: child_memory(p, parent, share);
	if (err) {
		if (p) {
			files_release(p);
			fs_release(p);
			process_free(p);
		}
		if (t)
			thread_free(t);
		kfree(cs);
		return err;
	}
	child_names(p, parent);
	signal_fork(p, t, current_thread(), ca->flags & CLONE_SIGHAND);
	if ((ca->flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM)
		t->sas_sp = t->sas_size = 0;     /* it runs beside the caller: Linux clears it */
	/* CLONE_PARENT: a sibling of the caller ends as the caller does (Linux:
	 * the group leader's exit signal, CSIGNAL ignored). */
	p->exit_signal = (ca->flags & CLONE_PARENT) ? parent->exit_signal : (int)(ca->flags & CSIGNAL);
	p->threads = t;
	p->nthreads = 1;
	t->proc = p;
	int pid = p->pid;
	put_parent_tid(ca, pid);
	struct vfork_done vd = { .done = false, .wq = WAIT_QUEUE_INIT };
	if (ca->flags & CLONE_VFORK)
		p->vfork = &vd;
	thread_start(t, child_entry, cs);
	if (ca->flags & CLONE_VFORK)
		vfork_wait(p, &vd);
	return pid;
}

static long do_clone(const struct kclone_args *ca)
{
	int err = clone_check(ca->flags);
	if (err)
		return err;
	return (ca->flags & CLONE_THREAD) ? clone_thread(ca) : clone_process(ca);
}

long sys_fork(void)
{
	struct kclone_args ca = { .flags = SIGCHLD };
	return do_clone(&ca);
}

long sys_vfork(void)
{
	struct kclone_args ca = { .flags = CLONE_VM | CLONE_VFORK | SIGCHLD };
	return do_clone(&ca);
}

long sys_clone(unsigned long flags, uint32_t newsp, user_ptr_t parent_tid, uint32_t tls, user_ptr_t child_tid)
{
	struct kclone_args ca = { flags, newsp, parent_tid, USER_PTR(tls), child_tid };
	return do_clone(&ca);
}

/* unshare: a private copy of what the caller shares (Linux's ksys_unshare).
 * CLONE_VM, CLONE_SIGHAND and CLONE_THREAD only say "nothing is shared"
 * (EINVAL when something is: the memory, the handler table, threads); CLONE_FILES and CLONE_FS copy the table or
 * the directories - for the whole process, whose threads share them, so
 * a process with other threads gets EINVAL there (Linux would unshare the
 * calling thread alone). */
long sys_unshare(unsigned long flags)
{
	struct process *p = current_process();
	if (flags & ~(unsigned long)UNSHARE_SUPPORTED)
		return -EINVAL;
	if (flags & CLONE_VM)
		flags |= CLONE_SIGHAND;
	if (flags & CLONE_SIGHAND)
		flags |= CLONE_THREAD;
	if ((flags & (CLONE_THREAD | CLONE_FILES | CLONE_FS)) && p->nthreads > 1)
		return -EINVAL;
	if ((flags & CLONE_VM) && p->mm && p->mm->users > 1)
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && p->sighand->users > 1)
		return -EINVAL;                  /* as Linux: a shared table stays shared */
	int err = (flags & CLONE_FS) ? fs_unshare() : 0;
	return err ?: (flags & CLONE_FILES) ? files_unshare() : 0;
}

/* clone3: the same, from a versioned block. Linux's checks: a block
 * smaller than the first version is EINVAL, bytes past the ones known
 * must be zero (E2BIG); the exit signal is its own field (no CSIGNAL in
 * flags) and a thread has none; stack and size come together. set_tid
 * and cgroup (namespaces) are not done here. */
long sys_clone3(user_ptr_t uargs, size_t size)
{
	struct clone_args a = { 0 };
	uint8_t extra;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	if (size > PAGE_SIZE)
		return -E2BIG;
	for (size_t off = sizeof(a); off < size; off++)
		if (copy_from_user(&extra, user_ptr_add(uargs, off), 1) || extra)
			return extra ? -E2BIG : -EFAULT;
	if (copy_from_user(&a, uargs, size < sizeof(a) ? size : sizeof(a)))
		return -EFAULT;
	if ((a.flags & (CSIGNAL | ~(uint64_t)CLONE_SUPPORTED)) || (a.exit_signal & ~(uint64_t)CSIGNAL) ||
	    (a.exit_signal && (a.flags & (CLONE_THREAD | CLONE_PARENT))) ||
	    !a.stack != !a.stack_size || a.set_tid || a.set_tid_size || a.cgroup ||
	    a.stack + a.stack_size > USER_TOP)
		return -EINVAL;
	struct kclone_args ca = { (unsigned long)(a.flags | a.exit_signal), (uint32_t)(a.stack + a.stack_size),
				  USER_PTR(a.parent_tid), USER_PTR(a.tls), USER_PTR(a.child_tid) };
	return do_clone(&ca);
}
