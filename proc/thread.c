/*
 * thread.c - creating and ending threads.
 *
 * A new thread's kernel stack is laid out so that the first context_switch
 * into it "returns" to thread_trampoline, which runs entry(arg) with
 * interrupts on and ends the thread when entry returns.
 */
#include "proc/thread_internal.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "mm/kheap.h"
#include "mm/kstack.h"
#include "drivers/pit.h"

extern char boot_stack_top[];

static struct wait_queue kernel_child_exit;
/* The kernel's directories are the root; its umask is what init inherits. */
static struct fs_struct kernel_fs = { .users = 1, .umask = CRED_UMASK_DEFAULT };
static struct sighand kernel_sighand = { .users = 1 };   /* all SIG_DFL */
struct process kernel_process = { .pid = 0, .state = PROC_ALIVE, .exe = "kernel",
				  .child_exit = &kernel_child_exit, .cred = CRED_INIT, .fs = &kernel_fs,
				  .sighand = &kernel_sighand };
static struct thread boot_thread;
/* A thread id is also a pid (a process's pid is its first thread's tid).
 * The kernel's own threads, kmain and the per-CPU idle thread, share the
 * kernel process's pid 0, as Linux's swapper does; ids are handed out from
 * 1, so the first program started (init) is pid 1. */
#define KERNEL_TID 0
#define PID_MAX       32768             /* Linux's default pid_max: ids stay below it */
#define RESERVED_PIDS 300               /* after a wrap, ids start again here (Linux) */
static int next_tid = KERNEL_TID + 1;   /* irq-off (commit fca35bb) */
static uint32_t threads = 1;            /* irq-off: threads alive */

uint32_t thread_count(void) { return threads; }

/* The next id: the one after the last, wrapping at PID_MAX to
 * RESERVED_PIDS, skipping ids a process still holds as its pid, group or
 * session (Linux's alloc_pid). PROC_MAX processes (proc/fork.c) leave most
 * ids free. Interrupts are off. */
static int tid_next(void)
{
	for (;;) {
		int id = next_tid;
		next_tid = id + 1 >= PID_MAX ? RESERVED_PIDS : id + 1;
		if (!proc_id_in_use(id))
			return id;
	}
}

int tid_set_next(int next)
{
	uint32_t f = irq_save();
	int old = next_tid;
	next_tid = next;
	irq_restore(f);
	return old;
}


/* A thread with its own stack and a new tid, or the kernel's (kernel_own). */
static struct thread *thread_new(const char *name, bool kernel_own)
{
	struct thread *t = kzalloc(sizeof(*t));
	if (!t)
		return NULL;
	t->kstack_top = kstack_alloc();
	if (!t->kstack_top) {
		kfree(t);
		return NULL;
	}
	strlcpy(t->name, name, sizeof(t->name));
	fpu_init_state(t);
	uint32_t f = irq_save();             /* two spawners may race here */
	t->tid = kernel_own ? KERNEL_TID : tid_next();
	threads++;
	irq_restore(f);
	return t;
}

struct thread *thread_alloc(const char *name)
{
	return thread_new(name, false);
}

void thread_free(struct thread *t)
{
	sigpending_clear(&t->sig_pending);
	KASSERT(t->nborrowed == 0);
	kfree(t->borrowed);
	kstack_free(t->kstack_top);
	kfree(t);
	uint32_t f = irq_save();
	threads--;
	irq_restore(f);
}

static void __attribute__((noreturn)) thread_trampoline(void);

/* Make t's first switch "return" into thread_trampoline, to run entry(arg).
 * The top of the stack is kept free for the user trapframe (where the CPU
 * puts it on a trap from ring 3), so thread_enter_user can write it there
 * without touching a live kernel frame. */
static void prepare_stack(struct thread *t, void (*entry)(void *), void *arg)
{
	t->entry = entry;
	t->arg = arg;
	struct context *c = (struct context *)(t->kstack_top - sizeof(struct trapframe) -
					       sizeof(*c) - sizeof(uint32_t));
	memset(c, 0, sizeof(*c));
	c->eip = (uint32_t)thread_trampoline;
	t->ctx = c;
}

static void __attribute__((noreturn)) thread_trampoline(void)
{
	struct thread *t = cpu0.current;
	if (cpu0.dead) {                     /* as at the end of switch_to */
		thread_free(cpu0.dead);
		cpu0.dead = NULL;
	}
	sti();
	t->entry(t->arg);
	thread_exit();
}

static void idle_loop(void *arg)
{
	(void)arg;
	for (;;)
		hlt();
}

struct thread *thread_spawn(const char *name, void (*entry)(void *), void *arg)
{
	struct thread *t = thread_alloc(name);
	if (!t)
		return NULL;
	t->proc = &kernel_process;
	thread_start(t, entry, arg);
	return t;
}

void thread_start(struct thread *t, void (*entry)(void *), void *arg)
{
	prepare_stack(t, entry, arg);
	uint32_t f = irq_save();
	sched_make_runnable(t);
	irq_restore(f);
}

void thread_enter_user(const struct trapframe *src)
{
	struct thread *t = cpu0.current;
	struct trapframe *tf = (struct trapframe *)(t->kstack_top - sizeof(*tf));
	cli();
	memcpy(tf, src, sizeof(*tf));
	__asm__ volatile("mov %0, %%esp\n\tjmp trap_return" : : "r"(tf) : "memory");
	__builtin_unreachable();
}

void thread_exit(void)
{
	cli();
	struct thread *t = cpu0.current;
	KASSERT(t != cpu0.idle);
	t->state = THREAD_DEAD;
	cpu0.dead = t;
	schedule();
	panic("thread_exit: a dead thread ran again");
}

void proc_init(void)
{
	fpu_init();
	kernel_process.vm = vmm_kernel_space();
	kernel_process.threads = &boot_thread;
	kernel_process.nthreads = 1;
	strlcpy(boot_thread.name, "kmain", sizeof(boot_thread.name));
	boot_thread.tid = KERNEL_TID;
	boot_thread.proc = &kernel_process;
	boot_thread.state = THREAD_RUNNING;
	boot_thread.kstack_top = (uint32_t)boot_stack_top;
	fpu_init_state(&boot_thread);
	cpu0.current = &boot_thread;
	/* The idle thread runs only when nothing else can: it is never queued. */
	cpu0.idle = thread_new("idle", true);
	if (!cpu0.idle)
		panic("proc_init: no memory for the idle thread");
	cpu0.idle->proc = &kernel_process;
	prepare_stack(cpu0.idle, idle_loop, NULL);
	pit_set_tick_hook(sched_tick);
	task_limit_init();
}
