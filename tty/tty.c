/*
 * tty.c - terminals as files: read and write through the line discipline,
 * with the waiting the discipline leaves to its owner.
 *
 * A reader in canonical mode waits for a whole line (or ^D). Outside it,
 * VMIN and VTIME say when read returns, as POSIX has it:
 *   MIN 0, TIME 0   what is there, possibly nothing;
 *   MIN 0, TIME t   the first byte, or nothing after t tenths of a second;
 *   MIN m, TIME 0   at least min(m, count) bytes;
 *   MIN m, TIME t   the first byte whenever it comes, then more until m
 *                   are there or t tenths pass without a new one.
 * Writers go through OPOST and wait while output is stopped (^S).
 *
 * Every received byte comes from a driver's interrupt handler into
 * tty_receive, which runs the discipline under the tty's lock (interrupts
 * off) and wakes the readers: the echo is on the device before the
 * handler returns.
 */
#include "tty/tty.h"
#include "drivers/pit.h"
#include "fs/file.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "mm/kheap.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/signal.h"
#include "uapi/stat.h"

#define TICKS_PER_DECISECOND (PIT_HZ / 10)   /* VTIME counts tenths of a second */
#define WRITE_CHUNK     256                  /* bytes written per lock hold */
#define TTY_REPLY_MAX   32                   /* a device's answers taken at once */
#define MODE_TTY        0620                 /* crw--w----, as Linux's ttys */
#define TTY_DEV_MINOR   5                    /* /dev's anonymous device, as the console's */
#define TTY_INO_BASE    0x7400               /* stat's inode numbers of the terminals */
#define WAIT_TIMED_OUT  1                    /* wait_input's: VTIME ran out (never returned) */

static struct tty *ttys[TTY_MAX];            /* irq-off: every terminal made */

static void tty_emit(void *owner, const char *s, size_t n)
{
	struct tty *tty = owner;
	tty->driver->write(tty, s, n);
}

static void tty_ldisc_signal(void *owner, int sig)
{
	tty_signal_fg(owner, sig);
}

static const struct ldisc_ops tty_ldisc_ops = { tty_emit, tty_ldisc_signal };

struct tty *tty_create(const struct tty_driver *driver, void *driver_data,
		       uint16_t rows, uint16_t cols)
{
	struct tty *tty = kmalloc(sizeof(*tty));
	if (!tty)
		return NULL;
	memset(tty, 0, sizeof(*tty));
	tty->driver = driver;
	tty->driver_data = driver_data;
	tty->lock = (struct spinlock)SPINLOCK_INIT("tty");
	tty->ws = (struct winsize){ rows, cols, 0, 0 };
	ldisc_init(&tty->ld, &tty_ldisc_ops, tty);
	uint32_t f = irq_save();
	for (int i = 0; i < TTY_MAX; i++)
		if (!ttys[i]) {
			ttys[i] = tty;
			break;
		}
	irq_restore(f);
	return tty;
}

void tty_destroy(struct tty *tty)
{
	uint32_t f = irq_save();
	for (int i = 0; i < TTY_MAX; i++)
		if (ttys[i] == tty)
			ttys[i] = NULL;
	irq_restore(f);
	kfree(tty);
}

/* Linux's __tty_hangup signals the session leader (SIGHUP, SIGCONT); the
 * foreground group hears the same when that leader then exits (its
 * tty_old_pgrp). Here the group hears it at once: the same signals, with
 * no old group to remember. */
void tty_hangup(struct tty *tty)
{
	spin_lock(&tty->lock);
	tty->hungup = true;
	tty_signal_leader(tty, SIGHUP);
	tty_signal_leader(tty, SIGCONT);
	tty_signal_fg(tty, SIGHUP);
	tty_signal_fg(tty, SIGCONT);
	tty->session = tty->pgrp = 0;
	spin_unlock(&tty->lock);
	wake_all(&tty->readable);
	wake_all(&tty->writable);
	poll_notify();
}

/* As Linux's disassociate_ctty(1) when a session leader exits: the
 * foreground group of the terminal it controlled hears SIGHUP (no SIGCONT:
 * a stopped group left without a parent in the session gets that from
 * the orphaned-group rule), and the terminal is nobody's. */
void tty_session_leader_exit(int sid)
{
	uint32_t f = irq_save();
	for (int i = 0; i < TTY_MAX; i++) {
		struct tty *tty = ttys[i];
		if (!tty || tty->session != sid)
			continue;
		spin_lock(&tty->lock);
		tty_signal_fg(tty, SIGHUP);
		tty->session = tty->pgrp = 0;
		spin_unlock(&tty->lock);
	}
	irq_restore(f);
}

