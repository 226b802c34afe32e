/*
 * proc.h - threads and processes: the contract for everyone else.
 *
 * At boot the kernel is process 0 with one thread (the boot thread, which
 * becomes the idle thread). Kernel threads can be spawned at any time.
 * A program starts as a kernel thread that makes its own process and
 * address space, switches into it, loads the ELF file and enters ring 3
 * (proc/exec.c): nothing is ever mapped into a foreign space on that path.
 * Scheduling is preemptive round-robin on the timer tick.
 */
#ifndef PROC_PROC_H
#define PROC_PROC_H

#include "kernel/trap.h"
#include "kernel/cpu.h"
#include "fs/fd.h"
#include "kernel/wait.h"
#include "mm/usercopy.h"
#include "mm/vmm.h"
#include "proc/cred.h"
#include "uapi/signal.h"
#include <stdbool.h>
#include <stdint.h>

#define FPU_STATE_SIZE   512          /* FXSAVE area */
#define PROC_PATH_MAX    256
#define PROC_CMDLINE_MAX 512
#define THREAD_NAME_MAX  32
#define TASK_COMM_LEN    16           /* a program's name, with its NUL (Linux) */
#define TLS_ENTRIES      3            /* GDT slots 6-8, as Linux */
#define INIT_PID         1            /* reaps orphans; unkillable by what it does not catch */

struct context;                       /* saved callee-saved registers (switch.asm) */
struct vfork_done;                    /* proc/fork.c */
struct file;
struct inode;
struct mm;

enum thread_state { THREAD_RUNNABLE, THREAD_RUNNING, THREAD_SLEEPING, THREAD_DEAD };

/* A raw GDT descriptor (two words), for the thread's TLS slots. */
struct tls_desc {
	uint32_t lo, hi;
};

/* What a pending signal carries to its siginfo. */
struct ksiginfo {
	int32_t code;                     /* si_code */
	int32_t pid;                      /* si_pid (kill, tkill, sigqueue), si_timerid */
	uint32_t addr;                    /* si_addr (faults) */
	int32_t status;                   /* si_status (SIGCHLD), si_overrun (timers) */
	uint32_t value;                   /* si_value (sigqueue, timers) */
};

/* Signals sent and not yet delivered: bit sig-1 of set, and the siginfo
 * of its first instance; a real-time signal sent again while pending
 * queues its further instances, oldest first (proc/signal.c). */
struct sigqueue;
struct sigpending {
	kernel_sigset_t set;
	struct ksiginfo info[SIGRTMAX];
	struct sigqueue *queue;           /* further real-time instances */
	uint32_t queued;                  /* how many */
};

/* One handler (rt_sigaction's view), index sig-1. */
struct ksigaction {
	uint32_t handler;                 /* SIG_DFL, SIG_IGN or a user address */
	uint32_t flags;                   /* SA_* */
	uint32_t restorer;
	kernel_sigset_t mask;             /* blocked while the handler runs */
};

/* The handler table, shared by a process's threads and by the processes
 * clone(CLONE_SIGHAND) made (Linux's sighand_struct): a sigaction in one
 * is seen by all. Freed by the last process's reaping (senders read a
 * zombie's); execve gives a sharer its own copy first. */
struct sighand {
	uint32_t users;                   /* irq-off: processes using it */
	struct ksigaction action[SIGRTMAX];   /* irq-off (senders read it) */
};

/*
 * Locking (one CPU): "irq-off" fields are read and written with interrupts
 * off, which is the scheduler's lock; "own" fields only by the thread or
 * process itself (a process's: its threads, in their own system calls); "fixed" ones
 * are set before the thread or process is visible to anyone else and never
 * change after.
 */
