/*
 * futex_ops - the futex system call as Linux answers it: EAGAIN when the
 * word changed, ETIMEDOUT after a relative (FUTEX_WAIT) or absolute
 * (FUTEX_WAIT_BITSET, CLOCK_MONOTONIC or CLOCK_REALTIME) timeout and not
 * before it, EINVAL for bad arguments, EINTR when a handler runs, wakes
 * by bitset, REQUEUE and CMP_REQUEUE, WAKE_OP, the time64 call, and the
 * timeouts of pthread_cond_timedwait and pthread_mutex_timedlock.
 * Expected output: Linux's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_futex_time64
#define SYS_futex_time64 422
#endif

struct ts64 { long long sec, nsec; };

static uint32_t word, word2;
static volatile int ready;

static long futex(uint32_t *u, int op, uint32_t val, const void *ts, uint32_t *u2, uint32_t val3)
{
	return syscall(SYS_futex, u, op, val, ts, u2, val3);
}

static const char *res(long r)
{
	static char buf[32];
	if (r >= 0) {
		snprintf(buf, sizeof(buf), "%ld", r);
		return buf;
	}
	switch (errno) {
	case EAGAIN: return "EAGAIN";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EINVAL: return "EINVAL";
	case EINTR: return "EINTR";
	case ENOSYS: return "ENOSYS";
	case EFAULT: return "EFAULT";
	}
	return strerror(errno);
}

static long long now_ns(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void timed(const char *what, int op, const struct timespec *ts, long long min_ms)
{
	long long t0 = now_ns(CLOCK_MONOTONIC);
	long r = futex(&word, op, word, ts, NULL, FUTEX_BITSET_MATCH_ANY);
	long long ms = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
	printf("%s: %s, not early: %s\n", what, res(r), ms >= min_ms ? "yes" : "no");
}

static void timeouts(void)
{
	struct timespec rel = { 0, 30 * 1000000 }, abs;
	timed("WAIT 30 ms", FUTEX_WAIT, &rel, 30);
	timed("WAIT_PRIVATE 30 ms", FUTEX_WAIT_PRIVATE, &rel, 30);
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 40 * 1000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	timed("WAIT_BITSET monotonic +40 ms", FUTEX_WAIT_BITSET, &abs, 30);
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_sec += 0;
	abs.tv_nsec = abs.tv_nsec >= 950000000 ? abs.tv_nsec : abs.tv_nsec + 40 * 1000000;
	timed("WAIT_BITSET realtime", FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, &abs, 0);
	struct timespec past = { 1, 0 };
	timed("WAIT_BITSET in the past", FUTEX_WAIT_BITSET, &past, 0);
	struct timespec zero = { 0, 0 };
	timed("WAIT 0 s", FUTEX_WAIT, &zero, 0);
	struct ts64 t64 = { 0, 20 * 1000000 };
	long long t0 = now_ns(CLOCK_MONOTONIC);
	long r = syscall(SYS_futex_time64, &word, FUTEX_WAIT, word, &t64, NULL, 0);
	printf("futex_time64 WAIT 20 ms: %s, not early: %s\n", res(r),
	       (now_ns(CLOCK_MONOTONIC) - t0) / 1000000 >= 20 ? "yes" : "no");
}

static void errors(void)
{
	struct timespec bad = { 0, 1000000000 }, neg = { -1, 0 };
	word = 5;
	printf("WAIT on a changed word: %s\n", res(futex(&word, FUTEX_WAIT, 4, NULL, NULL, 0)));
	printf("WAIT tv_nsec 1e9: %s\n", res(futex(&word, FUTEX_WAIT, 5, &bad, NULL, 0)));
	printf("WAIT tv_sec -1: %s\n", res(futex(&word, FUTEX_WAIT, 5, &neg, NULL, 0)));
	printf("WAIT_BITSET bitset 0: %s\n", res(futex(&word, FUTEX_WAIT_BITSET, 5, NULL, NULL, 0)));
	printf("WAKE_BITSET bitset 0: %s\n", res(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0)));
	printf("WAIT misaligned: %s\n", res(futex((uint32_t *)((char *)&word + 1), FUTEX_WAIT, 5, NULL, NULL, 0)));
	printf("WAIT at NULL: %s\n", res(futex(NULL, FUTEX_WAIT, 5, NULL, NULL, 0)));
	printf("WAKE nobody: %s\n", res(futex(&word, FUTEX_WAKE, 10, NULL, NULL, 0)));
	printf("unknown op 99: %s\n", res(futex(&word, 99, 0, NULL, NULL, 0)));
	printf("WAKE with CLOCK_REALTIME: %s\n", res(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0)));
	printf("CMP_REQUEUE on a changed word: %s\n",
	       res(futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)1, &word2, 4)));
	printf("REQUEUE negative count: %s\n", res(futex(&word, FUTEX_REQUEUE, 1, (void *)-1, &word2, 0)));
}

/* Waiters on word (bitset b) count themselves as they wake. */
static int woke;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *waiter(void *arg)
{
	uint32_t *w = arg;
	__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
	while (futex(w, FUTEX_WAIT, 0, NULL, NULL, 0) == 0 && *w == 0)
		;                               /* a wake without a change: wait again */
	pthread_mutex_lock(&m);
	woke++;
	pthread_mutex_unlock(&m);
	return NULL;
}