void tty_receive(struct tty *tty, uint8_t c)
{
	spin_lock(&tty->lock);
	bool was_stopped = tty->ld.stopped;
	ldisc_receive(&tty->ld, c);
	bool restarted = was_stopped && !tty->ld.stopped;
	spin_unlock(&tty->lock);
	wake_all(&tty->readable);
	poll_notify();                         /* poll and select wait on one queue */
	if (restarted)
		wake_all(&tty->writable);
}

struct tty *tty_current(void)
{
	struct tty *found = NULL;
	uint32_t f = irq_save();
	for (int i = 0; i < TTY_MAX && !found; i++)
		if (ttys[i] && tty_is_ctty(ttys[i]))
			found = ttys[i];
	irq_restore(f);
	return found;
}

/* ---- read --------------------------------------------------------------- */

/* Sleep until the discipline has want bytes (a line in canonical mode),
 * ticks pass (0: no limit), or a signal comes: 0, WAIT_TIMED_OUT, or
 * -ERESTARTSYS. The lock is held on entry and on return. */
static bool input_ready(struct tty *tty, uint32_t want)
{
	return tty->hungup || ldisc_readable(&tty->ld, want);
}

static int wait_input(struct tty *tty, uint32_t want, uint64_t ticks)
{
	if (!ticks)
		return wait_event_locked_intr(&tty->readable, input_ready(tty, want), &tty->lock);
	uint64_t deadline = pit_ticks() + ticks;
	while (!input_ready(tty, want)) {
		uint64_t now = pit_ticks();
		if (now >= deadline)
			return WAIT_TIMED_OUT;
		if (signal_pending_current())
			return -ERESTARTSYS;
		/* Interrupts stay off from the check to the sleep: no lost wake-up. */
		uint32_t saved = spin_release_irqs_off(&tty->lock);
		wait_sleep_timeout(&tty->readable, deadline - now);
		spin_retake(&tty->lock, saved);
	}
	return 0;
}

/* Outside canonical mode: how many bytes to wait for, and for how long. */
static int wait_raw(struct tty *tty, size_t n)
{
	uint32_t min = tty->ld.t.c_cc[VMIN], time = tty->ld.t.c_cc[VTIME];
	uint64_t ticks = (uint64_t)time * TICKS_PER_DECISECOND;
	uint32_t want = min < n ? min : (uint32_t)n;
	int err;
	if (min == 0)
		err = time ? wait_input(tty, 1, ticks) : 0;
	else if (!time)
		err = wait_input(tty, want, 0);
	else {
		err = wait_input(tty, 1, 0);      /* the timer starts with the first byte */
		for (uint32_t have = 1; !err && have < want && !tty->hungup; have = ldisc_available(&tty->ld))
			err = wait_input(tty, have + 1, ticks);
	}
	return err == WAIT_TIMED_OUT ? 0 : err;
}

static bool nonblocking(const struct file *f, unsigned io)
{
	return (io & IO_NONBLOCK) || (f->flags & O_NONBLOCK);
}

static long tty_read(struct file *f, void *buf, size_t n, unsigned io)
{
	struct tty *tty = f->priv;
	int err = tty_job_check(tty, SIGTTIN);
	if (err)
		return err;
	spin_lock(&tty->lock);
	bool canon = tty->ld.t.c_lflag & ICANON;
	if (nonblocking(f, io) && !input_ready(tty, 1))
		err = -EAGAIN;
	else if (canon)
		err = wait_input(tty, 1, 0);
	else
		err = wait_raw(tty, n);
	long got = err ? err : (long)ldisc_read(&tty->ld, buf, n);
	spin_unlock(&tty->lock);
	return got;
}

/* ---- write -------------------------------------------------------------- */

/* Output may go on: not stopped by ^S, and room on the device for a
 * byte and its OPOST expansion (a pty's ring can fill; a UART cannot). */
static size_t out_room(struct tty *tty)
{
	if (tty->ld.stopped)
		return 0;
	return tty->driver->write_room ? tty->driver->write_room(tty) : WRITE_CHUNK * 2;
}

static bool can_write(struct tty *tty)
{
	return tty->hungup || out_room(tty) >= 2;
}

