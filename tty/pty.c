/*
 * pty.c - pseudo-terminals: /dev/ptmx and /dev/pts/N (Linux's UNIX 98
 * ptys, drivers/tty/pty.c), with the same line discipline on the slave
 * side as every terminal.
 *
 * Opening /dev/ptmx makes a pair: the open file is the master; the slave
 * is a terminal (struct tty) whose node /dev/pts/N appears at once,
 * locked until the master's TIOCSPTLCK(0) (glibc's unlockpt); TIOCGPTN
 * gives N (ptsname). Bytes written to the master are typed on the slave
 * (its discipline echoes, edits, signals); what the slave's programs write
 * goes through OPOST into a ring the master reads. Settings and the window
 * size asked of the master are the slave's, as on Linux; so are its
 * session and foreground group (TIOCGSID, TIOCGPGRP: how a terminal
 * emulator sees what runs in it) and TIOCSCTTY; TCFLSH and FIONREAD are
 * about the master's own input, the ring.
 *
 * When the master closes, the slave hangs up: its session leader and
 * foreground group get SIGHUP and SIGCONT, reads return 0 and writes EIO.
 * Once the slave has been opened and closed again, a master read is EIO
 * (after what was written) and poll says POLLHUP; before its first open
 * the master waits, as on Linux. The pair and /dev/pts/N go when both
 * sides are closed.
 *
 * /dev/pts is a directory of /dev (devtmpfs), not a file system of its
 * own: `mount -t devpts` is not needed, nor understood.
 */
#include "tty/tty.h"
#include "fs/chrdev.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "kernel/format.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/stat.h"

#define PTY_MAX        16                    /* pairs at once */
#define PTY_BUF        4096                  /* master's ring: slave output not yet read */
#define PTY_ROWS       24
#define PTY_COLS       80
#define MODE_PTS       0620
#define MODE_PTS_DIR   (S_IFDIR | 0755)
#define MODE_PTMX      0666
#define PTMX_MINOR     2                     /* 5:2 */
#define PTS_NAME_MAX   8

struct pty {
	int index;                               /* fixed: N of /dev/pts/N */
	struct tty *slave;                       /* fixed */
	/* slave->lock guards all below */
	char out[PTY_BUF];
	uint32_t head, tail;                     /* free-running: written by the slave, read by the master */
	bool locked;                             /* TIOCSPTLCK: the slave cannot be opened */
	bool master_open;
	bool slave_closed;                       /* the slave's last file closed, none opened since */
	bool freeing;                            /* the last of the two sides has gone */
	struct wait_queue master_readable;
};

static struct pty *ptys[PTY_MAX];            /* irq-off */
static const char pts_dir_name[] = "pts";    /* in /dev (devtmpfs) */

static uint32_t out_used(const struct pty *p) { return p->head - p->tail; }

/* ---- the slave's driver: output into the master's ring ------------------ */

static void pty_slave_write(struct tty *tty, const char *s, size_t n)
{
	struct pty *p = tty->driver_data;
	for (size_t i = 0; i < n && out_used(p) < PTY_BUF; i++)
		p->out[p->head++ % PTY_BUF] = s[i];
	wake_all(&p->master_readable);
	poll_notify();                            /* a master in poll or select */
}

static size_t pty_slave_room(struct tty *tty)
{
	struct pty *p = tty->driver_data;
	return PTY_BUF - out_used(p);
}

static void pty_free(struct pty *p);

/* Whether the caller is the one to free the pair: both sides are closed
 * and nobody has said so before (the lock is held: one side may close
 * between the other's last file count and its check). */
static bool claim_free(struct pty *p)
{
	if (p->master_open || tty_open_count(p->slave) || p->freeing)
		return false;
	p->freeing = true;
	return true;
}

/* The last slave file closed: free the pair if the master is gone too. */
static void pty_slave_closed(struct tty *tty)
{
	struct pty *p = tty->driver_data;
	spin_lock(&tty->lock);
	p->slave_closed = true;
	bool last = claim_free(p);
	spin_unlock(&tty->lock);
	wake_all(&p->master_readable);            /* a master read now sees EIO */
	poll_notify();                            /* and a master's poll POLLHUP */
	if (last)
		pty_free(p);
}

static const struct tty_driver pty_slave_driver = {
	.name = "pts", .major = UNIX98_PTY_SLAVE_MAJOR, .minor = 0,
	.write = pty_slave_write, .write_room = pty_slave_room, .last_close = pty_slave_closed,
};

/* ---- /dev/pts/N ------------------------------------------------------------ */

static void pts_name(int index, char name[PTS_NAME_MAX])
{
	ksnprintf(name, PTS_NAME_MAX, "%d", index);
}

