/*
 * sys_poll.c - poll, ppoll, select, _newselect and pselect6 (and the
 * *_time64 forms glibc tries first) over pipes, files and the console.
 *
 * Every file answers "what could I do now?" (file_ops.poll; a file
 * without one is always readable and writable, as Linux's
 * DEFAULT_POLLMASK). A caller that finds nothing ready sleeps on one
 * queue, poll_wq, which whatever changes a pipe wakes (poll_notify), for
 * at most what is left of its timeout; the console has no input
 * interrupt yet, so a wait that includes it looks again every tick. A
 * generation count, read before the scan and checked with interrupts
 * off before sleeping, means no wake-up is lost in between. A signal
 * ends the wait: -ERESTARTNOHAND (EINTR when a handler runs).
 */
#include "gen/syscalls.h"
#include "drivers/pit.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "kernel/string.h"
#include "kernel/wait.h"
#include "mm/kheap.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/poll.h"
#include "uapi/resource.h"
#include "uapi/signal.h"
#include "uapi/time.h"

#define MS_PER_SEC      1000
#define NS_PER_MS       1000000
#define US_PER_MS       1000
#define NO_TIMEOUT      UINT64_MAX       /* wait for as long as it takes */
#define FDSET_WORDS(n)  (((n) + 31) / 32)
/* What select counts as readable, writable, exceptional (Linux's POLL*_SET). */
#define SEL_IN   (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SEL_OUT  (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SEL_EX   POLLPRI

static struct wait_queue poll_wq = WAIT_QUEUE_INIT;
static uint32_t poll_gen;                 /* irq-off: bumped by every poll_notify */

void poll_notify(void)
{
	uint32_t fl = irq_save();
	poll_gen++;
	wake_all(&poll_wq);
	irq_restore(fl);
}

/* What f could do now, and whether only polling can tell (*tick). */
static uint32_t file_poll(struct file *f, bool *tick)
{
	if (!f->ops->poll)
		return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
	uint32_t m = f->ops->poll(f);
	if (m & POLL_NEEDS_TICK)
		*tick = true;
	return m & ~POLL_NEEDS_TICK;
}

/* One pass of poll over fds[0..n): the entries with something to say. */
static uint32_t poll_scan(struct pollfd *fds, uint32_t n, bool *tick)
{
	uint32_t ready = 0;
	for (uint32_t i = 0; i < n; i++) {
		struct file *f = fds[i].fd >= 0 ? fd_file((uint32_t)fds[i].fd) : NULL;
		uint32_t want = (uint16_t)fds[i].events | POLLERR | POLLHUP;
		if (fds[i].fd < 0)
			fds[i].revents = 0;
		else
			fds[i].revents = f ? (int16_t)(file_poll(f, tick) & want) : POLLNVAL;
		if (fds[i].revents)
			ready++;
	}
	return ready;
}

/* Sleep until poll_notify, the deadline (in ticks), a signal, or the
 * next tick when tick: false once the deadline has passed. */
static bool poll_wait(uint32_t gen, uint64_t deadline, bool tick)
{
	uint64_t now = pit_ticks();
	if (deadline != NO_TIMEOUT && now >= deadline)
		return false;
	uint64_t ticks = deadline == NO_TIMEOUT ? 0 : deadline - now;
	if (tick)
		ticks = 1;
	uint32_t fl = irq_save();
	if (gen == poll_gen && !signal_pending_current())
		wait_sleep_timeout_intr(&poll_wq, ticks);
	irq_restore(fl);
	return true;
}

static long do_poll(struct pollfd *fds, uint32_t n, uint64_t deadline)
{
	for (;;) {
		bool tick = false;
		uint32_t gen = poll_gen;
		uint32_t ready = poll_scan(fds, n, &tick);
		if (ready)
			return ready;
		if (signal_pending_current())
			return -ERESTARTNOHAND;
		if (!poll_wait(gen, deadline, tick))
			return 0;
	}
}

/* The tick at which a wait of ms milliseconds ends (negative: never). */
static uint64_t deadline_ms(int64_t ms)
{
	return ms < 0 ? NO_TIMEOUT : pit_ticks() + (uint64_t)ms;
}

/* A timespec (sec, nsec) as a deadline: -EINVAL when it is not one. */
static int deadline_ts(int64_t sec, int64_t nsec, uint64_t *deadline)
{
	if (sec < 0 || nsec < 0 || nsec >= (int64_t)NS_PER_MS * MS_PER_SEC)
		return -EINVAL;
	*deadline = pit_ticks() + (uint64_t)sec * MS_PER_SEC + (uint64_t)(nsec + NS_PER_MS - 1) / NS_PER_MS;
	return 0;
}

