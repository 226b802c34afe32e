/*
 * timers_fire.c - alarm, setitimer/getitimer and POSIX timers: alarm
 * returns the seconds left of the previous one (rounded, never 0 while
 * armed) and alarm(0) cancels; ITIMER_REAL fires SIGALRM once or every
 * interval; ITIMER_VIRTUAL and ITIMER_PROF fire after CPU time is used;
 * getitimer counts down; timer_create with SIGEV_SIGNAL delivers its
 * si_value and si_code SI_TIMER, SIGEV_NONE only counts down; deleted
 * timers are EINVAL; bad arguments are EINVAL. Only coarse values are
 * printed: the exact ones depend on the clock's tick.
 * Expected output: Linux's (tests/user/expected/timers_fire).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alrm, vtalrm, prof, rt, rt_code, rt_value;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGALRM)
		alrm++;
	else if (sig == SIGVTALRM)
		vtalrm++;
	else if (sig == SIGPROF)
		prof++;
	else {
		rt++;
		rt_code = si->si_code;
		rt_value = si->si_value.sival_int;
	}
}

static void catch(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(sig, &sa, NULL);
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void spin_until(volatile sig_atomic_t *flag)
{
	for (volatile unsigned long i = 0; !*flag && i < 4000000000ul; i++)
		;
}

int main(void)
{
	catch(SIGALRM);
	catch(SIGVTALRM);
	catch(SIGPROF);
	catch(SIGRTMIN);

	printf("alarm(5) first: %u\n", alarm(5));
	printf("alarm(3) after: %u\n", alarm(3));
	printf("alarm(0): %u\n", alarm(0));
	printf("alarm(0) again: %u\n", alarm(0));

	struct itimerval it = { { 0, 0 }, { 0, 50000 } }, old;
	setitimer(ITIMER_REAL, &it, NULL);
	nap_ms(200);
	printf("ITIMER_REAL 50 ms once: %d SIGALRM\n", (int)alrm);
	alrm = 0;
	it = (struct itimerval){ { 0, 20000 }, { 0, 20000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	while (alrm < 3)
		pause();
	getitimer(ITIMER_REAL, &old);
	printf("every 20 ms: 3 came; interval %ld.%06ld, value <= interval: %s\n",
	       (long)old.it_interval.tv_sec, (long)old.it_interval.tv_usec,
	       old.it_value.tv_sec == 0 && old.it_value.tv_usec <= 20000 ? "yes" : "no");
	it = (struct itimerval){ { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &it, &old);
	printf("disarmed; old interval %ld us\n", (long)old.it_interval.tv_usec);

	it = (struct itimerval){ { 0, 0 }, { 10, 0 } };
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &old);
	printf("10 s armed: getitimer says 9 or 10 s: %s\n",
	       old.it_value.tv_sec == 9 || old.it_value.tv_sec == 10 ? "yes" : "no");
	printf("alarm(0) returns the seconds left: %u\n", alarm(0));

	it = (struct itimerval){ { 0, 0 }, { 0, 30000 } };
	setitimer(ITIMER_VIRTUAL, &it, NULL);
	spin_until(&vtalrm);
	printf("ITIMER_VIRTUAL after 30 ms of CPU: %d SIGVTALRM\n", (int)vtalrm);
	setitimer(ITIMER_PROF, &it, NULL);
	spin_until(&prof);
	printf("ITIMER_PROF after 30 ms of CPU: %d SIGPROF\n", (int)prof);

	printf("setitimer(7): %s\n", setitimer(7, &it, NULL) < 0 ? strerrorname_np(errno) : "ok");
	it.it_value.tv_usec = 1000000;
	printf("setitimer(bad usec): %s\n", setitimer(ITIMER_REAL, &it, NULL) < 0 ? strerrorname_np(errno) : "ok");

	timer_t t1, t2;
	struct sigevent sev;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGRTMIN;
	sev.sigev_value.sival_int = 4242;
	printf("timer_create(MONOTONIC, SIGEV_SIGNAL): %d\n", timer_create(CLOCK_MONOTONIC, &sev, &t1));
	struct itimerspec its = { { 0, 0 }, { 0, 40 * 1000000L } }, cur;
	timer_settime(t1, 0, &its, NULL);
	nap_ms(150);
	printf("one shot: %d signal(s), si_code %d (SI_TIMER %d), si_value %d\n", (int)rt,
	       (int)rt_code, SI_TIMER, (int)rt_value);
	printf("timer_getoverrun: %d\n", timer_getoverrun(t1));
	timer_gettime(t1, &cur);
	printf("expired: it_value 0: %s\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0 ? "yes" : "no");

	sev.sigev_notify = SIGEV_NONE;
	printf("timer_create(REALTIME, SIGEV_NONE): %d\n", timer_create(CLOCK_REALTIME, &sev, &t2));
	its = (struct itimerspec){ { 1, 0 }, { 5, 0 } };
	timer_settime(t2, 0, &its, NULL);
	nap_ms(20);
	timer_gettime(t2, &cur);
	printf("SIGEV_NONE counts down: value 4 s and some: %s, interval %ld s\n",
	       cur.it_value.tv_sec == 4 ? "yes" : "no", (long)cur.it_interval.tv_sec);
	struct itimerspec prev;
	its = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
	timer_settime(t2, 0, &its, &prev);
	printf("disarmed; old value 4 s and some: %s\n", prev.it_value.tv_sec == 4 ? "yes" : "no");
	printf("timer_delete: %d\n", timer_delete(t2));
	printf("timer_delete again: %s\n", timer_delete(t2) < 0 ? strerrorname_np(errno) : "ok");
	printf("timer_gettime of it: %s\n", timer_gettime(t2, &cur) < 0 ? strerrorname_np(errno) : "ok");
	printf("timer_create(bad clock): %s\n",
	       timer_create(99, &sev, &t2) < 0 ? strerrorname_np(errno) : "ok");
	timer_delete(t1);
	return 0;
}
