/*
 * thread_signals - signals among threads, and what dies with a thread: a
 * process-directed signal (kill) goes to a thread that does not block it;
 * tgkill reaches the thread named; masks and thread-directed pending sets
 * are per thread, kill's pending set is the process's; a robust mutex
 * whose owner dies is EOWNERDEAD for the next locker (the kernel walks
 * the dead thread's robust list); get_robust_list; and the scheduling
 * calls of a one-CPU machine. Expected output: Linux's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile pid_t handled_by;
static volatile int handled_sig;
static pid_t worker_tid;
static volatile int stop, worker_ready;

static pid_t gettid_(void) { return (pid_t)syscall(SYS_gettid); }

static void handler(int sig)
{
	handled_by = gettid_();
	handled_sig = sig;
}

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = gettid_();
	sigset_t none;
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);    /* it takes everything */
	worker_ready = 1;
	while (!stop)
		usleep(1000);
	return NULL;
}

static const char *who(void)
{
	if (handled_by == worker_tid)
		return "the worker";
	return handled_by == getpid() ? "main" : "nobody";
}

static void wait_handled(void)
{
	for (int i = 0; i < 2000 && !handled_sig; i++)
		usleep(1000);
}

static void signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigset_t usr;
	sigemptyset(&usr);
	sigaddset(&usr, SIGUSR1);
	sigaddset(&usr, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &usr, NULL);      /* main blocks both */
	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
	while (!worker_ready)
		usleep(1000);
	kill(getpid(), SIGUSR1);
	wait_handled();
	printf("kill(getpid): SIGUSR1 handled by %s\n", who());

	handled_sig = 0, handled_by = 0;
	syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR2);
	wait_handled();
	printf("tgkill(worker): SIGUSR2 handled by %s\n", who());

	handled_sig = 0, handled_by = 0;
	syscall(SYS_tgkill, getpid(), getpid(), SIGUSR2);   /* to main, which blocks it */
	usleep(20000);
	sigset_t pend;
	sigpending(&pend);
	printf("tgkill(main) while blocked: handled: %s, pending in main: %s\n",
	       handled_sig ? "yes" : "no", sigismember(&pend, SIGUSR2) ? "yes" : "no");
	printf("tgkill with a wrong tgid: %s\n",
	       syscall(SYS_tgkill, getpid() + 1000, worker_tid, SIGUSR2) < 0 && errno == ESRCH ? "ESRCH" : "sent");
	sigprocmask(SIG_UNBLOCK, &usr, NULL);         /* now main takes its own */
	printf("after unblocking: handled by %s\n", who());
	stop = 1;
	pthread_join(t, NULL);
}

static pthread_mutex_t robust;

static void *robust_owner(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&robust);
	return NULL;                                  /* dies holding it */
}

static void robust_list(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust, &a);
	pthread_t t;
	pthread_create(&t, NULL, robust_owner, NULL);
	pthread_join(t, NULL);
	int r = pthread_mutex_lock(&robust);
	printf("robust mutex of a dead owner: %s\n", r == EOWNERDEAD ? "EOWNERDEAD" : strerror(r));
	printf("made consistent: %d\n", pthread_mutex_consistent(&robust));
	pthread_mutex_unlock(&robust);
	printf("locks again: %d\n", pthread_mutex_lock(&robust));
	pthread_mutex_unlock(&robust);
	void *head = NULL;
	size_t len = 0;
	long g = syscall(SYS_get_robust_list, 0, &head, &len);
	printf("get_robust_list: %ld, a head: %s, len %zu\n", g, head ? "yes" : "no", len);
	printf("get_robust_list of no one: %s\n",
	       syscall(SYS_get_robust_list, 999999, &head, &len) < 0 && errno == ESRCH ? "ESRCH" : "?");
	printf("set_robust_list with a bad size: %s\n",
	       syscall(SYS_set_robust_list, head, 5) < 0 && errno == EINVAL ? "EINVAL" : "?");
}

static void scheduling(void)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	int r = sched_getaffinity(0, sizeof(set), &set);
	printf("sched_getaffinity: %d, CPUs: %d, CPU 0: %s\n", r, CPU_COUNT(&set),
	       CPU_ISSET(0, &set) ? "yes" : "no");
	printf("sched_setaffinity to CPU 0: %d\n", sched_setaffinity(0, sizeof(set), &set));
	CPU_ZERO(&set);
	printf("sched_setaffinity to no CPU: %s\n",
	       sched_setaffinity(0, sizeof(set), &set) < 0 && errno == EINVAL ? "EINVAL" : "?");
	printf("sched_getaffinity of no one: %s\n",
	       sched_getaffinity(999999, sizeof(set), &set) < 0 && errno == ESRCH ? "ESRCH" : "?");
	printf("sched_getscheduler: %d\n", sched_getscheduler(0));
	struct sched_param sp = { 0 };
	printf("sched_getparam: %d, priority %d\n", sched_getparam(0, &sp), sp.sched_priority);
	printf("priority range FIFO: %d..%d, OTHER: %d..%d\n", sched_get_priority_min(SCHED_FIFO),
	       sched_get_priority_max(SCHED_FIFO), sched_get_priority_min(SCHED_OTHER),
	       sched_get_priority_max(SCHED_OTHER));
	sp.sched_priority = 5;
	printf("SCHED_OTHER with priority 5: %s\n",
	       sched_setscheduler(0, SCHED_OTHER, &sp) < 0 && errno == EINVAL ? "EINVAL" : "?");
	printf("policy 42: %s\n", sched_setscheduler(0, 42, &sp) < 0 && errno == EINVAL ? "EINVAL" : "?");
	sp.sched_priority = 0;
	r = sched_setscheduler(0, SCHED_BATCH, &sp);
	printf("SCHED_BATCH: %d, now %d\n", r, sched_getscheduler(0));
	printf("back to SCHED_OTHER: %d\n", sched_setscheduler(0, SCHED_OTHER, &sp));
	printf("sched_yield: %d\n", sched_yield());
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	signals();
	robust_list();
	scheduling();
	return 0;
}
