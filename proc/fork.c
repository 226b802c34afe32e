/*
 * fork.c - fork, vfork and clone (the fork-like subset).
 *
 * fork is the case the foreign window exists for: the parent, running in
 * its own space, builds the child's page tables through the window
 * (vmm_clone_user), sharing every page copy-on-write. The child's thread
 * starts from a copy of the parent's trapframe with eax = 0.
 */
#include "proc/thread_internal.h"
#include "gen/syscalls.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kheap.h"
#include "mm/usercopy.h"
#include "mm/uvm.h"
#include "uapi/errno.h"
#include "uapi/sched.h"

/* The clone flags a plain fork may carry. */
#define FORK_LIKE (CSIGNAL | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID)
/* fork says no while it still can, rather than let the pages it shares run
 * out later in a copy-on-write fault that can only kill: it keeps this many
 * frames (2 MiB) for the processes that exist, and a cap on processes. */
#define FORK_MIN_FREE_FRAMES 512
#define PROC_MAX             4096

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

/* The child's process and thread, sharing the parent's pages. */
static int do_fork(struct trapframe *ptf, user_ptr_t set_tid, user_ptr_t clear_tid)
{
	struct process *parent = current_process();
	struct thread *pt = current_thread();
	if (proc_count() >= PROC_MAX)
		return -EAGAIN;
	if (frame_free_count() < FORK_MIN_FREE_FRAMES + parent->mm->pages)
		return -ENOMEM;
	struct child_start *cs = kmalloc(sizeof(*cs));
	struct thread *t = cs ? thread_alloc(pt->name) : NULL;
	struct process *p = t ? process_new(parent, t->tid) : NULL;
	struct vm_space *vm = p ? vmm_space_create() : NULL;
	struct mm *mm = vm ? mm_clone(parent->mm) : NULL;
	int err = mm ? vmm_clone_user(vm) : -ENOMEM;
	if (err) {
		if (vm)
			vmm_space_destroy(vm);
		if (mm)
			mm_free_areas(mm);
		if (p)
			process_free(p);
		if (t)
			thread_free(t);
		kfree(cs);
		return -ENOMEM;
	}
	p->vm = vm;
	p->mm = mm;
	strlcpy(p->exe, parent->exe, sizeof(p->exe));
	for (int i = 0; i < PROC_FDS; i++)
		p->fd[i] = parent->fd[i] ? file_get(parent->fd[i]) : NULL;
	p->fd_cloexec = parent->fd_cloexec;
	p->cwd = vfs_hold(parent->cwd);
	p->root = vfs_hold(parent->root);
	memcpy(p->cmdline, parent->cmdline, parent->cmdline_len);
	p->cmdline_len = parent->cmdline_len;
	t->proc = p;
	p->thread = t;
	fpu_save(pt);
	memcpy(t->fpu, pt->fpu, FPU_STATE_SIZE);
	memcpy(t->tls, pt->tls, sizeof(t->tls));
	memcpy(t->comm, pt->comm, sizeof(t->comm));
	signal_fork(p, t, pt);
	t->clear_child_tid = clear_tid;
	cs->tf = *ptf;
	cs->tf.eax = 0;                          /* fork returns 0 in the child */
	cs->set_tid = set_tid;
	int pid = p->pid;
	thread_start(t, child_entry, cs);
	return pid;
}

long sys_fork(void)
{
	return do_fork(current_thread()->tf, USER_PTR(0), USER_PTR(0));
}

long sys_vfork(void)
{
	/* A vfork child may only exec or exit, so a fork serves (it costs the
	 * copy-on-write set-up; the parent is not suspended). */
	return do_fork(current_thread()->tf, USER_PTR(0), USER_PTR(0));
}

long sys_clone(unsigned long flags, uint32_t newsp, user_ptr_t parent_tid, uint32_t tls, user_ptr_t child_tid)
{
	(void)tls;
	if ((flags & ~(FORK_LIKE | CLONE_VFORK)) || newsp)
		return -ENOSYS;                  /* threads (CLONE_VM...) are to come */
	int pid = do_fork(current_thread()->tf,
			  (flags & CLONE_CHILD_SETTID) ? child_tid : USER_PTR(0),
			  (flags & CLONE_CHILD_CLEARTID) ? child_tid : USER_PTR(0));
	if (pid > 0 && (flags & CLONE_PARENT_SETTID))
		copy_to_user(parent_tid, &pid, sizeof(pid));
	return pid;
}