struct thread {
	int tid;                          /* own: fixed but for execve, which takes the leader's */
	enum thread_state state;          /* irq-off */
	char name[THREAD_NAME_MAX];       /* fixed */
	struct process *proc;             /* fixed */
	uint32_t kstack_top;              /* fixed */
	struct context *ctx;              /* the scheduler's, while not running */
	struct thread *next;              /* irq-off: on the run queue or a wait queue */
	struct wait_queue *wq;            /* irq-off: the wait queue it sleeps on */
	struct thread *timer_next;        /* irq-off: on the timer list */
	uint64_t wake_tick;               /* irq-off: when its timer fires */
	bool timer_armed;                 /* irq-off: on the timer list */
	bool timed_out;                   /* irq-off: woken by its timer, not its queue */
	void (*entry)(void *);            /* fixed */
	void *arg;                        /* fixed */
	struct trapframe *tf;             /* own: user registers, while in a syscall */
	user_ptr_t clear_child_tid;       /* own: set_tid_address */
	struct tls_desc tls[TLS_ENTRIES]; /* own */
	kernel_sigset_t sig_blocked;      /* irq-off (senders read it) */
	kernel_sigset_t sig_real_blocked; /* irq-off: the mask rt_sigtimedwait lifted, while it waits */
	kernel_sigset_t sig_saved;        /* own: the mask rt_sigsuspend replaced */
	bool sig_restore_saved;           /* own: put sig_saved back after delivery */
	struct sigpending sig_pending;    /* irq-off: sent to this thread (tkill, faults) */
	bool sig_interruptible;           /* irq-off: its sleep ends when a signal comes */
	bool sig_killable;                /* irq-off: its sleep ends when SIGKILL comes */
	int syscall_nr;                   /* own: the call being made, -1 when none to restart */
	uint32_t fault_trapno, fault_error, fault_cr2;   /* own: the last fault, for sigcontext */
	uint32_t sas_sp, sas_size;        /* own: the alternate signal stack (size 0: none) */
	struct thread *group_next;        /* irq-off: the next thread of its process */
	user_ptr_t robust_list;           /* own: set_robust_list's head (walked at death) */
	int sched_policy, sched_priority; /* irq-off: sched_setscheduler's, no effect yet */
	uint64_t utime, stime;            /* irq-off: CPU ticks, user and system */
	char comm[TASK_COMM_LEN];         /* own: the program's name (prctl PR_GET_NAME) */
	struct file **borrowed;           /* own: files fd_file held for this call (fs/fd.h) */
	uint32_t nborrowed, borrow_cap;   /* own */
	uint8_t fpu[FPU_STATE_SIZE] __attribute__((aligned(16)));   /* own, and the scheduler's */
};

/* A timer on the tick's armed list (proc/timer.c); all irq-off. */
struct ktimer {
	struct ktimer *next;
	uint64_t expires;                 /* the tick it fires at; 0: disarmed */
	uint64_t interval;                /* ticks between firings; 0: once */
	void (*fire)(struct ktimer *);    /* from the timer interrupt */
	struct process *owner;
};

/* ITIMER_VIRTUAL and ITIMER_PROF: ticks of CPU time left, and the reload. */
struct itimer_count {
	uint64_t left, interval;          /* irq-off */
};

#define POSIX_TIMER_MAX 32                /* timer_create's per process */

/* A POSIX timer (timer_create); k first: fire gets &k. All irq-off. */
struct posix_timer {
	struct ktimer k;
	bool used;
	int id, clock, notify, signo;
	uint32_t value;                   /* sigev_value */
	int overrun, last_overrun;        /* expiries while its signal was pending */
};

enum process_state { PROC_ALIVE, PROC_ZOMBIE };

/* A working directory, root and umask (proc/fs_struct.c), shared by the
 * threads of a process and by the processes clone(CLONE_FS) made. */
struct fs_struct {
	uint32_t users;                   /* irq-off: processes using it */
	struct inode *cwd;                /* VFS lock: a reference; NULL: the root */
	struct inode *root;               /* VFS lock: chroot's (a reference); NULL: the root */
	uint32_t umask;                   /* written whole by umask(2): one word */
};

