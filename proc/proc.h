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

struct thread {
	int tid;
	enum thread_state state;
	char name[THREAD_NAME_MAX];
	struct process *proc;
	uint32_t kstack_top;
	struct context *ctx;
	struct thread *next;              /* on the run queue or a wait queue */
	uint64_t wake_tick;               /* when sleeping with a timeout */
	void (*entry)(void *);
	void *arg;
	struct trapframe *tf;             /* user registers, while in a syscall */
	user_ptr_t clear_child_tid;       /* set_tid_address */
	struct tls_desc tls[TLS_ENTRIES];
	uint8_t fpu[FPU_STATE_SIZE] __attribute__((aligned(16)));
};

enum process_state { PROC_ALIVE, PROC_ZOMBIE };

struct process {
	int pid;
	struct process *parent;
	enum process_state state;
	int exit_status;                  /* Linux wait status: code << 8, or the signal */
	struct vm_space *vm;
	struct mm *mm;                    /* user memory areas (mm/uvm.h) */
	struct thread *thread;            /* one thread per process for now */
	struct file *fd[PROC_FDS];
	char exe[PROC_PATH_MAX];          /* for /proc/self/exe */
	bool orphan;                      /* parent died: nobody will wait, reap at exit */
	struct process *next;             /* all processes */
	struct wait_queue *child_exit;    /* woken when a child becomes a zombie */
};

/* A list of sleeping threads woken together. */
struct wait_queue {
	struct thread *head;
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
void sched_preempt_point(void);                  /* on the way out of a trap */
void sleep_on(struct wait_queue *wq);            /* caller disabled interrupts */
void wake_all(struct wait_queue *wq);
void sleep_ticks(uint64_t ticks);
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
