/* pthread_create_join.c - start a thread that returns at once and join
 * it (glibc's clone3/clone with CLONE_VM|CLONE_THREAD|..., the new thread's
 * set_robust_list and exit, the join's futex wait on the tid word that
 * CLONE_CHILD_CLEARTID clears); N times. The stack glibc caches is reused. */
#include <pthread.h>
#include "bench.h"

#define NAME "pthread_create_join"

static void *nothing(void *arg)
{
	return arg;
}

static void once(void)
{
	pthread_t t;
	if ((errno = pthread_create(&t, NULL, nothing, NULL)) != 0)
		bench_fail(NAME, "pthread_create");
	if ((errno = pthread_join(t, NULL)) != 0)
		bench_fail(NAME, "pthread_join");
}

int main(int argc, char **argv)
{
	bench_loop(NAME, bench_iters(argc, argv), once);
	return 0;
}