struct process {
	int pid;                          /* fixed */
	int pgid, sid;                    /* irq-off: process group and session (proc/pgrp.c) */
	bool did_exec;                    /* irq-off: execve since fork (setpgid: EACCES) */
	struct process *parent;           /* irq-off (orphaning rewrites it) */
	enum process_state state;         /* irq-off */
	int exit_status;                  /* irq-off: Linux wait status: code << 8, or the signal */
	/* own; the scheduler reads it to switch in. Written before the
	 * switch it names (proc_exit: a preemption in between must find it
	 * pointing at the space that stays). Shared by every thread, and by
	 * the processes clone(CLONE_VM) made (vfork): mm->users counts those. */
	struct vm_space *vm;
	struct mm *mm;                    /* own: user memory areas (mm/uvm.h), under mm->lock */
	struct thread *threads;           /* irq-off: its live threads, through group_next */
	uint32_t nthreads;                /* irq-off: how many; the last one out ends the process */
	bool group_exiting;               /* irq-off: exit_group, a fatal signal or execve: the others die */
	struct wait_queue thread_gone;    /* woken as each thread leaves (execve waits for the others) */
	struct vfork_done *vfork;         /* irq-off: the parent sleeping until this child execs or exits */
	/* irq-off: sent to the parent at the end (clone's CSIGNAL; 0: none);
	 * becomes SIGCHLD when the child is re-parented or its parent execs.
	 * A child whose exit signal is not SIGCHLD is a "clone" child: only
	 * wait's __WCLONE or __WALL sees it (Linux's eligible_child). */
	int exit_signal;
	uint32_t self_exec_id;            /* irq-off: execve calls this process made */
	uint32_t parent_exec_id;          /* irq-off: the parent's self_exec_id at fork */
	/* The descriptor table (fs/fd.h; its own lock guards it) and the
	 * file-system state, maybe shared with other processes (CLONE_FILES,
	 * CLONE_FS). The pointers: the process's own (unshare, execve), set
	 * to NULL at its end with interrupts off, when /proc may look. */
	struct files *files;
	struct fs_struct *fs;
	struct cred cred;                 /* own: ids, limits (proc/cred.h) */
	char cmdline[PROC_CMDLINE_MAX];   /* own: argv's strings for /proc/PID/cmdline (cut) */
	uint32_t cmdline_len;             /* own */
	char exe[PROC_PATH_MAX];          /* own (for /proc/self/exe) */
	bool orphan;                      /* irq-off: parent died, no init: reap at exit */
	bool stopped;                     /* irq-off: stopped by a stop signal, until SIGCONT */
	int stop_report;                  /* irq-off: the stop signal wait has yet to report, or 0 */
	bool cont_report;                 /* irq-off: continued, wait has yet to report it */
	struct wait_queue stop_wait;      /* irq-off: its threads, while stopped */
	struct process *next;             /* irq-off: all processes (proc/process.c) */
	struct wait_queue *child_exit;    /* fixed: woken when a child becomes a zombie */
	struct sigpending sig_pending;    /* irq-off: sent to the process (kill) */
	struct sighand *sighand;          /* irq-off: its handlers (never NULL) */
	int pdeath_signal;                /* own: sent to it when its parent ends (prctl) */
	uint32_t personality;             /* own: personality(2); fork and execve keep it */
	struct ktimer it_real;            /* irq-off: ITIMER_REAL (alarm) */
	struct itimer_count it_virt, it_prof;     /* irq-off: ITIMER_VIRTUAL, ITIMER_PROF */
	struct posix_timer *timers;       /* irq-off: POSIX_TIMER_MAX of them, or NULL */
	uint64_t utime, stime;            /* irq-off: CPU ticks, user and system */
	uint64_t cutime, cstime;          /* irq-off: those of reaped children */
	uint32_t min_flt, cmin_flt;       /* irq-off: page faults resolved, and children's */
};

