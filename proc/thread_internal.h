/*
 * thread_internal.h - shared by the files of proc/ only.
 */
#ifndef PROC_THREAD_INTERNAL_H
#define PROC_THREAD_INTERNAL_H

#include "proc/proc.h"
#include "kernel/cpu.h"

/* What context_switch (switch.asm) pushes and pops, lowest address first. */
struct context {
	uint32_t edi, esi, ebx, ebp;
	uint32_t eip;
};

void context_switch(struct context **old, struct context *new);


void sched_make_runnable(struct thread *t);
/* Give up the CPU; the caller has set current's state and disabled interrupts. */
void schedule(void);
struct thread *thread_alloc(const char *name);
/* Lay out t's stack to run entry(arg) and queue it. */
void thread_start(struct thread *t, void (*entry)(void *), void *arg);
void thread_free(struct thread *t);

/* FPU/SSE (proc/fpu.c) */
void fpu_init(void);
void fpu_init_state(struct thread *t);
void fpu_switch(struct thread *prev, struct thread *next);
/* The running thread t starts over with the pristine FPU state (execve). */
void fpu_reset(struct thread *t);
/* Save the running thread's live FPU registers into t->fpu (fork). */
void fpu_save(struct thread *t);
struct fpstate;
/* The running thread's FPU state into the signal frame's fpstate at ufp
 * (whose FXSAVE image, 112 bytes on, is 16-byte aligned), and back from
 * the one at ufp (any alignment; MXCSR sanitized): 0, or -EFAULT, the
 * FPU then reset. proc/fpu.c. */
int fpu_to_sigframe(struct thread *t, user_ptr_t ufp);
int fpu_from_sigframe(struct thread *t, user_ptr_t ufp);

/* TLS (proc/tls.c) */
void tls_load(struct thread *t);

extern struct process kernel_process;

/* Process bookkeeping (proc/process.c), for fork: a child of parent with
 * the caller's credentials. */
struct process *process_new(struct process *parent, int pid);
void process_free(struct process *p);
/* The last thread of p is leaving: p ends and becomes a zombie. */
__attribute__((noreturn)) void process_end(struct process *p);
/* p lets go of its memory (the last user frees it, from inside) and
 * switches to next; next may be p->vm (execve by the only user: the
 * space stays, emptied). */
void proc_mm_release(struct process *p, struct vm_space *next);

/* Thread groups (proc/group.c). */
/* What a vforking parent sleeps on until its child execs or exits. */
struct vfork_done {
	bool done;                        /* irq-off */
	struct wait_queue wq;
};
/* The vfork parent of p (if any) may go on. */
void proc_vfork_release(struct process *p);
/* execve from a thread: every other thread of the process dies first and
 * the caller takes the pid as its tid. 0, or -ERESTARTNOINTR when the
 * group is already ending (the caller's SIGKILL is pending). */
int proc_dethread(void);

/* Signal frames (proc/signal_frame.c): the handler ka's frame for sig,
 * with old the mask its sigreturn restores; 0 or -EFAULT. */
int signal_frame_setup(struct trapframe *tf, struct thread *t, int sig,
		       const struct ksiginfo *ki, const struct ksigaction *ka, kernel_sigset_t old);
/* t's blocked mask, less what cannot be blocked (SIGKILL, SIGSTOP). */
void signal_set_blocked(struct thread *t, kernel_sigset_t mask);

/* A CLONE_SETTLS descriptor for the new thread t (proc/tls.c): 0 or -errno. */
int tls_set_for(struct thread *t, user_ptr_t u_info);

#endif
