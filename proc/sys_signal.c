/*
 * sys_signal.c - the signal system calls: handlers (rt_sigaction,
 * sigaction), masks (rt_sigprocmask, sigprocmask), pending sets
 * (rt_sigpending, sigpending), the alternate stack (sigaltstack), and
 * sending (kill, tkill, tgkill). sigreturn and rt_sigreturn are in
 * proc/signal.c, beside the frames they undo.
 *
 * kill(0) and kill(-pgrp) reach a process group (proc/pgrp.c), kill(-1)
 * everyone but init and the caller. Everyone is root: every process may
 * signal every other (no EPERM until processes have owners).
 */
#include "gen/syscalls.h"
#include "proc/proc.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

#define KILL_ALL  (-1)
#define LOW_WORD  0xffffffffull

static long sigaction_common(int sig, const struct ksigaction *act, user_ptr_t oact, bool old_abi)
{
	struct ksigaction o;
	int err = signal_action(sig, act, &o);
	if (err || user_ptr_null(oact))
		return err;
	if (old_abi) {
		struct old_sigaction oa = { o.handler, (uint32_t)o.mask, o.flags, o.restorer };
		return copy_to_user(oact, &oa, sizeof(oa)) ? -EFAULT : 0;
	}
	struct kernel_sigaction ka = { o.handler, o.flags, o.restorer, o.mask };
	return copy_to_user(oact, &ka, sizeof(ka)) ? -EFAULT : 0;
}

long sys_rt_sigaction(int sig, user_ptr_t act, user_ptr_t oact, size_t sigsetsize)
{
	if (sigsetsize != sizeof(kernel_sigset_t))
		return -EINVAL;
	struct kernel_sigaction ka;
	if (user_ptr_null(act))
		return sigaction_common(sig, NULL, oact, false);
	if (copy_from_user(&ka, act, sizeof(ka)))
		return -EFAULT;
	struct ksigaction k = { ka.sa_handler, ka.sa_flags, ka.sa_restorer, ka.sa_mask };
	return sigaction_common(sig, &k, oact, false);
}

long sys_sigaction(int sig, user_ptr_t act, user_ptr_t oact)
{
	struct old_sigaction oa;
	if (user_ptr_null(act))
		return sigaction_common(sig, NULL, oact, true);
	if (copy_from_user(&oa, act, sizeof(oa)))
		return -EFAULT;
	struct ksigaction k = { oa.sa_handler, oa.sa_flags, oa.sa_restorer, oa.sa_mask };
	return sigaction_common(sig, &k, oact, true);
}

/* The mask before, then the change; n bytes of each set cross. */
static long procmask(int how, user_ptr_t set, user_ptr_t oset, size_t n, kernel_sigset_t keep)
{
	kernel_sigset_t old = current_thread()->sig_blocked, s = 0;
	if (!user_ptr_null(set)) {
		if (copy_from_user(&s, set, n))
			return -EFAULT;
		int err = signal_mask_change(how, s, keep);
		if (err)
			return err;
	}
	if (!user_ptr_null(oset) && copy_to_user(oset, &old, n))
		return -EFAULT;
	return 0;
}

long sys_rt_sigprocmask(int how, user_ptr_t set, user_ptr_t oset, size_t sigsetsize)
{
	if (sigsetsize != sizeof(kernel_sigset_t))
		return -EINVAL;
	return procmask(how, set, oset, sizeof(kernel_sigset_t), 0);
}

long sys_sigprocmask(int how, user_ptr_t set, user_ptr_t oset)
{
	return procmask(how, set, oset, sizeof(uint32_t), ~LOW_WORD);
}

long sys_rt_sigpending(user_ptr_t set, size_t sigsetsize)
{
	if (sigsetsize > sizeof(kernel_sigset_t))
		return -EINVAL;
	kernel_sigset_t s = signal_blocked_pending();
	return copy_to_user(set, &s, sigsetsize) ? -EFAULT : 0;
}

long sys_sigpending(user_ptr_t set)
{
	return sys_rt_sigpending(set, sizeof(uint32_t));
}

long sys_pause(void)
{
	return signal_suspend(NULL);
}

long sys_rt_sigsuspend(user_ptr_t set, size_t sigsetsize)
{
	kernel_sigset_t mask;
	if (sigsetsize != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, set, sizeof(mask)))
		return -EFAULT;
	return signal_suspend(&mask);
}