/* --- threads and scheduling (proc/thread.c, proc/sched.c) --- */
void proc_init(void);                            /* make the boot thread thread 0 */
/* Inline: every system call asks, getpid's round trip among them. */
static inline struct thread *current_thread(void) { return cpu0.current; }
static inline struct process *current_process(void) { return cpu0.current->proc; }
/* A kernel thread running entry(arg); NULL when out of memory. */
struct thread *thread_spawn(const char *name, void (*entry)(void *), void *arg);
__attribute__((noreturn)) void thread_exit(void);
/* Leave for ring 3 with the registers in *src (which may be anywhere). */
__attribute__((noreturn)) void thread_enter_user(const struct trapframe *src);
void thread_yield(void);
void sched_tick(bool user);                      /* from the timer interrupt: it came from ring 3 */
/* On the way out of a trap: switch if the slice is used up and the
 * interrupted context allows it (interrupts were on, no lock held). */
void sched_preempt_point(const struct trapframe *tf);
/* The time slice in timer ticks (timeslice= on the command line): the old one. */
uint32_t sched_set_timeslice(uint32_t ticks);
uint32_t thread_count(void);

/* The task limits (task_limit.c): threads-max from the memory size and
 * RLIMIT_NPROC per real user, Linux's defaults; set once at boot. */
void task_limit_init(void);
uint32_t task_limit_max(void);
/* May the caller make one more task (counted: the new one is in the
 * counts already)? 0 or -EAGAIN. */
int task_limit_check(bool counted);
/* Where id allocation goes on (tests of the wrap at pid_max): the old place. */
int tid_set_next(int next);

/* --- processes (proc/process.c, proc/exec.c) --- */
/* Start the program at path (in the root file system) as a new process,
 * child of the current one, with stdio[0..2] as its fds 0-2 (references are
 * taken). argv/envp are NULL-terminated kernel arrays. The file is checked
 * here, before anything is built: the pid, or -ENOENT, -ENOEXEC, -ENOMEM. */
int proc_spawn(const char *path, char *const argv[], char *const envp[], struct file *stdio[3]);
/* Wait for a child to end: its pid and *status (Linux wait status), or -ECHILD. */
int proc_wait(int pid, int *status);
/* What wait4 and waitid report of a child. */
struct wait_result {
	int pid;
	int status;                       /* wait4's status word */
	int code, si_status;              /* waitid's: CLD_* and the code or signal */
	uint64_t utime, stime;            /* its CPU ticks and its children's (rusage) */
	uint32_t min_flt;
};
/* waitid for the current process: which P_PID (child id), P_ALL, P_PGID
 * (group id, 0: the caller's); options WEXITED, WSTOPPED, WCONTINUED,
 * WNOHANG, WNOWAIT, __WALL/__WCLONE. The child's pid, 0 (WNOHANG, nothing
 * yet), -ECHILD or -ERESTARTSYS. */
int proc_wait_opts(int which, int id, int options, struct wait_result *r);
/* SIGCHLD to p's parent with si_code code (CLD_*) and si_status status,
 * unless a stop or continue and the parent set SA_NOCLDSTOP; a parent
 * sleeping in wait wakes (interrupts off). */
void proc_notify_parent(struct process *p, int code, int status);
/* End the current process with a Linux wait status (exit_group): every
 * thread of it dies (proc/group.c). */
__attribute__((noreturn)) void proc_exit(int status);
/* Kill the current process by signal sig, whatever its handlers. */
__attribute__((noreturn)) void proc_kill_self(int sig);
/* The process with this pid, alive or zombie, or NULL (interrupts off). */
struct process *process_find(int pid);
/* The thread with this tid, or NULL (interrupts off). */
struct thread *thread_find(int tid);
/* fn(p, arg) for every process but the kernel's (interrupts off). */
void process_for_each(void (*fn)(struct process *, void *), void *arg);

