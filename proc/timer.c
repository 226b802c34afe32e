/*
 * timer.c - time that processes are given and that they use: the interval
 * timers (alarm, setitimer/getitimer), POSIX timers (timer_create ...),
 * CPU time accounted on the timer tick, and what reports it (times,
 * getrusage, the CPU-time clocks).
 *
 * The tick is 1 ms (PIT_HZ), and every timer here counts in ticks: a value
 * is rounded up to a whole tick, so nothing fires early. Armed timers
 * (ITIMER_REAL and POSIX timers) sit on one list that the tick walks
 * (irq-off); on expiry the signal is sent from the interrupt, and an
 * interval timer is armed again. ITIMER_VIRTUAL and ITIMER_PROF count down
 * the process's user, and user plus system, ticks. A POSIX timer whose
 * last signal is still pending does not send another: the expiry counts
 * as an overrun (timer_getoverrun; si_overrun).
 *
 * The tick is charged to the thread and process that it interrupted: user
 * time if it came from ring 3, system time otherwise (the idle thread's
 * ticks go to nobody). A reaped child's times and fault counts are added
 * to the parent's children totals (RUSAGE_CHILDREN, times' cutime).
 */
#include "proc/thread_internal.h"
#include "drivers/pit.h"
#include "gen/syscalls.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "mm/kheap.h"
#include "mm/usercopy.h"
#include "uapi/auxvec.h"
#include "uapi/errno.h"
#include "uapi/resource.h"
#include "uapi/time.h"

#define MSEC_PER_SEC   1000
#define USEC_PER_MSEC  1000
#define NSEC_PER_MSEC  1000000
#define TICKS_PER_USER_HZ (PIT_HZ / USER_HZ)

static struct ktimer *armed;             /* irq-off */

/* --- the armed list --- */

static void ktimer_disarm(struct ktimer *k)
{
	for (struct ktimer **pp = &armed; *pp; pp = &(*pp)->next)
		if (*pp == k) {
			*pp = k->next;
			break;
		}
	k->expires = 0;
}

/* Arm k to fire in ticks (0: disarm), then every interval ticks. */
static void ktimer_set(struct ktimer *k, uint64_t ticks, uint64_t interval)
{
	KASSERT(!irqs_enabled());
	if (k->expires)
		ktimer_disarm(k);
	k->interval = interval;
	if (!ticks)
		return;
	k->expires = pit_ticks() + ticks;
	k->next = armed;
	armed = k;
}

/* Ticks until k fires, 0 if disarmed. */
static uint64_t ktimer_left(const struct ktimer *k)
{
	uint64_t now = pit_ticks();
	return !k->expires ? 0 : k->expires > now ? k->expires - now : 1;
}

static void timers_expire(uint64_t now)
{
	for (struct ktimer *k = armed, *next; k; k = next) {
		next = k->next;
		if (k->expires > now)
			continue;
		ktimer_disarm(k);
		if (k->interval) {
			k->expires = now + k->interval;
			k->next = armed;
			armed = k;
		}
		k->fire(k);
	}
}

/* --- the tick --- */

/* A countdown of ITIMER_VIRTUAL or ITIMER_PROF: sig when it runs out. */
static void itimer_count(struct process *p, struct itimer_count *c, int sig)
{
	if (!c->left || --c->left)
		return;
	c->left = c->interval;
	struct ksiginfo ki = { .code = SI_KERNEL };
	signal_send(p, sig, &ki, false);
}

void timer_tick(bool user)
{
	timers_expire(pit_ticks());
	struct thread *t = cpu0.current;
	struct process *p = t->proc;
	if (t == cpu0.idle || p == &kernel_process)
		return;
	if (user) {
		t->utime++;
		p->utime++;
		itimer_count(p, &p->it_virt, SIGVTALRM);
	} else {
		t->stime++;
		p->stime++;
	}
	itimer_count(p, &p->it_prof, SIGPROF);
}

/* --- interval timers --- */

static void real_fire(struct ktimer *k)
{
	struct process *p = k->owner;
	struct ksiginfo ki = { .code = SI_KERNEL };
	signal_send(p, SIGALRM, &ki, false);
}

