/*
 * rusage_and_cputime.c - CPU time and faults are accounted: after spinning
 * about 100 ms getrusage(RUSAGE_SELF) shows user time, times() agrees,
 * CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID grow with it and
 * stay below the wall time; touching fresh pages adds minor faults; a
 * reaped child's time and faults show in RUSAGE_CHILDREN and in wait4's
 * rusage; a bad who is EINVAL. Only coarse relations are printed.
 * Expected output: Linux's (tests/user/expected/rusage_and_cputime).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGES 64

static double ns_of(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double tv_ms(struct timeval tv)
{
	return tv.tv_sec * 1e3 + tv.tv_usec / 1e3;
}

/* Spin until the process has used ms of CPU. */
static void spin_ms(double ms)
{
	double start = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	while (ns_of(CLOCK_PROCESS_CPUTIME_ID) - start < ms * 1e6)
		for (volatile int i = 0; i < 10000; i++)
			;
}

int main(void)
{
	struct rusage r0, r1;
	getrusage(RUSAGE_SELF, &r0);
	double wall0 = ns_of(CLOCK_MONOTONIC), cpu0 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
	double thr0 = ns_of(CLOCK_THREAD_CPUTIME_ID);
	spin_ms(100);
	double wall = ns_of(CLOCK_MONOTONIC) - wall0, cpu = ns_of(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
	double thr = ns_of(CLOCK_THREAD_CPUTIME_ID) - thr0;
	getrusage(RUSAGE_SELF, &r1);
	double user = tv_ms(r1.ru_utime) - tv_ms(r0.ru_utime);
	double sys = tv_ms(r1.ru_stime) - tv_ms(r0.ru_stime);
	printf("process CPU clock grew 100 ms or more: %s; not more than the wall clock: %s\n",
	       cpu >= 100e6 ? "yes" : "no", cpu <= wall + 2e6 ? "yes" : "no");
	printf("thread CPU clock grew as much: %s\n", thr >= 99e6 ? "yes" : "no");
	printf("ru_utime + ru_stime grew 80 ms or more: %s; mostly user: %s\n",
	       user + sys >= 80 ? "yes" : "no", user > sys ? "yes" : "no");
	struct tms t;
	clock_t c = times(&t);
	printf("times(): a clock: %s; tms_utime + tms_stime >= 8 ticks: %s\n", c > 0 ? "yes" : "no",
	       t.tms_utime + t.tms_stime >= 8 ? "yes" : "no");

	char *m = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	getrusage(RUSAGE_SELF, &r0);
	for (int i = 0; i < PAGES; i++)
		m[i * 4096] = 1;
	getrusage(RUSAGE_SELF, &r1);
	printf("touching %d fresh pages: at least %d minor faults: %s; major faults: %ld\n", PAGES,
	       PAGES, r1.ru_minflt - r0.ru_minflt >= PAGES ? "yes" : "no", r1.ru_majflt - r0.ru_majflt);

	getrusage(RUSAGE_CHILDREN, &r0);
	printf("RUSAGE_CHILDREN before any child: zero time: %s\n",
	       tv_ms(r0.ru_utime) + tv_ms(r0.ru_stime) == 0 ? "yes" : "no");
	pid_t pid = fork();
	if (pid == 0) {
		spin_ms(60);
		for (int i = 0; i < PAGES; i++)
			m[i * 4096] = 2;              /* copy-on-write faults */
		_exit(0);
	}
	struct rusage wr;
	int st;
	wait4(pid, &st, 0, &wr);
	printf("wait4's rusage: 40 ms or more: %s; faults >= %d: %s\n",
	       tv_ms(wr.ru_utime) + tv_ms(wr.ru_stime) >= 40 ? "yes" : "no", PAGES,
	       wr.ru_minflt >= PAGES ? "yes" : "no");
	getrusage(RUSAGE_CHILDREN, &r1);
	printf("RUSAGE_CHILDREN after the reap: 40 ms or more: %s; the same as wait4's: %s\n",
	       tv_ms(r1.ru_utime) + tv_ms(r1.ru_stime) >= 40 ? "yes" : "no",
	       r1.ru_utime.tv_sec == wr.ru_utime.tv_sec && r1.ru_utime.tv_usec == wr.ru_utime.tv_usec &&
	       r1.ru_minflt == wr.ru_minflt ? "yes" : "no");
	times(&t);
	printf("tms_cutime + tms_cstime >= 4 ticks: %s\n", t.tms_cutime + t.tms_cstime >= 4 ? "yes" : "no");
	printf("getrusage(5): %s\n", getrusage(5, &r0) < 0 ? strerrorname_np(errno) : "ok");
	return 0;
}
