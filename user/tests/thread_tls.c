/*
 * thread_tls - thread-local storage (__thread, set up by glibc through
 * CLONE_SETTLS): every thread sees its own copy, initialised from the
 * TLS image, and the main thread's is untouched by the others. Also the
 * TLS of a thread made after others exited, and errno per thread.
 * Expected output: Linux's.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#define NTHREADS 6

static __thread int tls_value = 1000;
static __thread char tls_name[16] = "initial";
static __thread long long tls_big[64];

struct result {
	int seen_initial, value_after, errno_after;
	uintptr_t addr;
};

static struct result results[NTHREADS];
static pthread_barrier_t barrier;

static void *worker(void *arg)
{
	int id = (int)(intptr_t)arg;            /* -1: the late thread, alone */
	struct result *r = &results[id < 0 ? 0 : id];
	r->seen_initial = tls_value == 1000 && tls_name[0] == 'i' && tls_big[63] == 0;
	tls_value = id;
	snprintf(tls_name, sizeof(tls_name), "thread %d", id);
	tls_big[63] = id;
	errno = 100 + id;
	if (id >= 0)
		pthread_barrier_wait(&barrier);    /* everyone has written now */
	else
		r = &results[0];
	r->value_after = tls_value == id && tls_big[63] == id;
	r->errno_after = errno;
	r->addr = (uintptr_t)&tls_value;
	return NULL;
}

int main(void)
{
	pthread_t th[NTHREADS];
	tls_value = -1;
	errno = 0;
	pthread_barrier_init(&barrier, NULL, NTHREADS);
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	int main_errno = errno;                 /* before stdio may set it (isatty) */
	int distinct = 1;
	for (int i = 0; i < NTHREADS; i++) {
		printf("thread %d: saw the initial values: %s, kept its own: %s, errno %d\n", i,
		       results[i].seen_initial ? "yes" : "no", results[i].value_after ? "yes" : "no",
		       results[i].errno_after);
		distinct &= results[i].addr != (uintptr_t)&tls_value;
	}
	printf("main: tls_value %d, name \"%s\", errno %d\n", tls_value, tls_name, main_errno);
	printf("each thread's copy apart from main's: %s\n", distinct ? "yes" : "no");
	pthread_t late;
	pthread_create(&late, NULL, worker, (void *)(intptr_t)-1);
	pthread_join(late, NULL);
	printf("late thread saw the initial values: %s\n", results[0].seen_initial ? "yes" : "no");
	return 0;
}