static uint64_t tv_ticks(const struct old_timeval32 *tv)
{
	uint64_t us = (uint64_t)tv->tv_sec * MSEC_PER_SEC * USEC_PER_MSEC + (uint32_t)tv->tv_usec;
	return (us + USEC_PER_MSEC - 1) / USEC_PER_MSEC;
}

static struct old_timeval32 ticks_tv(uint64_t ticks)
{
	return (struct old_timeval32){ (int32_t)(ticks / MSEC_PER_SEC),
				       (int32_t)(ticks % MSEC_PER_SEC * USEC_PER_MSEC) };
}

static bool tv_valid(const struct old_timeval32 *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < MSEC_PER_SEC * USEC_PER_MSEC;
}

/* The timer which (ITIMER_REAL, VIRTUAL, PROF) now, and set to *set if
 * not NULL. Interrupts are off. */
static void itimer_swap(struct process *p, int which, const struct itimerval32 *set,
			struct itimerval32 *old)
{
	if (which == ITIMER_REAL) {
		*old = (struct itimerval32){ ticks_tv(p->it_real.interval),
					     ticks_tv(ktimer_left(&p->it_real)) };
		p->it_real.owner = p;
		p->it_real.fire = real_fire;
		if (set)
			ktimer_set(&p->it_real, tv_ticks(&set->it_value), tv_ticks(&set->it_interval));
		return;
	}
	struct itimer_count *c = which == ITIMER_VIRTUAL ? &p->it_virt : &p->it_prof;
	*old = (struct itimerval32){ ticks_tv(c->interval), ticks_tv(c->left) };
	if (set) {
		c->left = tv_ticks(&set->it_value);
		c->interval = tv_ticks(&set->it_interval);
	}
}

long sys_getitimer(int which, user_ptr_t value)
{
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	struct itimerval32 old;
	uint32_t f = irq_save();
	itimer_swap(current_process(), which, NULL, &old);
	irq_restore(f);
	return copy_to_user(value, &old, sizeof(old)) ? -EFAULT : 0;
}