static void *bit_waiter(void *arg)
{
	uint32_t bit = (uint32_t)(uintptr_t)arg;
	__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
	long r = futex(&word, FUTEX_WAIT_BITSET, 0, NULL, NULL, bit);
	pthread_mutex_lock(&m);
	woke += r == 0 ? (int)bit : 1000;
	pthread_mutex_unlock(&m);
	return NULL;
}

static void settle(int n)
{
	while (ready < n)
		usleep(1000);
	usleep(50000);                          /* they are asleep in the kernel by now */
}

static void wakes(void)
{
	pthread_t th[4];
	word = 0, ready = 0, woke = 0;
	for (int i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, bit_waiter, (void *)(uintptr_t)(1u << i));
	settle(3);
	printf("WAKE_BITSET 0b110: %s\n", res(futex(&word, FUTEX_WAKE_BITSET, 10, NULL, NULL, 6)));
	usleep(20000);
	printf("woken bits: %d\n", woke);
	printf("WAKE_BITSET 0b001: %s\n", res(futex(&word, FUTEX_WAKE_BITSET, 10, NULL, NULL, 1)));
	for (int i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	printf("woken bits: %d\n", woke);

	word = word2 = 0, ready = 0, woke = 0;
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, waiter, &word);
	settle(4);
	word = 1;                               /* what lets a woken waiter go */
	printf("CMP_REQUEUE 1 woken, 2 moved: %s\n",
	       res(futex(&word, FUTEX_CMP_REQUEUE, 1, (void *)2, &word2, 1)));
	printf("WAKE on the old word: %s\n", res(futex(&word, FUTEX_WAKE, 10, NULL, NULL, 0)));
	printf("WAKE on the new word: %s\n", res(futex(&word2, FUTEX_WAKE, 10, NULL, NULL, 0)));
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	printf("woken: %d\n", woke);

	word = word2 = 0, ready = 0, woke = 0;
	for (int i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, waiter, &word2);
	settle(2);
	/* word2 += 1 (was 0); wake 1 on word (nobody); if old == 0, wake 1 on word2. */
	int op = FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_EQ, 0);
	const char *r = res(futex(&word, FUTEX_WAKE_OP, 1, (void *)1, &word2, op));
	printf("WAKE_OP: %s, word2 now %u\n", r, word2);
	op = FUTEX_OP(FUTEX_OP_SET, 7, FUTEX_OP_CMP_GT, 5);
	r = res(futex(&word, FUTEX_WAKE_OP, 1, (void *)1, &word2, op));
	printf("WAKE_OP false: %s, word2 now %u\n", r, word2);
	printf("WAKE the rest: %s\n", res(futex(&word2, FUTEX_WAKE, 10, NULL, NULL, 0)));
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	printf("woken: %d\n", woke);
}

static void on_signal(int sig) { (void)sig; }

/* SIGUSR1 to the main thread a little later (no alarm: timers are not
 * the point here). */
static void *poker(void *arg)
{
	usleep(50000);
	syscall(SYS_tgkill, getpid(), (pid_t)(intptr_t)arg, SIGUSR1);
	return NULL;
}

static long wait_poked(const struct timespec *ts)
{
	pthread_t t;
	pthread_create(&t, NULL, poker, (void *)(intptr_t)syscall(SYS_gettid));
	long r = futex(&word, FUTEX_WAIT, 0, ts, NULL, 0);
	int e = errno;
	pthread_join(t, NULL);
	errno = e;
	return r;
}

static void interrupted(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;              /* no SA_RESTART */
	sigaction(SIGUSR1, &sa, NULL);
	word = 0;
	printf("WAIT interrupted by a handler: %s\n", res(wait_poked(NULL)));
	struct timespec ten = { 10, 0 };
	printf("WAIT with a timeout, interrupted: %s\n", res(wait_poked(&ten)));
}

static void pthread_timeouts(void)
{
	pthread_mutex_t mx = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
	struct timespec abs;
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_nsec += 30000000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&mx);
	int r = pthread_cond_timedwait(&cv, &mx, &abs);
	printf("pthread_cond_timedwait: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : strerror(r));
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_nsec = abs.tv_nsec >= 970000000 ? abs.tv_nsec : abs.tv_nsec + 30000000;
	r = pthread_mutex_timedlock(&mx, &abs);       /* held by us: a normal mutex waits */
	printf("pthread_mutex_timedlock on a held mutex: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : strerror(r));
	pthread_mutex_unlock(&mx);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	errors();
	timeouts();
	wakes();
	interrupted();
	pthread_timeouts();
	return 0;
}