long sys_sigaltstack(user_ptr_t uss, user_ptr_t uoss)
{
	struct thread *t = current_thread();
	uint32_t sp = t->tf->user_esp;
	stack_t old, ss;
	signal_altstack_get(t, sp, &old);
	if (!user_ptr_null(uss)) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		int err = signal_altstack_set(t, &ss, sp);
		if (err)
			return err;
	}
	if (!user_ptr_null(uoss) && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* kill(pid > 0): the process with that id, or the process of the
 * thread with that id (as Linux, kill takes any thread's id). */
static long send_to(int pid, int sig, int code)
{
	struct ksiginfo ki = { .code = code, .pid = current_process()->pid };
	uint32_t f = irq_save();
	struct process *p = process_find(pid);
	struct thread *t = p ? NULL : thread_find(pid);
	if (t)
		p = t->proc;
	long r = p ? signal_send(p, sig, &ki, false) : -ESRCH;
	irq_restore(f);
	return r;
}

/* tkill and tgkill: the thread with id tid (of process tgid, if > 0). */
static long send_to_thread(int tgid, int tid, int sig)
{
	struct ksiginfo ki = { .code = SI_TKILL, .pid = current_process()->pid };
	uint32_t f = irq_save();
	struct thread *t = thread_find(tid);
	long r = t && (tgid <= 0 || t->proc->pid == tgid) ? signal_send_thread(t, sig, &ki) : -ESRCH;
	irq_restore(f);
	return r;
}

struct broadcast {
	int sig;
	struct ksiginfo ki;
	long result;                          /* -ESRCH until someone is found */
};

static void send_one(struct process *p, void *arg)
{
	struct broadcast *b = arg;
	if (p->pid == INIT_PID || p->pid == b->ki.pid)
		return;
	long e = signal_send(p, b->sig, &b->ki, false);
	b->result = (b->result == -ESRCH || e) ? e : b->result;
}

/* kill(-1): everyone but init and the caller; -ESRCH if nobody. */
static long send_to_all(int sig)
{
	struct broadcast b = { sig, { .code = SI_USER, .pid = current_process()->pid }, -ESRCH };
	uint32_t f = irq_save();
	process_for_each(send_one, &b);
	irq_restore(f);
	return b.result;
}

long sys_kill(int pid, int sig)
{
	if (pid > 0)
		return send_to(pid, sig, SI_USER);
	if (pid == KILL_ALL)
		return send_to_all(sig);
	if (pid == INT32_MIN)
		return -ESRCH;                    /* -pid would overflow (Linux) */
	struct ksiginfo ki = { .code = SI_USER, .pid = current_process()->pid };
	return pgrp_signal(pid ? -pid : current_process()->pgid, sig, &ki);
}

long sys_tkill(int pid, int sig)
{
	if (pid <= 0)
		return -EINVAL;
	return send_to_thread(0, pid, sig);
}

long sys_tgkill(int tgid, int pid, int sig)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	return send_to_thread(tgid, pid, sig);
}

/* --- waiting for a signal, queueing one with its siginfo --- */

/* rt_sigtimedwait and its time64 form: the signal taken, its siginfo to uinfo. */
static long timedwait(user_ptr_t uthese, user_ptr_t uinfo, user_ptr_t uts, size_t sigsetsize,
		      bool wide)
{
	kernel_sigset_t these;
	uint64_t ns, ticks;
	if (sigsetsize != sizeof(these))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (!user_ptr_null(uts)) {
		long err = timespec_from_user(uts, &ns, wide);
		if (err)
			return err;
		ticks = time_ns_to_ticks(ns);
	}
	struct ksiginfo ki;
	long sig = signal_wait(these, user_ptr_null(uts) ? NULL : &ticks, &ki);
	if (sig > 0 && !user_ptr_null(uinfo)) {
		siginfo_t si;
		signal_siginfo_fill(&si, (int)sig, &ki);
		if (copy_to_user(uinfo, &si, sizeof(si)))
			return -EFAULT;
	}
	return sig;
}

long sys_rt_sigtimedwait(user_ptr_t uthese, user_ptr_t uinfo, user_ptr_t uts, size_t sigsetsize)
{
	return timedwait(uthese, uinfo, uts, sigsetsize, false);
}

long sys_rt_sigtimedwait_time64(user_ptr_t uthese, user_ptr_t uinfo, user_ptr_t uts,
				size_t sigsetsize)
{
	return timedwait(uthese, uinfo, uts, sigsetsize, true);
}

/* rt_sigqueueinfo and rt_tgsigqueueinfo: sig with the caller's siginfo.
 * Only to itself may a process claim a kill's or the kernel's si_code
 * (>= 0, or SI_TKILL), as Linux. */
static long queueinfo(int tgid, int tid, int sig, user_ptr_t uinfo, bool to_thread)
{
	siginfo_t si;
	if (copy_from_user(&si, uinfo, sizeof(si)))
		return -EFAULT;
	if ((si.si_code >= 0 || si.si_code == SI_TKILL) && tgid != current_process()->pid)
		return -EPERM;
	if (to_thread && tid != tgid)         /* one thread per process: tid == pid */
		return -ESRCH;
	struct ksiginfo ki = { .code = si.si_code, .pid = si.u.rt.pid, .value = si.u.rt.value };
	uint32_t f = irq_save();
	struct process *p = process_find(tgid);
	long r = p ? signal_send(p, sig, &ki, to_thread) : -ESRCH;
	irq_restore(f);
	return r;
}

long sys_rt_sigqueueinfo(int tgid, int sig, user_ptr_t uinfo)
{
	return queueinfo(tgid, tgid, sig, uinfo, false);
}

long sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, user_ptr_t uinfo)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	return queueinfo(tgid, tid, sig, uinfo, true);
}

/* The old sigsuspend: the mask is one word (the high word is cleared). */
long sys_sigsuspend(int unused1, int unused2, uint32_t mask)
{
	(void)unused1;
	(void)unused2;
	kernel_sigset_t m = mask;
	return signal_suspend(&m);
}
