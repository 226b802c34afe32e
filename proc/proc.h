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
#include "kernel/wait.h"
#include "mm/usercopy.h"
#include "mm/vmm.h"
#include <stdbool.h>
#include <stdint.h>

#define FPU_STATE_SIZE   512          /* FXSAVE area */
#define PROC_FDS         32
#define PROC_PATH_MAX    256
#define THREAD_NAME_MAX  32
#define TLS_ENTRIES      3            /* GDT slots 6-8, as Linux */

struct context;                       /* saved callee-saved registers (switch.asm) */
struct file;
struct mm;

enum thread_state { THREAD_RUNNABLE, THREAD_RUNNING, THREAD_SLEEPING, THREAD_DEAD };

/* A raw GDT descriptor (two words), for the thread's TLS slots. */
struct tls_desc {
	uint32_t lo, hi;
};

/*
 * Locking (one CPU): "irq-off" fields are read and written with interrupts
 * off, which is the scheduler's lock; "own" fields only by the thread or
 * process itself (its own thread, in its own system calls); "fixed" ones
 * are set before the thread or process is visible to anyone else and never
 * change after.
 */
struct thread {
	int tid;                          /* fixed */
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
	uint8_t fpu[FPU_STATE_SIZE] __attribute__((aligned(16)));   /* own, and the scheduler's */
};

enum process_state { PROC_ALIVE, PROC_ZOMBIE };

struct process {
	int pid;                          /* fixed */
	struct process *parent;           /* irq-off (orphaning rewrites it) */
	enum process_state state;         /* irq-off */
	int exit_status;                  /* irq-off: Linux wait status: code << 8, or the signal */
	/* own; the scheduler reads it to switch in. Written before the
	 * switch it names (proc_exit: a preemption in between must find it
	 * pointing at the space that stays). */
	struct vm_space *vm;
	struct mm *mm;                    /* own: user memory areas (mm/uvm.h) */
	struct thread *thread;            /* irq-off: one thread per process for now */
	struct file *fd[PROC_FDS];        /* own: the descriptor table (fs/fd.h) */
	uint32_t fd_cloexec;              /* own: bit n: close fd n at execve */
	char exe[PROC_PATH_MAX];          /* own (for /proc/self/exe) */
	bool orphan;                      /* irq-off: parent died: reap at exit */
	struct process *next;             /* irq-off: all processes (proc/process.c) */
	struct wait_queue *child_exit;    /* fixed: woken when a child becomes a zombie */
};

/* --- threads and scheduling (proc/thread.c, proc/sched.c) --- */
void proc_init(void);                            /* make the boot thread thread 0 */
struct thread *current_thread(void);
struct process *current_process(void);
/* A kernel thread running entry(arg); NULL when out of memory. */
struct thread *thread_spawn(const char *name, void (*entry)(void *), void *arg);
__attribute__((noreturn)) void thread_exit(void);
/* Leave for ring 3 with the registers in *src (which may be anywhere). */
__attribute__((noreturn)) void thread_enter_user(const struct trapframe *src);
void thread_yield(void);
void sched_tick(void);                           /* from the timer interrupt */
/* On the way out of a trap: switch if the slice is used up and the
 * interrupted context allows it (interrupts were on, no lock held). */
void sched_preempt_point(const struct trapframe *tf);
/* The time slice in timer ticks (timeslice= on the command line): the old one. */
uint32_t sched_set_timeslice(uint32_t ticks);
uint32_t thread_count(void);

/* --- processes (proc/process.c, proc/exec.c) --- */
/* Start the program at path (in the root file system) as a new process,
 * child of the current one, with stdio[0..2] as its fds 0-2 (references are
 * taken). argv/envp are NULL-terminated kernel arrays. The file is checked
 * here, before anything is built: the pid, or -ENOENT, -ENOEXEC, -ENOMEM. */
int proc_spawn(const char *path, char *const argv[], char *const envp[], struct file *stdio[3]);
/* Wait for a child to end: its pid and *status (Linux wait status), or -ECHILD. */
int proc_wait(int pid, int *status);
/* End the current process with a Linux wait status. */
__attribute__((noreturn)) void proc_exit(int status);
/* Kill the current process by signal sig (no handlers yet). */
__attribute__((noreturn)) void proc_kill_self(int sig);
/* A CPU exception raised by user code: the signal Linux would send (kills). */
__attribute__((noreturn)) void trap_user_exception(struct trapframe *tf);
/* A segment-load fault on the way out of a trap (a user selector naming a
 * TLS slot changed since): repaired (true) or the process killed; false if
 * tf is not such a fault (proc/tls.c). */
bool tls_return_fixup(struct trapframe *tf);
/* A user fault at addr that nothing resolves: report it and kill by sig. */
__attribute__((noreturn)) void proc_fault_signal(struct trapframe *tf, int sig, uint32_t addr);
uint32_t proc_count(void);

#endif
