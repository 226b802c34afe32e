/*
 * sys_rlimit.c - resource limits: getrlimit, setrlimit (their 32-bit
 * forms) and prlimit64, on the limits every process inherits (cred.h).
 * The 32-bit forms say RLIM_INFINITY for anything that does not fit, as
 * Linux's ugetrlimit; the old getrlimit caps at 0x7fffffff, as Linux's
 * sys_old_getrlimit does on i386.
 */
#include "gen/syscalls.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "kernel/x86.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/resource.h"

#define OLD_RLIM_INFINITY 0x7fffffffu

static uint32_t narrow(uint64_t v, uint32_t infinity)
{
	return v > infinity ? infinity : (uint32_t)v;
}

static long get_rlimit32(unsigned int resource, user_ptr_t rlim, uint32_t infinity)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	const struct rlimit64 *r = &current_cred()->rlim[resource];
	struct rlimit out = { narrow(r->rlim_cur, infinity), narrow(r->rlim_max, infinity) };
	return copy_to_user(rlim, &out, sizeof(out));
}

long sys_ugetrlimit(unsigned int resource, user_ptr_t rlim) { return get_rlimit32(resource, rlim, RLIM_INFINITY); }
long sys_getrlimit(unsigned int resource, user_ptr_t rlim) { return get_rlimit32(resource, rlim, OLD_RLIM_INFINITY); }

/* p's limit res becomes *r if the rules allow; *old (if not NULL) the
 * limit before. Interrupts off: prlimit64 may name another process. */
static int do_prlimit(struct process *p, uint32_t res, const struct rlimit64 *r, struct rlimit64 *old)
{
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	int err = r ? cred_rlimit_check(current_cred(), res, r) : 0;
	if (err)
		return err;
	uint32_t fl = irq_save();
	if (old)
		*old = p->cred.rlim[res];
	if (r)
		p->cred.rlim[res] = *r;
	irq_restore(fl);
	return 0;
}

/* Linux i386 keeps limits in 32-bit longs: anything from RLIM_INFINITY
 * up is infinity. */
static uint64_t widen(uint64_t v)
{
	return v >= RLIM_INFINITY ? RLIM64_INFINITY : v;
}

long sys_setrlimit(unsigned int resource, user_ptr_t rlim)
{
	struct rlimit r32;
	if (copy_from_user(&r32, rlim, sizeof(r32)))
		return -EFAULT;
	struct rlimit64 r = { widen(r32.rlim_cur), widen(r32.rlim_max) };
	return do_prlimit(current_process(), resource, &r, NULL);
}

/* May the caller change the limits of p (Linux's check_prlimit_permission)? */
static bool may_prlimit(const struct process *p)
{
	const struct cred *me = current_cred(), *them = &p->cred;
	if (p == current_process() || cred_id_capable(me))
		return true;
	return me->uid == them->uid && me->uid == them->euid && me->uid == them->suid &&
	       me->gid == them->gid && me->gid == them->egid && me->gid == them->sgid;
}

/* The process pid names (0: the caller), or NULL. */
static struct process *prlimit_target(int pid)
{
	if (pid == 0)
		return current_process();
	uint32_t fl = irq_save();
	struct process *p = pid > 0 ? process_find(pid) : NULL;
	if (p && p->state != PROC_ALIVE)
		p = NULL;
	irq_restore(fl);
	return p;
}

long sys_prlimit64(int pid, unsigned int resource, user_ptr_t new_rlim, user_ptr_t old_rlim)
{
	struct rlimit64 r, old;
	bool set = !user_ptr_null(new_rlim);
	if (set && copy_from_user(&r, new_rlim, sizeof(r)))
		return -EFAULT;
	if (set)
		r = (struct rlimit64){ widen(r.rlim_cur), widen(r.rlim_max) };
	struct process *p = prlimit_target(pid);
	if (!p)
		return -ESRCH;
	if (!may_prlimit(p))
		return -EPERM;
	int err = do_prlimit(p, resource, set ? &r : NULL, &old);
	if (!err && !user_ptr_null(old_rlim) && copy_to_user(old_rlim, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}
