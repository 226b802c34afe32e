/*
 * futex_pi_ops - the priority-inheritance futex operations, which glibc's
 * PTHREAD_PRIO_INHERIT mutexes use: tern answered FUTEX_LOCK_PI,
 * UNLOCK_PI and TRYLOCK_PI with ENOSYS, so such a mutex could not be
 * waited for. Linux's protocol on the word: the owner's tid, FUTEX_WAITERS
 * set by a thread that blocks (a failed trylock too), the lock handed
 * to the first waiter at unlock (its tid | FUTEX_WAITERS), EDEADLK to the
 * owner, EPERM to a non-owner's unlock, ESRCH for an owner that does not
 * exist, ETIMEDOUT at an absolute CLOCK_REALTIME deadline, FUTEX_OWNER_DIED
 * when a robust owner dies (EOWNERDEAD for glibc, also for a thread that
 * was already waiting), and the requeue-PI operations' argument checks.
 * Expected output: Linux's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define THREADS 4
#define ROUNDS  2000
#define NO_SUCH_TID 0x3ffffff0u

static uint32_t word, other;
static volatile int stage;
static pid_t b_tid;

static long futex(uint32_t *u, int op, const struct timespec *ts, uint32_t *u2, uint32_t val3)
{
	return syscall(SYS_futex, u, op, 0, ts, u2, val3);
}

static const char *res(long r)
{
	static char buf[64];
	if (r >= 0)
		snprintf(buf, sizeof(buf), "%ld", r);
	else
		snprintf(buf, sizeof(buf), "%s", strerrorname_np(errno));
	return buf;
}

static pid_t gettid_(void) { return (pid_t)syscall(SYS_gettid); }

/* The word, with the tid named: "me", "B", "0" or "other". */
static const char *who(uint32_t w)
{
	static char buf[80];
	uint32_t tid = w & FUTEX_TID_MASK;
	const char *name = !tid ? "0" : tid == (uint32_t)gettid_() ? "me" : tid == (uint32_t)b_tid ? "B" : "other";
	snprintf(buf, sizeof(buf), "%s%s%s", name, (w & FUTEX_WAITERS) ? "|WAITERS" : "",
		 (w & FUTEX_OWNER_DIED) ? "|OWNER_DIED" : "");
	return buf;
}

/* The call's result, then the word after it (in that order). */
static void op_word(const char *what, uint32_t *u, int op)
{
	long r = futex(u, op, NULL, NULL, 0);
	printf("%s: %s, ", what, res(r));
	printf("word %s\n", who(*u));
}

