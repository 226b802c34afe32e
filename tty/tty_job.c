/*
 * tty_job.c - job control on a terminal: the session it controls, its
 * foreground process group, and what happens to the others (Linux's
 * drivers/tty/tty_jobctrl.c).
 *
 * A terminal remembers the session it controls by the id of that session
 * (its leader's pid) and its foreground group by the group id; a process's
 * controlling terminal is the one whose session is the process's session,
 * so it needs no field of its own and fork passes it on with the session.
 * A session leader gets one with TIOCSCTTY, or by opening a terminal that
 * has none without O_NOCTTY. When the leader exits, its terminal's
 * foreground group hears SIGHUP and the terminal is free again
 * (tty_session_leader_exit, from process_end); a hang-up signals the
 * leader (tty_hangup).
 *
 * A process of another group than the foreground one that reads its
 * terminal gets SIGTTIN (with its group), one that writes with TOSTOP set
 * or changes the settings gets SIGTTOU, unless it ignores or blocks the
 * signal (then a write goes on, and a read fails with EIO); an orphaned
 * group gets EIO, as nobody would ever continue it.
 */
#include "tty/tty.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "uapi/errno.h"

#define SIGMASK_BIT(sig) (1ull << ((sig) - 1))

static const struct ksiginfo tty_siginfo = { .code = SI_KERNEL };

/* The session leader is alive: the terminal is still controlled. */
static bool session_alive(int sid)
{
	struct process *leader = process_find(sid);
	return leader && leader->state == PROC_ALIVE && leader->sid == sid;
}

/* tty's session, or 0 once its leader has gone (interrupts off). */
static int tty_session(struct tty *tty)
{
	if (tty->session && !session_alive(tty->session))
		tty->session = tty->pgrp = 0;
	return tty->session;
}

bool tty_is_ctty(struct tty *tty)
{
	int sid = tty_session(tty);
	return sid && sid == current_process()->sid;
}

void tty_signal_fg(struct tty *tty, int sig)
{
	if (tty->pgrp > 0)
		pgrp_signal(tty->pgrp, sig, &tty_siginfo);
}

void tty_signal_leader(struct tty *tty, int sig)
{
	struct process *leader = tty_session(tty) ? process_find(tty->session) : NULL;
	if (leader)
		signal_send(leader, sig, &tty_siginfo, false);
}

/* The current thread will not see sig: it ignores or blocks it. */
static bool ignores(int sig)
{
	struct thread *t = current_thread();
	return t->proc->sighand->action[sig - 1].handler == SIG_IGN ||
	       (t->sig_blocked & SIGMASK_BIT(sig));
}

int tty_job_check(struct tty *tty, int sig)
{
	struct process *p = current_process();
	int err = 0;
	spin_lock(&tty->lock);
	if (!tty_is_ctty(tty) || p->pgid == tty->pgrp)
		err = 0;
	else if (ignores(sig))
		err = sig == SIGTTIN ? -EIO : 0;
	else if (pgrp_orphaned(p->pgid))
		err = -EIO;
	else {
		pgrp_signal(p->pgid, sig, &tty_siginfo);
		err = -ERESTARTSYS;
	}
	spin_unlock(&tty->lock);
	return err;
}

/* Some terminal other than tty is the current session's already. */
static bool session_has_other_tty(struct tty *tty)
{
	struct tty *cur = tty_current();
	return cur && cur != tty;
}

static long set_ctty(struct tty *tty, uint32_t steal)
{
	struct process *p = current_process();
	if (p->sid != p->pid)
		return -EPERM;                      /* only a session leader */
	if (tty_session(tty) == p->sid)
		return 0;
	if (session_has_other_tty(tty))
		return -EPERM;
	if (tty->session && steal != 1)
		return -EPERM;                      /* another session's (root may steal with 1) */
	tty->session = p->sid;
	tty->pgrp = p->pgid;
	return 0;
}

/* The leader lets go: its foreground group hears SIGHUP and SIGCONT. */
static long drop_ctty(struct tty *tty)
{
	struct process *p = current_process();
	if (!tty_is_ctty(tty))
		return -ENOTTY;
	if (p->sid == p->pid) {
		tty_signal_fg(tty, SIGHUP);
		tty_signal_fg(tty, SIGCONT);
		tty->session = tty->pgrp = 0;
	}
	return 0;
}

/* TIOCSPGRP: a group of the terminal's session becomes the foreground. */
static long set_fg(struct tty *tty, int pgrp)
{
	if (pgrp < 0)
		return -EINVAL;
	if (!pgrp_in_session(pgrp, tty->session))
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

/* User memory is touched only without the lock (a fault may sleep). */
long tty_job_ioctl(struct tty *tty, uint32_t cmd, uint32_t arg)
{
	int pgrp = 0, id = 0;
	long r;
	if (cmd == TIOCSPGRP) {
		if ((r = tty_job_check(tty, SIGTTOU)))
			return r;
		if (copy_from_user(&pgrp, USER_PTR(arg), sizeof(pgrp)))
			return -EFAULT;
	}
	spin_lock(&tty->lock);
	if (cmd == TIOCSCTTY)
		r = set_ctty(tty, arg);
	else if (cmd == TIOCNOTTY)
		r = drop_ctty(tty);
	else if (!tty_is_ctty(tty))
		r = -ENOTTY;
	else if (cmd == TIOCSPGRP)
		r = set_fg(tty, pgrp);
	else {
		r = 0;
		id = cmd == TIOCGSID ? tty->session : tty->pgrp;
	}
	spin_unlock(&tty->lock);
	if (r || (cmd != TIOCGPGRP && cmd != TIOCGSID))
		return r;
	return copy_to_user(USER_PTR(arg), &id, sizeof(id)) ? -EFAULT : 0;
}

/* Linux's tiocgpgrp and tiocgsid asked of a master (tty != real_tty
 * there): no controlling-terminal check, as that is how a terminal
 * emulator finds what runs in it. A free terminal's group is 0. */
long tty_job_peek(struct tty *tty, uint32_t cmd, uint32_t arg)
{
	spin_lock(&tty->lock);
	int sid = tty_session(tty), id = cmd == TIOCGSID ? sid : tty->pgrp;
	spin_unlock(&tty->lock);
	if (cmd == TIOCGSID && !sid)
		return -ENOTTY;
	return copy_to_user(USER_PTR(arg), &id, sizeof(id)) ? -EFAULT : 0;
}
