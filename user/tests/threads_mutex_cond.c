/*
 * threads_mutex_cond - eight threads with glibc's static pthreads: a
 * counter under a mutex, turns handed round with a condition variable, a
 * bounded queue (producers and consumers on two condition variables), a
 * barrier, and pthread_join's return values. getpid is the group's id in
 * every thread, gettid each thread's own. Expected output: Linux's.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NTHREADS 8
#define ROUNDS   20000
#define ITEMS    400
#define QSIZE    4

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_cv = PTHREAD_COND_INITIALIZER;
static long counter;
static int turn;
static char order[NTHREADS * 3 + 1];
static int order_len;

static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static int queue[QSIZE], qhead, qcount;
static long consumed_sum;
static pthread_barrier_t barrier;
static int tids_differ, pids_same;

static void put(int v)
{
	pthread_mutex_lock(&qlock);
	while (qcount == QSIZE)
		pthread_cond_wait(&not_full, &qlock);
	queue[(qhead + qcount++) % QSIZE] = v;
	pthread_cond_signal(&not_empty);
	pthread_mutex_unlock(&qlock);
}

static int get(void)
{
	pthread_mutex_lock(&qlock);
	while (qcount == 0)
		pthread_cond_wait(&not_empty, &qlock);
	int v = queue[qhead];
	qhead = (qhead + 1) % QSIZE;
	qcount--;
	pthread_cond_signal(&not_full);
	pthread_mutex_unlock(&qlock);
	return v;
}

static void *worker(void *arg)
{
	int id = (int)(intptr_t)arg;
	pid_t tid = (pid_t)syscall(SYS_gettid);
	pthread_mutex_lock(&lock);
	tids_differ += tid != getpid();
	pids_same += getpid() == (pid_t)syscall(SYS_getpid);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	for (int round = 0; round < 3; round++) {   /* in order 0..7, three times */
		pthread_mutex_lock(&lock);
		while (turn != round * NTHREADS + id)
			pthread_cond_wait(&turn_cv, &lock);
		order[order_len++] = (char)('0' + id);
		turn++;
		pthread_cond_broadcast(&turn_cv);
		pthread_mutex_unlock(&lock);
	}
	pthread_barrier_wait(&barrier);
	long sum = 0;
	if (id < NTHREADS / 2) {                    /* producers */
		for (int i = 1; i <= ITEMS; i++)
			put(i);
	} else {                                    /* consumers */
		for (int i = 0; i < ITEMS; i++)
			sum += get();
		pthread_mutex_lock(&qlock);
		consumed_sum += sum;
		pthread_mutex_unlock(&qlock);
	}
	return (void *)(intptr_t)(id * 100 + 1);
}

int main(void)
{
	pthread_t th[NTHREADS];
	pthread_barrier_init(&barrier, NULL, NTHREADS);
	for (int i = 0; i < NTHREADS; i++)
		if (pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i) != 0)
			printf("pthread_create %d failed\n", i);
	long joined = 0;
	for (int i = 0; i < NTHREADS; i++) {
		void *ret;
		if (pthread_join(th[i], &ret) != 0)
			printf("pthread_join %d failed\n", i);
		joined += (intptr_t)ret;
	}
	printf("counter: %ld (expected %d)\n", counter, NTHREADS * ROUNDS);
	printf("turns: %s\n", order);
	printf("consumed: %ld (expected %d)\n", consumed_sum,
	       NTHREADS / 2 * ITEMS * (ITEMS + 1) / 2);
	printf("join values: %ld\n", joined);
	printf("threads with their own tid: %d, with the group's pid: %d\n", tids_differ, pids_same);
	printf("main: gettid == getpid: %s\n", syscall(SYS_gettid) == getpid() ? "yes" : "no");
	return 0;
}
