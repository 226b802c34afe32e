/* futex_pingpong.c - two threads of one process hand a turn back and forth
 * through one futex word: each waits (FUTEX_WAIT_PRIVATE) until the word
 * says its turn, sets the other's turn and wakes it (FUTEX_WAKE_PRIVATE).
 * One op = one round trip (two waits, two wakes, two switches). */
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include "bench.h"

#define NAME "futex_pingpong"

static uint32_t turn;               /* 0: the main thread's turn, 1: the other's */
static long rounds;

static void wait_for(uint32_t mine)
{
	while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != mine)
		syscall(SYS_futex, &turn, FUTEX_WAIT_PRIVATE, !mine, NULL, NULL, 0);
}

static void hand_over(uint32_t other)
{
	__atomic_store_n(&turn, other, __ATOMIC_RELEASE);
	syscall(SYS_futex, &turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *partner(void *arg)
{
	(void)arg;
	for (long i = 0; i < rounds; i++) {
		wait_for(1);
		hand_over(0);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	pthread_t t;
	rounds = n + 1;                     /* one warm-up round */
	if ((errno = pthread_create(&t, NULL, partner, NULL)) != 0)
		bench_fail(NAME, "pthread_create");
	hand_over(1);
	wait_for(0);
	uint64_t t0 = bench_rdtsc();
	for (long i = 0; i < n; i++) {
		hand_over(1);
		wait_for(0);
	}
	uint64_t t1 = bench_rdtsc();
	pthread_join(t, NULL);
	bench_report(NAME, n, t1 - t0);
	return 0;
}