/* --- shared file-system state (proc/fs_struct.c) --- */
/* child's fs_struct: a copy of parent's, or with share parent's own (CLONE_FS): 0 or -ENOMEM. */
int fs_fork(struct process *child, struct process *parent, bool share);
/* The current process gets an fs_struct of its own if it shares one (unshare(CLONE_FS)). */
int fs_unshare(void);
/* p lets go of its fs_struct (its end). */
void fs_release(struct process *p);

/* --- process groups and sessions (proc/pgrp.c) ---
 * Each process carries its group and session ids (p->pgid, p->sid, read
 * with interrupts off); a group exists while some process, zombies
 * included, carries its id. For the tty: TIOCSPGRP wants
 * pgrp_in_session, job control signals go through pgrp_signal, and a
 * background read or write in an orphaned group is EIO (pgrp_orphaned). */
/* Send sig to every process of group pgid: 0 if one took it, -ESRCH if
 * the group has no member, else the last error (as Linux's kill_pgrp). */
int pgrp_signal(int pgid, int sig, const struct ksiginfo *ki);
/* Some process of group pgid is in session sid. */
bool pgrp_in_session(int pgid, int sid);
/* No member of group pgid has a parent in another group of the same
 * session (POSIX's orphaned process group; init does not count). */
bool pgrp_orphaned(int pgid);
/* The same, as if ignored had already left, as a member and as a parent
 * (interrupts off). */
bool pgrp_orphaned_without(int pgid, const struct process *ignored);
/* Some member of group pgid is stopped (interrupts off). */
bool pgrp_has_stopped(int pgid);
/* Some process has id as its pid, group or session id (interrupts off):
 * the id may not be handed out again. */
bool proc_id_in_use(int id);

/* --- signals (proc/signal.c) --- */
/* Send sig to process p (kill: any of its threads that does not block it
 * takes it), or with to_thread to one thread of it (the caller if it is
 * p's, else the first): 0, or -EINVAL. sig 0 only checks. A zombie takes
 * nothing and it is no error. */
int signal_send(struct process *p, int sig, const struct ksiginfo *ki, bool to_thread);
/* Send sig to thread t (tkill, tgkill): 0, or -EINVAL. */
int signal_send_thread(struct thread *t, int sig, const struct ksiginfo *ki);
/* Send sig to the current thread, as Linux's send_sig(sig, current, 0)
 * (SIGPIPE): acted on before the system call returns to user mode. */
void signal_raise(int sig);
/* A fault in user code: sig is delivered to the current thread at once,
 * or kills it when blocked or ignored (as Linux's force_sig_fault). */
void signal_fault(struct trapframe *tf, int sig, int code, uint32_t addr);
/* On the way back to user mode: run the default action of, or set up the
 * handler frame for, every signal that is pending and not blocked; and
 * restart or fail (EINTR) an interrupted system call. */
void signal_deliver(struct trapframe *tf);
/* Whether signal_deliver has anything to do for t on its way back to
 * user mode: a signal pending and not blocked (for t or its process), its
 * process stopped, or rt_sigsuspend's mask to put back; after a system
 * call also its -ERESTART* result (syscall_restarts). Every trap from
 * user mode asks, with interrupts off; inline, the common answer (no)
 * costs a dozen instructions where the call cost a hundred. */
static inline bool signal_work(const struct thread *t)
{
	const struct process *p = t->proc;
	kernel_sigset_t ready = (t->sig_pending.set | p->sig_pending.set) & ~t->sig_blocked;
	return ready || p->stopped || t->sig_restore_saved;
}

/* A system call's result that signal_deliver turns into a restart or
 * EINTR: -ERESTARTSYS, -ERESTARTNOINTR or -ERESTARTNOHAND. */
static inline bool syscall_restarts(long r)
{
	return (uint32_t)r + ERESTARTNOHAND <= ERESTARTNOHAND - ERESTARTSYS;
}
/* fork: the child inherits the mask, not pending signals, and a copy of
 * the handlers, or with share the caller's table itself (CLONE_SIGHAND). */