/* /dev/pts, looked up each time (the vfs lock is held): holding a
 * reference would keep every mount of devtmpfs busy. */
static struct inode *pts_dir(void)
{
	struct inode *dev = devtmpfs_root();
	struct dentry *d = dev->ops->lookup(dev, pts_dir_name, sizeof(pts_dir_name) - 1);
	return d ? d->inode : NULL;
}

static int pts_node_add(int index)
{
	char name[PTS_NAME_MAX];
	struct inode *ino, *dir;
	pts_name(index, name);
	vfs_lock();
	dir = pts_dir();
	int err = dir ? vfs_create(dir, name, S_IFCHR | MODE_PTS, &ino) : -ENOENT;
	if (!err)
		ino->rdev = MKDEV(UNIX98_PTY_SLAVE_MAJOR, (uint32_t)index);
	vfs_unlock();
	return err;
}

static void pts_node_remove(int index)
{
	char name[PTS_NAME_MAX];
	pts_name(index, name);
	vfs_lock();
	struct inode *dir = pts_dir();
	if (dir)
		vfs_unlink(dir, name, false);
	vfs_unlock();
}

/* ---- making and freeing pairs ------------------------------------------ */

static int pty_slot(struct pty *p)
{
	uint32_t f = irq_save();
	int index = -1;
	for (int i = 0; i < PTY_MAX && index < 0; i++)
		if (!ptys[i]) {
			ptys[i] = p;
			index = i;
		}
	irq_restore(f);
	return index;
}

static struct pty *pty_new(void)
{
	struct pty *p = kmalloc(sizeof(*p));
	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->locked = p->master_open = true;
	p->index = pty_slot(p);
	if (p->index < 0)
		goto no_slot;
	p->slave = tty_create(&pty_slave_driver, p, PTY_ROWS, PTY_COLS);
	if (!p->slave)
		goto no_tty;
	if (pts_node_add(p->index))
		goto no_node;
	return p;
no_node:
	tty_destroy(p->slave);
no_tty:
	ptys[p->index] = NULL;
no_slot:
	kfree(p);
	return NULL;
}

static void pty_free(struct pty *p)
{
	pts_node_remove(p->index);
	tty_destroy(p->slave);
	uint32_t f = irq_save();
	ptys[p->index] = NULL;
	irq_restore(f);
	kfree(p);
}

/* ---- the master ------------------------------------------------------- */

/* Linux's TTY_OTHER_CLOSED: before the slave is first opened the master
 * waits like any reader; once it has been and was closed, reads end. */
static bool master_can_read(const struct pty *p)
{
	return out_used(p) > 0 || p->slave_closed;
}

static long master_read(struct file *f, void *buf, size_t n, unsigned io)
{
	struct pty *p = f->priv;
	struct tty *tty = p->slave;
	char *dst = buf;
	spin_lock(&tty->lock);
	long err = 0;
	if (!master_can_read(p) && ((io & IO_NONBLOCK) || (f->flags & O_NONBLOCK)))
		err = -EAGAIN;
	else
		err = wait_event_locked_intr(&p->master_readable, master_can_read(p), &tty->lock);
	size_t got = 0;
	while (!err && got < n && p->tail != p->head)
		dst[got++] = p->out[p->tail++ % PTY_BUF];
	spin_unlock(&tty->lock);
	wake_all(&tty->writable);                 /* room for the slave's writers */
	if (err)
		return err;
	return got ? (long)got : -EIO;            /* nothing, and no slave: EIO as Linux */
}

/* What the master writes is typed on the slave. */
static long master_write(struct file *f, const void *buf, size_t n, unsigned io)
{
	(void)io;
	struct pty *p = f->priv;
	const uint8_t *s = buf;
	for (size_t i = 0; i < n; i++)
		tty_receive(p->slave, s[i]);
	return (long)n;
}

/* TCFLSH on the master flushes the master's own side, as Linux's n_tty
 * of the master: its input is what the slave wrote and nobody read yet;
 * its output reached the slave's discipline at once, nothing waits. */
static long master_flush(struct pty *p, uint32_t arg)
{
	if (arg > TCIOFLUSH)
		return -EINVAL;
	spin_lock(&p->slave->lock);
	if (arg != TCOFLUSH)
		p->tail = p->head;
	spin_unlock(&p->slave->lock);
	wake_all(&p->slave->writable);            /* room for the slave's writers */
	return 0;
}

