/*
 * group.c - thread groups: how the threads of one process end, alone or
 * all together, and how execve from one of them gets rid of the others.
 *
 * A process is a thread group (Linux's tgid): its pid is its first
 * thread's tid, its threads share its memory, descriptors, working
 * directory and handlers, and each has its own tid, mask and pending set.
 * exit ends one thread; the last one out ends the process (process_end).
 * exit_group, a fatal signal and execve mark the group (group_exiting)
 * and send every other thread SIGKILL, which it acts on at its next way
 * back to user mode (an interruptible sleep ends for it): each thread
 * thus leaves by its own exit path, where it lets go of what is its own
 * (its clear_child_tid word and futex waiters, its robust futexes).
 */
#include "proc/thread_internal.h"
#include "gen/syscalls.h"
#include "proc/futex.h"
#include "mm/usercopy.h"
#include "mm/uvm.h"
#include "uapi/wait.h"

/* Interrupts off: SIGKILL to every thread of p but keep, woken if it sleeps
 * interruptibly. */
static void kill_others(struct process *p, struct thread *keep)
{
	KASSERT(!irqs_enabled());
	for (struct thread *t = p->threads; t; t = t->group_next)
		if (t != keep) {
			t->sig_pending.set |= 1ull << (SIGKILL - 1);
			t->sig_pending.info[SIGKILL - 1] = (struct ksiginfo){ .code = SI_KERNEL };
			sched_signal_wake(t);
		}
}

/* What a dying thread owes the others sharing its memory: the word
 * CLONE_CHILD_CLEARTID (or set_tid_address) named is zeroed and its
 * waiters woken (pthread_join sleeps on it), and the robust futexes it
 * holds are marked OWNER_DIED (Linux's mm_release, exit_robust_list). */
static void thread_release_user(struct thread *t)
{
	struct process *p = t->proc;
	if (!p->mm)
		return;
	futex_exit_robust_list(t);
	futex_exit_pi(t);
	if (!user_ptr_null(t->clear_child_tid) && (p->nthreads > 1 || p->mm->users > 1)) {
		int zero = 0;
		if (copy_to_user(t->clear_child_tid, &zero, sizeof(zero)) == 0)
			futex_wake_shared(t->clear_child_tid, 1);
	}
	t->clear_child_tid = USER_PTR(0);
}

/* The current thread leaves its process; the last one ends it. */
static __attribute__((noreturn)) void thread_leave(void)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	fd_borrow_release(t);                 /* exit never returns to the call's end */
	thread_release_user(t);
	uint32_t f = irq_save();
	for (struct thread **pp = &p->threads; *pp; pp = &(*pp)->group_next)
		if (*pp == t) {
			*pp = t->group_next;
			break;
		}
	bool last = --p->nthreads == 0;
	wake_all(&p->thread_gone);
	irq_restore(f);
	if (last)
		process_end(p);
	thread_exit();
}

void proc_exit(int status)
{
	struct process *p = current_process();
	uint32_t f = irq_save();
	if (!p->group_exiting) {              /* the first reason to end is the status */
		p->group_exiting = true;
		p->exit_status = status;
		kill_others(p, current_thread());
	}
	irq_restore(f);
	thread_leave();
}

/* exit: this thread only. Its code is the process's status when it is
 * the leader (the thread whose tid is the pid), as Linux's wait reads the
 * leader's exit code unless the group was ended as a whole. */
long sys_exit(int status)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	uint32_t f = irq_save();
	if (t->tid == p->pid && !p->group_exiting)
		p->exit_status = (status & WEXIT_CODE_MASK) << WEXIT_CODE_SHIFT;
	irq_restore(f);
	thread_leave();
}

long sys_exit_group(int status)
{
	proc_exit((status & WEXIT_CODE_MASK) << WEXIT_CODE_SHIFT);
}

int proc_dethread(void)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	uint32_t f = irq_save();
	if (p->group_exiting) {               /* another thread ends the group first */
		irq_restore(f);
		return -ERESTARTNOINTR;           /* its SIGKILL is on the way */
	}
	if (p->nthreads > 1) {
		p->group_exiting = true;
		kill_others(p, t);
		while (p->nthreads > 1)
			wait_sleep(&p->thread_gone);
		p->group_exiting = false;
	}
	/* The survivor takes the leader's id, as on Linux (the leader is gone
	 * or is this thread: no other thread has that tid now). */
	t->tid = p->pid;
	irq_restore(f);
	return 0;
}

void proc_vfork_release(struct process *p)
{
	uint32_t f = irq_save();
	struct vfork_done *vd = p->vfork;
	p->vfork = NULL;
	if (vd) {
		vd->done = true;
		wake_all(&vd->wq);
	}
	irq_restore(f);
}