void signal_fork(struct process *child, struct thread *ct, const struct thread *pt, bool share);
/* A new process's own handler table, all SIG_DFL: 0 or -ENOMEM; and
 * letting go of it (the process is reaped). */
int sighand_new(struct process *p);
void sighand_put(struct process *p);
/* execve, before the point of no return: a table shared with another
 * process becomes the caller's own copy (Linux's unshare_sighand). 0 or
 * -ENOMEM. */
int signal_exec_unshare(void);
/* execve: handlers go back to SIG_DFL (ignored signals stay ignored). */
void signal_exec(struct process *p);
/* sigaltstack: the thread's alternate stack as seen from sp, and setting
 * it (0, -EPERM while on it, -EINVAL, -ENOMEM when too small). */
void signal_altstack_get(const struct thread *t, uint32_t sp, stack_t *ss);
int signal_altstack_set(struct thread *t, const stack_t *ss, uint32_t sp);
/* rt_sigaction for the current process: the old action in *old; act may
 * be NULL. 0 or -EINVAL. */
int signal_action(int sig, const struct ksigaction *act, struct ksigaction *old);
/* rt_sigprocmask's change of the current thread's mask by how; SETMASK
 * keeps the bits of keep (the old sigprocmask sets only the low word). */
int signal_mask_change(int how, kernel_sigset_t set, kernel_sigset_t keep);
/* pause and rt_sigsuspend: sleep until a signal is to be acted on, with
 * the mask *mask meanwhile (if not NULL): -ERESTARTNOHAND. */
long signal_suspend(const kernel_sigset_t *mask);
/* rt_sigpending: the blocked signals that are pending for the current thread. */
kernel_sigset_t signal_blocked_pending(void);
/* rt_sigtimedwait: take a pending signal of these (SIGKILL and SIGSTOP
 * left out), or wait for one, for at most *ticks if ticks is not NULL: the
 * signal and its *ki, -EAGAIN when the time ran out, -EINTR when another
 * signal came. */
long signal_wait(kernel_sigset_t these, const uint64_t *ticks, struct ksiginfo *ki);
/* The siginfo user space sees for sig sent with *ki. */
void signal_siginfo_fill(siginfo_t *si, int sig, const struct ksiginfo *ki);
/* Free what a pending set queues (its owner is being freed). */
void sigpending_clear(struct sigpending *sp);
/* A sleeping thread that a signal is for wakes if its sleep allows it (sched.c). */
void sched_signal_wake(struct thread *t);
/* SIGKILL is pending for t, for it or its process (interrupts off). */
bool signal_fatal_pending(const struct thread *t);
/* A CPU exception raised by user code: the signal Linux would send. */
void trap_user_exception(struct trapframe *tf);
/* A segment-load fault on the way out of a trap (a user selector naming a
 * TLS slot changed since): repaired (true) or the process killed; false if
 * tf is not such a fault (proc/tls.c). */
bool tls_return_fixup(struct trapframe *tf);
uint32_t proc_count(void);

/* --- timers and CPU time (proc/timer.c) --- */
/* The tick: expire timers, charge the current thread (user: from ring 3). */
void timer_tick(bool user);
/* exit: all timers stop; exec: the POSIX timers go, ITIMER_REAL stays. */
void timer_exit(struct process *p, bool exec);
/* A reaped child's times and faults go to its parent's children totals. */
void timer_reaped(struct process *parent, const struct process *c);
struct rusage;
/* ru_utime and ru_stime from ticks. */
void timer_rusage_times(struct rusage *u, uint64_t utime, uint64_t stime);
/* CPU time of the current process or thread, in ns (the CPU-time clocks). */
uint64_t proc_cputime_ns(bool thread);
/* A program's name from its path (the part after the last '/'). */
void proc_set_comm(struct thread *t, const char *path);

#endif