static long poll_user(user_ptr_t ufds, uint32_t n, uint64_t deadline)
{
	if (n > rlimit_cur(RLIMIT_NOFILE))
		return -EINVAL;
	struct pollfd *fds = kmalloc(n ? n * sizeof(*fds) : 1);
	if (!fds)
		return -ENOMEM;
	long r = copy_from_user(fds, ufds, n * sizeof(*fds)) ? -EFAULT : do_poll(fds, n, deadline);
	for (uint32_t i = 0; r >= 0 && i < n; i++)  /* only revents goes back, as on Linux */
		if (copy_to_user(user_ptr_add(ufds, i * sizeof(*fds) + offsetof(struct pollfd, revents)),
				 &fds[i].revents, sizeof(fds[i].revents)))
			r = -EFAULT;
	kfree(fds);
	return r;
}

long sys_poll(user_ptr_t ufds, unsigned int nfds, int timeout_msecs)
{
	return poll_user(ufds, nfds, deadline_ms(timeout_msecs));
}

/* ppoll and pselect6's signal mask: blocked for the call; put back at
 * once unless a signal interrupted (then after its handler). */
static int mask_swap(user_ptr_t umask, size_t size)
{
	kernel_sigset_t set;
	if (user_ptr_null(umask))
		return 0;
	if (size != sizeof(set))
		return -EINVAL;
	if (copy_from_user(&set, umask, sizeof(set)))
		return -EFAULT;
	struct thread *t = current_thread();
	t->sig_saved = t->sig_blocked;
	signal_mask_change(SIG_SETMASK, set, 0);
	t->sig_restore_saved = true;
	return 0;
}

static long mask_done(user_ptr_t umask, long r)
{
	struct thread *t = current_thread();
	if (!user_ptr_null(umask) && r != -ERESTARTNOHAND && t->sig_restore_saved) {
		signal_mask_change(SIG_SETMASK, t->sig_saved, 0);
		t->sig_restore_saved = false;
	}
	return r;
}

static long ppoll(user_ptr_t ufds, unsigned int nfds, bool has_ts, int64_t sec, int64_t nsec,
		  user_ptr_t sigmask, size_t sigsetsize)
{
	uint64_t deadline = NO_TIMEOUT;
	int err = has_ts ? deadline_ts(sec, nsec, &deadline) : 0;
	err = err ?: mask_swap(sigmask, sigsetsize);
	if (err)
		return err;
	return mask_done(sigmask, poll_user(ufds, nfds, deadline));
}