/* Write one chunk, waiting for room: the bytes written, or -errno. */
static long write_chunk(struct tty *tty, const char *p, size_t n, bool nonblock)
{
	spin_lock(&tty->lock);
	long err = 0;
	if (!can_write(tty) && nonblock)
		err = -EAGAIN;
	else
		err = wait_event_locked_intr(&tty->writable, can_write(tty), &tty->lock);
	if (!err && tty->hungup)
		err = -EIO;
	size_t room = err ? 0 : out_room(tty) / 2;   /* every byte may become two (ONLCR) */
	size_t chunk = n < room ? n : room;
	if (chunk > WRITE_CHUNK)
		chunk = WRITE_CHUNK;
	if (!err)
		ldisc_write(&tty->ld, p, chunk);
	spin_unlock(&tty->lock);
	return err ? err : (long)chunk;
}

/* The device's answers to what was just written (a VT's cursor report,
 * which busybox's line editor asks for after its prompt) come back as
 * typed input, as Linux's respond_string puts them in the flip buffer.
 * Outside the lock: receiving may echo. */
static void take_replies(struct tty *tty)
{
	char buf[TTY_REPLY_MAX];
	size_t n = tty->driver->take_reply ? tty->driver->take_reply(tty, buf, sizeof(buf)) : 0;
	for (size_t i = 0; i < n; i++)
		tty_receive(tty, (uint8_t)buf[i]);
}

static long tty_write(struct file *f, const void *buf, size_t n, unsigned io)
{
	struct tty *tty = f->priv;
	const char *p = buf;
	int err = (tty->ld.t.c_lflag & TOSTOP) ? tty_job_check(tty, SIGTTOU) : 0;
	if (err)
		return err;
	size_t done = 0;
	while (done < n) {
		long r = write_chunk(tty, p + done, n - done, nonblocking(f, io));
		take_replies(tty);
		if (r < 0)
			return done ? (long)done : r;
		done += (size_t)r;
	}
	return (long)n;
}

/* ---- the file ----------------------------------------------------------- */

static long tty_file_ioctl(struct file *f, uint32_t cmd, uint32_t arg)
{
	return tty_ioctl(f->priv, cmd, arg);
}

static int tty_index(const struct tty *tty)
{
	for (int i = 0; i < TTY_MAX; i++)
		if (ttys[i] == tty)
			return i;
	return 0;
}

/* The last file on a terminal closed: its driver may free it (a pty). */
static void tty_release(struct file *f)
{
	struct tty *tty = f->priv;
	spin_lock(&tty->lock);
	bool last = --tty->open_files == 0;
	spin_unlock(&tty->lock);
	if (last && tty->driver->last_close)
		tty->driver->last_close(tty);
}

uint32_t tty_open_count(struct tty *tty)
{
	return tty->open_files;
}

static int tty_stat(struct file *f, struct kstat *st)
{
	struct tty *tty = f->priv;
	memset(st, 0, sizeof(*st));
	st->mode = S_IFCHR | MODE_TTY;
	st->nlink = 1;
	st->rdev_major = tty->driver->major;
	st->rdev_minor = tty->driver->minor;
	st->ino = TTY_INO_BASE + (uint32_t)tty_index(tty);
	st->dev_minor = TTY_DEV_MINOR;
	st->mtime_sec = time_boot_epoch();
	st->blksize = 1024;
	return 0;
}

/* poll: readable when read would not wait for input (a whole line in
 * canonical mode, or a hang-up: end of file), writable unless output is
 * stopped (^S); POLLHUP once hung up. */
static uint32_t tty_poll(struct file *f)
{
	struct tty *tty = f->priv;
	spin_lock(&tty->lock);
	bool hup = tty->hungup;
	bool in = hup || ldisc_readable(&tty->ld, 1), out = !tty->ld.stopped;
	spin_unlock(&tty->lock);
	return (in ? POLLIN | POLLRDNORM : 0) | (out ? POLLOUT | POLLWRNORM : 0) | (hup ? POLLHUP : 0);
}

static const struct file_ops tty_ops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_file_ioctl,
	.stat = tty_stat,
	.release = tty_release,
	.poll = tty_poll,
};

struct tty *tty_of_file(struct file *f)
{
	return f && f->ops == &tty_ops ? f->priv : NULL;
}

int tty_open_file(struct tty *tty, uint32_t flags, struct file **out)
{
	*out = file_new(&tty_ops, tty);
	if (!*out)
		return -ENOMEM;
	(*out)->flags = flags & O_NONBLOCK;
	spin_lock(&tty->lock);
	tty->open_files++;
	spin_unlock(&tty->lock);
	if (!(flags & O_NOCTTY))
		tty_job_ioctl(tty, TIOCSCTTY, 0);   /* only a session leader without one gets it */
	return 0;
}
