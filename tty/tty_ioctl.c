/*
 * tty_ioctl.c - the terminal ioctls: termios (TCGETS, TCSETS, TCSETSW,
 * TCSETSF), flushing and flow (TCFLSH, TCXONC, TCSBRK), the window size
 * (TIOCGWINSZ, TIOCSWINSZ with SIGWINCH), FIONREAD, and the job-control
 * ones, which tty/tty_job.c answers.
 *
 * Output goes to the device as it is written, so "after the output has
 * drained" (TCSETSW, TCSETSF, TCSBRK) is always now. Changing the settings
 * from a background group is a job-control matter (SIGTTOU), as on Linux.
 */
#include "tty/tty.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

static long get_termios(struct tty *tty, uint32_t arg)
{
	spin_lock(&tty->lock);
	struct termios t = tty->ld.t;
	spin_unlock(&tty->lock);
	return copy_to_user(USER_PTR(arg), &t, sizeof(t)) ? -EFAULT : 0;
}

static long set_termios(struct tty *tty, uint32_t cmd, uint32_t arg)
{
	struct termios t;
	long err = tty_job_check(tty, SIGTTOU);
	if (err)
		return err;
	if (copy_from_user(&t, USER_PTR(arg), sizeof(t)))
		return -EFAULT;
	spin_lock(&tty->lock);
	if (cmd == TCSETSF)
		ldisc_flush_input(&tty->ld);
	ldisc_set_termios(&tty->ld, &t);
	spin_unlock(&tty->lock);
	wake_all(&tty->readable);             /* a line may be readable now, or VMIN met */
	wake_all(&tty->writable);
	return 0;
}

static long get_winsize(struct tty *tty, uint32_t arg)
{
	spin_lock(&tty->lock);
	struct winsize w = tty->ws;
	spin_unlock(&tty->lock);
	return copy_to_user(USER_PTR(arg), &w, sizeof(w)) ? -EFAULT : 0;
}

static long set_winsize(struct tty *tty, uint32_t arg)
{
	struct winsize w;
	if (copy_from_user(&w, USER_PTR(arg), sizeof(w)))
		return -EFAULT;
	spin_lock(&tty->lock);
	bool changed = w.ws_row != tty->ws.ws_row || w.ws_col != tty->ws.ws_col ||
		       w.ws_xpixel != tty->ws.ws_xpixel || w.ws_ypixel != tty->ws.ws_ypixel;
	tty->ws = w;
	if (changed)
		tty_signal_fg(tty, SIGWINCH);
	spin_unlock(&tty->lock);
	return 0;
}

/* TCFLSH and TCXONC: input thrown away; output stopped and restarted, or
 * the stop and start characters sent to the other end. */
static long flow(struct tty *tty, uint32_t cmd, uint32_t arg)
{
	long err = tty_job_check(tty, SIGTTOU);
	if (err)
		return err;
	spin_lock(&tty->lock);
	struct ldisc *l = &tty->ld;
	if (cmd == TCFLSH && arg > TCIOFLUSH)
		err = -EINVAL;
	else if (cmd == TCFLSH && arg != TCOFLUSH)
		ldisc_flush_input(l);
	else if (cmd == TCXONC && (arg == TCOOFF || arg == TCOON))
		l->stopped = arg == TCOOFF;
	else if (cmd == TCXONC && (arg == TCIOFF || arg == TCION))
		tty->driver->write(tty, (const char *)&l->t.c_cc[arg == TCIOFF ? VSTOP : VSTART], 1);
	else if (cmd == TCXONC)
		err = -EINVAL;
	spin_unlock(&tty->lock);
	wake_all(&tty->writable);
	return err;
}

static long put_int(uint32_t arg, int v)
{
	return copy_to_user(USER_PTR(arg), &v, sizeof(v)) ? -EFAULT : 0;
}

static long get_available(struct tty *tty, uint32_t arg)
{
	spin_lock(&tty->lock);
	int n = (int)ldisc_available(&tty->ld);
	spin_unlock(&tty->lock);
	return put_int(arg, n);
}

long tty_ioctl(struct tty *tty, uint32_t cmd, uint32_t arg)
{
	switch (cmd) {
	case TCGETS:
		return get_termios(tty, arg);
	case TCSETS: case TCSETSW: case TCSETSF:
		return set_termios(tty, cmd, arg);
	case TIOCGWINSZ:
		return get_winsize(tty, arg);
	case TIOCSWINSZ:
		return set_winsize(tty, arg);
	case TCFLSH: case TCXONC:
		return flow(tty, cmd, arg);
	case TCSBRK:
		return 0;                         /* drained: output is synchronous */
	case FIONREAD:
		return get_available(tty, arg);
	case TIOCOUTQ:
		return put_int(arg, 0);       /* nothing waits to go out */
	case TIOCSCTTY: case TIOCNOTTY: case TIOCGPGRP: case TIOCSPGRP: case TIOCGSID:
		return tty_job_ioctl(tty, cmd, arg);
	default:
		return -ENOTTY;
	}
}