static void ms_sleep(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

/* B: waits for the lock main holds, then gives it back. */
static void *thread_b(void *arg)
{
	(void)arg;
	b_tid = gettid_();
	stage = 1;
	op_word("B: LOCK_PI after main's unlock (me: B)", &word, FUTEX_LOCK_PI);
	op_word("B: UNLOCK_PI with nobody waiting", &word, FUTEX_UNLOCK_PI);
	return NULL;
}

static void raw_ops(void)
{
	op_word("LOCK_PI on 0", &word, FUTEX_LOCK_PI);
	printf("LOCK_PI again: %s\n", res(futex(&word, FUTEX_LOCK_PI, NULL, NULL, 0)));
	printf("TRYLOCK_PI own: %s\n", res(futex(&word, FUTEX_TRYLOCK_PI, NULL, NULL, 0)));
	op_word("UNLOCK_PI", &word, FUTEX_UNLOCK_PI);
	printf("UNLOCK_PI not owner: %s\n", res(futex(&word, FUTEX_UNLOCK_PI, NULL, NULL, 0)));
	op_word("TRYLOCK_PI on 0", &word, FUTEX_TRYLOCK_PI);
	futex(&word, FUTEX_UNLOCK_PI, NULL, NULL, 0);
	other = NO_SUCH_TID;
	printf("LOCK_PI, owner does not exist: %s\n", res(futex(&other, FUTEX_LOCK_PI, NULL, NULL, 0)));
	printf("UNALIGNED: %s\n", res(futex((uint32_t *)((char *)&other + 1), FUTEX_LOCK_PI, NULL, NULL, 0)));
}

static void handoff(void)
{
	futex(&word, FUTEX_LOCK_PI, NULL, NULL, 0);
	pthread_t b;
	pthread_create(&b, NULL, thread_b, NULL);
	while (!stage)
		ms_sleep(1);
	ms_sleep(50);                        /* B blocks in LOCK_PI */
	printf("main: word with B waiting: %s\n", who(word));
	printf("main: TRYLOCK_PI own, B waiting: %s\n", res(futex(&word, FUTEX_TRYLOCK_PI, NULL, NULL, 0)));
	long r = futex(&word, FUTEX_UNLOCK_PI, NULL, NULL, 0);
	pthread_join(b, NULL);                   /* B's lines first, whoever runs first */
	printf("main: UNLOCK_PI: %s\n", res(r));
}

static volatile int holder_go;

static void *holder(void *arg)
{
	(void)arg;
	futex(&other, FUTEX_LOCK_PI, NULL, NULL, 0);
	stage = 2;
	while (!holder_go)
		ms_sleep(1);
	futex(&other, FUTEX_UNLOCK_PI, NULL, NULL, 0);
	return NULL;
}

static void held_by_another(void)
{
	other = 0;
	stage = 0;
	pthread_t h;
	pthread_create(&h, NULL, holder, NULL);
	while (stage != 2)
		ms_sleep(1);
	op_word("TRYLOCK_PI held by another", &other, FUTEX_TRYLOCK_PI);
	printf("UNLOCK_PI of another's: %s\n", res(futex(&other, FUTEX_UNLOCK_PI, NULL, NULL, 0)));
	struct timespec now, t0, t1;
	clock_gettime(CLOCK_REALTIME, &now);
	now.tv_nsec += 50000000;
	if (now.tv_nsec >= 1000000000) {
		now.tv_sec++;
		now.tv_nsec -= 1000000000;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	long r = futex(&other, FUTEX_LOCK_PI, &now, NULL, 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	printf("LOCK_PI with a 50 ms deadline: %s, waited at least 45 ms: %s\n", res(r), ms >= 45 ? "yes" : "no");
	holder_go = 1;
	pthread_join(h, NULL);
	printf("after the holder's unlock: word %s\n", who(other));
}

static void requeue_pi_checks(void)
{
	printf("CMP_REQUEUE_PI same word: %s\n",
	       res(syscall(SYS_futex, &word, FUTEX_CMP_REQUEUE_PI, 1, 1, &word, 0)));
	printf("CMP_REQUEUE_PI nr_wake 2: %s\n",
	       res(syscall(SYS_futex, &word, FUTEX_CMP_REQUEUE_PI, 2, 1, &other, 0)));
	printf("WAIT_REQUEUE_PI same word: %s\n",
	       res(syscall(SYS_futex, &word, FUTEX_WAIT_REQUEUE_PI, 0, NULL, &word, 0)));
}

static pthread_mutex_t pi_mutex, robust;
static long counter;

static void *adder(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&pi_mutex);
		long c = counter;
		if (i % 64 == 0)
			sched_yield();           /* hold it across a switch: others block */
		counter = c + 1;
		pthread_mutex_unlock(&pi_mutex);
	}
	return NULL;
}

static void glibc_prio_inherit(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
	pthread_mutex_init(&pi_mutex, &a);
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, adder, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("PTHREAD_PRIO_INHERIT, %d threads x %d: counter %ld\n", THREADS, ROUNDS, counter);
}

static void *dies_holding(void *arg)
{
	pthread_mutex_lock(&robust);
	stage = 3;
	if (arg)
		ms_sleep(100);                   /* main blocks on it meanwhile */
	return NULL;                             /* ends holding it */
}

static void robust_owner_dies(int waiting)
{
	stage = 0;
	pthread_t t;
	pthread_create(&t, NULL, dies_holding, waiting ? (void *)&holder_go : NULL);
	if (!waiting)
		pthread_join(t, NULL);
	else
		while (stage != 3)
			ms_sleep(1);
	int e = pthread_mutex_lock(&robust);
	printf("robust PI mutex, owner died %s: %s", waiting ? "while we waited" : "before",
	       e == EOWNERDEAD ? "EOWNERDEAD" : e ? strerror(e) : "0");
	int c = pthread_mutex_consistent(&robust);
	printf(", consistent %d", c);
	printf(", unlock %d\n", pthread_mutex_unlock(&robust));
	if (waiting)
		pthread_join(t, NULL);
}

static void glibc_robust_pi(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust, &a);
	robust_owner_dies(0);
	robust_owner_dies(1);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	raw_ops();
	handoff();
	held_by_another();
	requeue_pi_checks();
	glibc_prio_inherit();
	glibc_robust_pi();
	return 0;
}