long sys_setitimer(int which, user_ptr_t value, user_ptr_t ovalue)
{
	struct itimerval32 set, old;
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (user_ptr_null(value))
		memset(&set, 0, sizeof(set));     /* Linux: a NULL value disarms */
	else if (copy_from_user(&set, value, sizeof(set)))
		return -EFAULT;
	if (!tv_valid(&set.it_value) || !tv_valid(&set.it_interval))
		return -EINVAL;
	uint32_t f = irq_save();
	itimer_swap(current_process(), which, &set, &old);
	irq_restore(f);
	if (!user_ptr_null(ovalue) && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_alarm(unsigned int seconds)
{
	struct itimerval32 set = { { 0, 0 }, { (int32_t)seconds, 0 } }, old;
	uint32_t f = irq_save();
	itimer_swap(current_process(), ITIMER_REAL, &set, &old);
	irq_restore(f);
	/* Seconds left, rounded to nearest, and never 0 while armed (Linux). */
	uint32_t left = (uint32_t)old.it_value.tv_sec;
	if ((!left && old.it_value.tv_usec) || old.it_value.tv_usec >= MSEC_PER_SEC * USEC_PER_MSEC / 2)
		left++;
	return left;
}

/* --- POSIX timers --- */

static void posix_fire(struct ktimer *k)
{
	struct posix_timer *pt = (struct posix_timer *)k;
	struct process *p = k->owner;
	if (pt->notify == SIGEV_NONE)
		return;
	if (p->sig_pending.set & (1ull << (pt->signo - 1))) {
		pt->overrun++;                    /* its last signal is still pending */
		return;
	}
	pt->last_overrun = pt->overrun;
	struct ksiginfo ki = { .code = SI_TIMER, .pid = pt->id, .status = pt->overrun,
			       .value = pt->value };
	pt->overrun = 0;
	signal_send(p, pt->signo, &ki, false);
}

static struct posix_timer *timer_lookup(struct process *p, int id)
{
	if (id < 0 || id >= POSIX_TIMER_MAX || !p->timers)
		return NULL;
	struct posix_timer *pt = &p->timers[id];
	return pt->used ? pt : NULL;
}

long sys_timer_create(int clock, user_ptr_t usev, user_ptr_t uid)
{
	struct sigevent32 sev = { .notify = SIGEV_SIGNAL, .signo = SIGALRM };
	struct process *p = current_process();
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return -EINVAL;
	if (!user_ptr_null(usev) && copy_from_user(&sev, usev, sizeof(sev)))
		return -EFAULT;
	if ((sev.notify != SIGEV_SIGNAL && sev.notify != SIGEV_NONE) ||
	    (sev.notify == SIGEV_SIGNAL && (sev.signo < 1 || sev.signo > SIGRTMAX)))
		return -EINVAL;                   /* SIGEV_THREAD_ID: not yet */
	if (!p->timers && !(p->timers = kzalloc(POSIX_TIMER_MAX * sizeof(*p->timers))))
		return -EAGAIN;
	int id = 0;
	while (id < POSIX_TIMER_MAX && p->timers[id].used)
		id++;
	if (id == POSIX_TIMER_MAX)
		return -EAGAIN;
	if (copy_to_user(uid, &id, sizeof(id)))
		return -EFAULT;
	uint32_t value = user_ptr_null(usev) ? (uint32_t)id : sev.value;
	p->timers[id] = (struct posix_timer){ .k = { .owner = p, .fire = posix_fire }, .used = true,
					      .id = id, .clock = clock, .notify = sev.notify,
					      .signo = sev.signo, .value = value };
	return 0;
}

/* itimerspec in both i386 forms, as ticks. */
static int its_from_user(user_ptr_t u, bool wide, uint64_t *value, uint64_t *interval)
{
	uint64_t ns[2];
	for (int i = 0; i < 2; i++) {
		size_t half = wide ? sizeof(struct __kernel_timespec) : sizeof(struct old_timespec32);
		int err = timespec_from_user(user_ptr_add(u, (uint32_t)(i * half)), &ns[i], wide);
		if (err)
			return err;
	}
	*interval = (ns[0] + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC;
	*value = (ns[1] + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC;
	return 0;
}

static int its_to_user(user_ptr_t u, bool wide, uint64_t value, uint64_t interval)
{
	size_t half = wide ? sizeof(struct __kernel_timespec) : sizeof(struct old_timespec32);
	if (timespec_to_user(u, interval * NSEC_PER_MSEC, wide) ||
	    timespec_to_user(user_ptr_add(u, (uint32_t)half), value * NSEC_PER_MSEC, wide))
		return -EFAULT;
	return 0;
}

static long timer_settime_any(int id, int flags, user_ptr_t unew, user_ptr_t uold, bool wide)
{
	uint64_t value, interval;
	int err = its_from_user(unew, wide, &value, &interval);
	if (err)
		return err;
	uint32_t f = irq_save();
	struct posix_timer *pt = timer_lookup(current_process(), id);
	uint64_t old_left = pt ? ktimer_left(&pt->k) : 0, old_interval = pt ? pt->k.interval : 0;
	if (pt && (flags & TIMER_ABSTIME) && value) {
		uint64_t now = (pt->clock == CLOCK_REALTIME ? time_realtime_ns() : time_monotonic_ns())
			/ NSEC_PER_MSEC;
		value = value > now ? value - now : 1;
	}
	if (pt)
		ktimer_set(&pt->k, value, interval);
	irq_restore(f);
	if (!pt)
		return -EINVAL;
	return user_ptr_null(uold) ? 0 : its_to_user(uold, wide, old_left, old_interval);
}

long sys_timer_settime(int id, int flags, user_ptr_t unew, user_ptr_t uold)
{
	return timer_settime_any(id, flags, unew, uold, false);
}

long sys_timer_settime64(int id, int flags, user_ptr_t unew, user_ptr_t uold)
{
	return timer_settime_any(id, flags, unew, uold, true);
}

static long timer_gettime_any(int id, user_ptr_t ucur, bool wide)
{
	uint32_t f = irq_save();
	struct posix_timer *pt = timer_lookup(current_process(), id);
	uint64_t left = pt ? ktimer_left(&pt->k) : 0, interval = pt ? pt->k.interval : 0;
	irq_restore(f);
	return pt ? its_to_user(ucur, wide, left, interval) : -EINVAL;
}

long sys_timer_gettime(int id, user_ptr_t ucur) { return timer_gettime_any(id, ucur, false); }
long sys_timer_gettime64(int id, user_ptr_t ucur) { return timer_gettime_any(id, ucur, true); }

long sys_timer_getoverrun(int id)
{
	uint32_t f = irq_save();
	struct posix_timer *pt = timer_lookup(current_process(), id);
	long r = pt ? pt->last_overrun : -EINVAL;
	irq_restore(f);
	return r;
}

long sys_timer_delete(int id)
{
	uint32_t f = irq_save();
	struct posix_timer *pt = timer_lookup(current_process(), id);
	if (pt) {
		ktimer_set(&pt->k, 0, 0);
		pt->used = false;
	}
	irq_restore(f);
	return pt ? 0 : -EINVAL;
}

/* exit: every timer stops; execve: the POSIX timers go (ITIMER_REAL stays, as Linux). */
void timer_exit(struct process *p, bool exec)
{
	uint32_t f = irq_save();
	if (!exec)
		ktimer_set(&p->it_real, 0, 0);
	struct posix_timer *timers = p->timers;
	for (int i = 0; timers && i < POSIX_TIMER_MAX; i++)
		ktimer_set(&timers[i].k, 0, 0);
	p->timers = NULL;
	irq_restore(f);
	kfree(timers);
}

/* --- usage --- */

void timer_reaped(struct process *parent, const struct process *c)
{
	parent->cutime += c->utime + c->cutime;
	parent->cstime += c->stime + c->cstime;
	parent->cmin_flt += c->min_flt + c->cmin_flt;
}

uint64_t proc_cputime_ns(bool thread)
{
	struct thread *t = current_thread();
	uint32_t f = irq_save();
	uint64_t ticks = thread ? t->utime + t->stime : t->proc->utime + t->proc->stime;
	irq_restore(f);
	return ticks * NSEC_PER_MSEC;
}

long sys_times(user_ptr_t buf)
{
	struct process *p = current_process();
	uint32_t f = irq_save();
	struct tms32 t = { (int32_t)(p->utime / TICKS_PER_USER_HZ), (int32_t)(p->stime / TICKS_PER_USER_HZ),
			   (int32_t)(p->cutime / TICKS_PER_USER_HZ), (int32_t)(p->cstime / TICKS_PER_USER_HZ) };
	irq_restore(f);
	if (!user_ptr_null(buf) && copy_to_user(buf, &t, sizeof(t)))
		return -EFAULT;
	return (long)(uint32_t)(pit_ticks() / TICKS_PER_USER_HZ);
}

long sys_getrusage(int who, user_ptr_t ru)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	struct rusage r;
	memset(&r, 0, sizeof(r));
	uint32_t f = irq_save();
	if (who == RUSAGE_SELF) {
		r.ru_utime = ticks_tv(p->utime), r.ru_stime = ticks_tv(p->stime);
		r.ru_minflt = (int32_t)p->min_flt;
	} else if (who == RUSAGE_CHILDREN) {
		r.ru_utime = ticks_tv(p->cutime), r.ru_stime = ticks_tv(p->cstime);
		r.ru_minflt = (int32_t)p->cmin_flt;
	} else if (who == RUSAGE_THREAD) {
		r.ru_utime = ticks_tv(t->utime), r.ru_stime = ticks_tv(t->stime);
		r.ru_minflt = (int32_t)p->min_flt;        /* one thread per process */
	} else {
		irq_restore(f);
		return -EINVAL;
	}
	irq_restore(f);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

void timer_rusage_times(struct rusage *u, uint64_t utime, uint64_t stime)
{
	u->ru_utime = ticks_tv(utime);
	u->ru_stime = ticks_tv(stime);
}

void proc_set_comm(struct thread *t, const char *path)
{
	const char *base = path;
	for (const char *c = path; *c; c++)
		if (*c == '/')
			base = c + 1;
	strlcpy(t->comm, base, sizeof(t->comm));
}