long sys_ppoll(user_ptr_t ufds, unsigned int nfds, user_ptr_t tsp, user_ptr_t sigmask, size_t sigsetsize)
{
	struct old_timespec32 ts = { 0, 0 };
	if (!user_ptr_null(tsp) && copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	return ppoll(ufds, nfds, !user_ptr_null(tsp), ts.tv_sec, ts.tv_nsec, sigmask, sigsetsize);
}

long sys_ppoll_time64(user_ptr_t ufds, unsigned int nfds, user_ptr_t tsp, user_ptr_t sigmask, size_t sigsetsize)
{
	struct __kernel_timespec ts = { 0, 0, 0 };
	if (!user_ptr_null(tsp) && copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	return ppoll(ufds, nfds, !user_ptr_null(tsp), ts.tv_sec, ts.tv_nsec, sigmask, sigsetsize);
}

/* --- select --- */

/* select's three sets, n descriptors each, read from and written back to user memory. */
struct fdsets {
	uint32_t *in, *out, *ex;             /* in, then the results: 6 runs of words */
	uint32_t words;
};

static bool bit(const uint32_t *set, uint32_t fd) { return set && (set[fd / 32] >> (fd % 32)) & 1; }
static void set_bit(uint32_t *set, uint32_t fd) { set[fd / 32] |= 1u << (fd % 32); }

/* One pass: the result sets res[0..2] and the count; -EBADF for a closed fd asked about. */
static long select_scan(uint32_t n, uint32_t *const want[3], uint32_t *const res[3], uint32_t words, bool *tick)
{
	static const uint32_t masks[3] = { SEL_IN, SEL_OUT, SEL_EX };
	long count = 0;
	for (int k = 0; k < 3; k++)
		if (res[k])
			memset(res[k], 0, words * sizeof(uint32_t));
	for (uint32_t fd = 0; fd < n; fd++) {
		if (!bit(want[0], fd) && !bit(want[1], fd) && !bit(want[2], fd))
			continue;
		struct file *f = fd_file(fd);
		if (!f)
			return -EBADF;
		uint32_t m = file_poll(f, tick);
		for (int k = 0; k < 3; k++)
			if (bit(want[k], fd) && (m & masks[k])) {
				set_bit(res[k], fd);
				count++;
			}
	}
	return count;
}

static long do_select(uint32_t n, uint32_t *const want[3], uint32_t *const res[3], uint32_t words,
		      uint64_t deadline)
{
	for (;;) {
		bool tick = false;
		uint32_t gen = poll_gen;
		long r = select_scan(n, want, res, words, &tick);
		if (r)
			return r;
		if (signal_pending_current())
			return -ERESTARTNOHAND;
		if (!poll_wait(gen, deadline, tick))
			return 0;
	}
}

static long select_user(int n, user_ptr_t uset[3], uint64_t deadline)
{
	if (n < 0)
		return -EINVAL;
	uint32_t max = fd_table_size(current_process());
	uint32_t nfds = (uint32_t)n > max ? max : (uint32_t)n;  /* as Linux: past the table is not looked at */
	uint32_t words = FDSET_WORDS(nfds), bytes = words * sizeof(uint32_t);
	uint32_t *mem = kzalloc(6 * (bytes ? bytes : 1));
	if (!mem)
		return -ENOMEM;
	uint32_t *want[3], *res[3];
	long r = 0;
	for (int k = 0; k < 3; k++) {
		want[k] = user_ptr_null(uset[k]) ? NULL : mem + k * words;
		res[k] = user_ptr_null(uset[k]) ? NULL : mem + (3 + k) * words;
		if (want[k] && bytes && copy_from_user(want[k], uset[k], bytes))
			r = -EFAULT;
	}
	r = r ?: do_select(nfds, want, res, words, deadline);
	for (int k = 0; k < 3 && r >= 0; k++)
		if (res[k] && bytes && copy_to_user(uset[k], res[k], bytes))
			r = -EFAULT;
	kfree(mem);
	return r;
}

/* What is left of a wait until deadline, in milliseconds (0 once past). */
static uint64_t left_ms(uint64_t deadline)
{
	uint64_t now = pit_ticks();
	return deadline > now ? deadline - now : 0;
}

long sys_newselect(int n, user_ptr_t inp, user_ptr_t outp, user_ptr_t exp, user_ptr_t tvp)
{
	struct old_timeval32 tv;
	uint64_t deadline = NO_TIMEOUT;
	if (!user_ptr_null(tvp)) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= US_PER_MS * MS_PER_SEC)
			return -EINVAL;
		deadline = pit_ticks() + (uint64_t)tv.tv_sec * MS_PER_SEC + ((uint64_t)tv.tv_usec + US_PER_MS - 1) / US_PER_MS;
	}
	long r = select_user(n, (user_ptr_t[3]){ inp, outp, exp }, deadline);
	if (!user_ptr_null(tvp) && r != -EFAULT) {       /* Linux says what was left */
		uint64_t ms = left_ms(deadline);
		tv = (struct old_timeval32){ (int32_t)(ms / MS_PER_SEC), (int32_t)(ms % MS_PER_SEC * US_PER_MS) };
		copy_to_user(tvp, &tv, sizeof(tv));
	}
	return r;
}

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; }. */
struct sigset_arg { uint32_t ss, ss_len; };

static long pselect(int n, user_ptr_t set[3], bool has_ts, int64_t sec, int64_t nsec, user_ptr_t usig)
{
	struct sigset_arg sa = { 0, 0 };
	uint64_t deadline = NO_TIMEOUT;
	if (!user_ptr_null(usig) && copy_from_user(&sa, usig, sizeof(sa)))
		return -EFAULT;
	int err = has_ts ? deadline_ts(sec, nsec, &deadline) : 0;
	err = err ?: mask_swap(USER_PTR(sa.ss), sa.ss_len);
	if (err)
		return err;
	return mask_done(USER_PTR(sa.ss), select_user(n, set, deadline));
}

long sys_pselect6(int n, user_ptr_t inp, user_ptr_t outp, user_ptr_t exp, user_ptr_t tsp, user_ptr_t sig)
{
	struct old_timespec32 ts = { 0, 0 };
	if (!user_ptr_null(tsp) && copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	return pselect(n, (user_ptr_t[3]){ inp, outp, exp }, !user_ptr_null(tsp), ts.tv_sec, ts.tv_nsec, sig);
}

long sys_pselect6_time64(int n, user_ptr_t inp, user_ptr_t outp, user_ptr_t exp, user_ptr_t tsp, user_ptr_t sig)
{
	struct __kernel_timespec ts = { 0, 0, 0 };
	if (!user_ptr_null(tsp) && copy_from_user(&ts, tsp, sizeof(ts)))
		return -EFAULT;
	return pselect(n, (user_ptr_t[3]){ inp, outp, exp }, !user_ptr_null(tsp), ts.tv_sec, ts.tv_nsec, sig);
}
