/*
 * pgrp.c - process groups and sessions: setpgid, getpgid, getpgrp, setsid,
 * getsid, and what the tty and kill need of them (signal a group, is a
 * group in a session, is it orphaned).
 *
 * A group and a session are not objects: they are the ids each process
 * carries (process.pgid, process.sid; irq-off), inherited at fork. A group
 * "exists" while some process, zombies included, carries its id, as Linux's
 * struct pid stays attached until the zombie is reaped. The first program
 * inherits the kernel's 0 and 0, as Linux's init does.
 *
 * The rules are Linux's (kernel/sys.c): setpgid may move the caller or a
 * child of the caller that has not exec'd (else EACCES) and is in the
 * caller's session (else EPERM), never a session leader (EPERM), into its
 * own new group or into a group of the same session (else EPERM); any
 * other target is ESRCH. setsid is EPERM when some group already has the
 * caller's id.
 */
#include "proc/thread_internal.h"
#include "gen/syscalls.h"
#include "kernel/x86.h"
#include "uapi/errno.h"

/* A process's group or session, by which ids are compared. */
enum id_kind { ID_PGID, ID_SID };

static bool carries(const struct process *p, enum id_kind kind, int id)
{
	return (kind == ID_PGID ? p->pgid : p->sid) == id;
}

struct id_search {
	enum id_kind kind;
	int id, sid;                          /* sid < 0: any session */
	bool found;
};

static void id_match(struct process *p, void *arg)
{
	struct id_search *s = arg;
	if (carries(p, s->kind, s->id) && (s->sid < 0 || p->sid == s->sid))
		s->found = true;
}

/* Some process carries id as its group (or session) id, in session sid
 * (any if sid < 0). Interrupts are off. */
static bool id_used(enum id_kind kind, int id, int sid)
{
	struct id_search s = { kind, id, sid, false };
	process_for_each(id_match, &s);
	return s.found;
}

bool pgrp_in_session(int pgid, int sid)
{
	uint32_t f = irq_save();
	bool r = id_used(ID_PGID, pgid, sid);
	irq_restore(f);
	return r;
}

bool proc_id_in_use(int id)
{
	KASSERT(!irqs_enabled());
	return process_find(id) || id_used(ID_PGID, id, -1) || id_used(ID_SID, id, -1);
}

/* --- signalling a group (kill(0), kill(-pgrp), the tty) --- */

struct group_send {
	int pgid, sig;
	const struct ksiginfo *ki;
	bool found, sent;
	long err;
};

static void group_send_one(struct process *p, void *arg)
{
	struct group_send *g = arg;
	if (p->pgid != g->pgid)
		return;
	g->found = true;
	long e = signal_send(p, g->sig, g->ki, false);
	g->sent |= !e;
	g->err = e;
}

int pgrp_signal(int pgid, int sig, const struct ksiginfo *ki)
{
	struct group_send g = { pgid, sig, ki, false, false, 0 };
	uint32_t f = irq_save();
	process_for_each(group_send_one, &g);
	irq_restore(f);
	if (!g.found)
		return -ESRCH;
	return g.sent ? 0 : (int)g.err;       /* as Linux's __kill_pgrp_info */
}

/* --- orphaned groups (POSIX: no member has a parent in another group of
 * the same session; Linux's will_become_orphaned_pgrp) --- */

struct orphan_check {
	int pgid;
	const struct process *ignored;        /* leaving: neither member nor link */
	bool linked;
};

static void orphan_link(struct process *p, void *arg)
{
	struct orphan_check *o = arg;
	const struct process *parent = p->parent;
	if (p->pgid != o->pgid || p == o->ignored || p->state != PROC_ALIVE || !parent ||
	    parent == o->ignored || parent->pid == INIT_PID || parent == &kernel_process)
		return;
	if (parent->pgid != p->pgid && parent->sid == p->sid)
		o->linked = true;
}

bool pgrp_orphaned_without(int pgid, const struct process *ignored)
{
	KASSERT(!irqs_enabled());
	struct orphan_check o = { pgid, ignored, false };
	process_for_each(orphan_link, &o);
	return !o.linked;
}

static void stopped_match(struct process *p, void *arg)
{
	struct id_search *s = arg;
	if (p->pgid == s->id && p->stopped)
		s->found = true;
}

bool pgrp_has_stopped(int pgid)
{
	KASSERT(!irqs_enabled());
	struct id_search s = { ID_PGID, pgid, -1, false };
	process_for_each(stopped_match, &s);
	return s.found;
}

bool pgrp_orphaned(int pgid)
{
	uint32_t f = irq_save();
	bool r = pgrp_orphaned_without(pgid, NULL);
	irq_restore(f);
	return r;
}

/* --- the system calls --- */

/* The process setpgid may move, or an error (interrupts off). */
static int setpgid_target(int pid, struct process **out)
{
	struct process *me = current_process();
	struct process *p = pid ? process_find(pid) : me;
	if (!p || (p != me && p->parent != me))
		return -ESRCH;
	if (p != me) {
		if (p->sid != me->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	}
	if (p->sid == p->pid)
		return -EPERM;                    /* a session leader stays */
	*out = p;
	return 0;
}

long sys_setpgid(int pid, int pgid)
{
	if (pgid < 0)
		return -EINVAL;
	uint32_t f = irq_save();
	struct process *p = NULL;
	int err = setpgid_target(pid, &p);
	if (!err) {
		int to = pgid ? pgid : p->pid;
		if (to != p->pid && !id_used(ID_PGID, to, current_process()->sid))
			err = -EPERM;                 /* no such group in our session */
		else
			p->pgid = to;
	}
	irq_restore(f);
	return err;
}

/* getpgid and getsid: p's group or session id, or -ESRCH. */
static long get_id(int pid, enum id_kind kind)
{
	uint32_t f = irq_save();
	struct process *p = pid ? process_find(pid) : current_process();
	long r = !p ? -ESRCH : kind == ID_PGID ? p->pgid : p->sid;
	irq_restore(f);
	return r;
}

long sys_getpgid(int pid) { return pid < 0 ? -ESRCH : get_id(pid, ID_PGID); }
long sys_getpgrp(void) { return get_id(0, ID_PGID); }
long sys_getsid(int pid) { return pid < 0 ? -ESRCH : get_id(pid, ID_SID); }

long sys_setsid(void)
{
	struct process *me = current_process();
	uint32_t f = irq_save();
	long r = -EPERM;                      /* a group with our id exists */
	if (!id_used(ID_PGID, me->pid, -1)) {
		me->pgid = me->sid = me->pid;
		r = me->pid;
	}
	irq_restore(f);
	return r;
}