/* FIONREAD on the master: what the slave wrote that it has not read. */
static long master_unread(struct pty *p, uint32_t arg)
{
	spin_lock(&p->slave->lock);
	int n = (int)out_used(p);
	spin_unlock(&p->slave->lock);
	return copy_to_user(USER_PTR(arg), &n, sizeof(n)) ? -EFAULT : 0;
}

static long master_ioctl(struct file *f, uint32_t cmd, uint32_t arg)
{
	struct pty *p = f->priv;
	int v;
	switch (cmd) {
	case TIOCGPTN:
		v = p->index;
		return copy_to_user(USER_PTR(arg), &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSPTLCK:
		if (copy_from_user(&v, USER_PTR(arg), sizeof(v)))
			return -EFAULT;
		spin_lock(&p->slave->lock);
		p->locked = v != 0;
		spin_unlock(&p->slave->lock);
		return 0;
	case TIOCGPGRP: case TIOCGSID:
		return tty_job_peek(p->slave, cmd, arg);   /* the slave's, for anyone */
	case TIOCSCTTY:
		return tty_job_ioctl(p->slave, cmd, arg);  /* makes the slave ours */
	case TIOCNOTTY: case TIOCSPGRP:
		return -ENOTTY;                       /* the master is nobody's terminal */
	case TCFLSH:
		return master_flush(p, arg);
	case FIONREAD:
		return master_unread(p, arg);
	default:
		return tty_ioctl(p->slave, cmd, arg); /* termios, window size: the slave's */
	}
}

/* poll, as Linux's n_tty_poll on the master: readable when the slave has
 * written, POLLHUP once the slave has been closed (a read is then EIO,
 * after what is left; not before the slave's first open), always writable (what is typed goes to the slave's
 * discipline at once, which drops what does not fit, as a full line). */
static uint32_t master_poll(struct file *f)
{
	struct pty *p = f->priv;
	spin_lock(&p->slave->lock);
	bool in = out_used(p) > 0, hup = p->slave_closed;
	spin_unlock(&p->slave->lock);
	return (in ? POLLIN | POLLRDNORM : 0) | (hup ? POLLHUP : 0) | POLLOUT | POLLWRNORM;
}

static void master_release(struct file *f)
{
	struct pty *p = f->priv;
	tty_hangup(p->slave);
	spin_lock(&p->slave->lock);
	p->master_open = false;
	bool last = claim_free(p);
	spin_unlock(&p->slave->lock);
	if (last)
		pty_free(p);
}

static int master_stat(struct file *f, struct kstat *st)
{
	(void)f;
	memset(st, 0, sizeof(*st));
	st->mode = S_IFCHR | MODE_PTMX;
	st->nlink = 1;
	st->rdev_major = TTYAUX_MAJOR;
	st->rdev_minor = PTMX_MINOR;
	return 0;
}

static const struct file_ops master_ops = {
	.read = master_read,
	.write = master_write,
	.ioctl = master_ioctl,
	.stat = master_stat,
	.poll = master_poll,
	.release = master_release,
};

/* ---- the devices ------------------------------------------------------ */

static int ptmx_open(uint32_t minor, uint32_t flags, struct file **out)
{
	(void)minor;
	struct pty *p = pty_new();
	if (!p)
		return -ENOSPC;
	*out = file_new(&master_ops, p);
	if (!*out) {
		pty_free(p);
		return -ENOMEM;
	}
	(*out)->flags = flags & O_NONBLOCK;
	return 0;
}

static int pts_open(uint32_t minor, uint32_t flags, struct file **out)
{
	uint32_t f = irq_save();
	struct pty *p = minor < PTY_MAX ? ptys[minor] : NULL;
	int err = !p ? -ENXIO : p->locked || !p->master_open ? -EIO : 0;
	irq_restore(f);
	if (!err)
		err = tty_open_file(p->slave, flags, out);
	if (!err) {
		spin_lock(&p->slave->lock);
		p->slave_closed = false;
		spin_unlock(&p->slave->lock);
	}
	return err;
}

static const struct chrdev ptmx_chrdev = { "ptmx", TTYAUX_MAJOR, PTMX_MINOR, 1, ptmx_open };
static const struct chrdev pts_chrdev = { "pts", UNIX98_PTY_SLAVE_MAJOR, 0, PTY_MAX, pts_open };

void pty_chrdev_init(void)
{
	chrdev_register(&ptmx_chrdev);
	chrdev_register(&pts_chrdev);
	devtmpfs_node("ptmx", S_IFCHR | MODE_PTMX, MKDEV(TTYAUX_MAJOR, PTMX_MINOR));
	vfs_lock();
	vfs_mkdir(devtmpfs_root(), pts_dir_name, MODE_PTS_DIR);
	vfs_unlock();
}
