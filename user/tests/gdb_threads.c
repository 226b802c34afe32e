/*
 * gdb_threads - the program of the gdb session tests/gdb/threads.py: two
 * threads go to sleep (one in a condition wait, a futex; one in nanosleep),
 * then the main thread writes a line, where the session stops it to look
 * at every thread with `threads` and `bt-user TID`.
 */
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static volatile int ready;

__attribute__((noinline)) static void *in_cond_wait(void *arg)
{
	pthread_mutex_lock(&m);
	ready++;
	for (;;)
		pthread_cond_wait(&cv, &m);
	return arg;
}

__attribute__((noinline)) static void *in_nanosleep(void *arg)
{
	ready++;
	for (;;)
		sleep(1000);
	return arg;
}

int main(void)
{
	pthread_t a, b;
	pthread_create(&a, NULL, in_cond_wait, NULL);
	pthread_create(&b, NULL, in_nanosleep, NULL);
	while (ready < 2)
		sched_yield();
	usleep(20000);                          /* both are asleep in the kernel now */
	write(1, "threads asleep\n", 15);
	_exit(0);
}
