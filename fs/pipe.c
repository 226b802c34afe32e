/*
 * pipe.c - pipes: a 4 KiB ring between a read end and a write end.
 *
 * A reader sleeps while the ring is empty and a writer exists, and then
 * takes what is there (never waits for more); with no writer left, an
 * empty pipe reads as end of file. A write of up to PIPE_BUF bytes is
 * atomic: it waits until the whole of it fits, so writers never
 * interleave within one. A longer write goes in as room appears. With no
 * reader left a write is -EPIPE (the system-call layer raises SIGPIPE).
 *
 * Readers and writers sleep on separate queues, and each side wakes only
 * the other: two writers facing a full pipe sleep until a reader makes
 * room, instead of waking each other (issue 13, defect 14).
 *
 * A FIFO (a named pipe: an S_IFIFO inode) has one pipe, made at its first
 * open and kept until the inode goes; each open gets an end: a read end
 * waits until a writer comes (unless O_NONBLOCK), a write end until a
 * reader does (O_NONBLOCK: ENXIO without one), O_RDWR is both at once and
 * never waits, as Linux's fifo_open. When the last end closes, what was
 * left in it is dropped.
 */
#include "fs/pipe.h"
#include "fs/file.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"
#include "kernel/wait.h"
#include "kernel/time.h"
#include "mm/kheap.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/stat.h"

/* Pipes live on an anonymous device (major 0), as on Linux's pipefs. */
#define PIPEFS_DEV_MINOR 12

static uint32_t next_ino = 1;      /* irq-off */

struct pipe {
	uint32_t ino;                  /* fixed: what stat reports */
	uint64_t ctime;                /* fixed: creation, seconds since the epoch */
	struct spinlock lock;
	/* lock guards all below */
	char buf[PIPE_SIZE];
	uint32_t head, tail;           /* bytes written, bytes read (wrap freely) */
	int readers, writers;          /* open ends */
	uint32_t r_opens, w_opens;     /* ends ever opened (a FIFO's opener waits for a change) */
	bool fifo;                     /* fixed: a FIFO's, kept while its inode lives */
	struct wait_queue readable;    /* readers waiting for data or the last writer */
	struct wait_queue writable;    /* writers waiting for room or the last reader */
};

static uint32_t pipe_used(const struct pipe *p) { return p->head - p->tail; }

/* Whether a reader can go on: data, or end of file. */
static bool can_read(const struct pipe *p)
{
	return pipe_used(p) > 0 || p->writers == 0;
}

/* Whether a writer of want bytes (at most PIPE_SIZE) can go on. */
static bool can_write(const struct pipe *p, uint32_t want)
{
	return PIPE_SIZE - pipe_used(p) >= want || p->readers == 0;
}

/* Copy up to n bytes out of the ring into out: how many came. Two
 * memcpys (rep movsd), not a loop a byte: `yes | head` moves 100 MiB
 * this way (bench pipeline). */
static size_t ring_take(struct pipe *p, char *out, size_t n)
{
	assert_held(&p->lock);
	size_t used = pipe_used(p), k = n < used ? n : used;
	uint32_t at = p->tail % PIPE_SIZE, first = PIPE_SIZE - at < k ? PIPE_SIZE - at : k;
	memcpy(out, p->buf + at, first);
	memcpy(out + first, p->buf, k - first);
	p->tail += k;
	return k;
}

static long pipe_read(struct file *f, void *buf, size_t n, unsigned io)
{
	struct pipe *p = f->priv;
	char *out = buf;
	spin_lock(&p->lock);
	if (!can_read(p) && ((io & IO_NONBLOCK) || (f->flags & O_NONBLOCK))) {
		spin_unlock(&p->lock);
		return -EAGAIN;
	}
	int err = wait_event_locked_intr(&p->readable, can_read(p), &p->lock);
	if (err) {
		spin_unlock(&p->lock);
		return err;                       /* a signal: EINTR or restart */
	}
	size_t got = ring_take(p, out, n);
	spin_unlock(&p->lock);
	if (got) {
		wake_all(&p->writable);
		poll_notify();
	}
	return (long)got;
}

/* Copy what fits of in[0..n) into the ring: how much went in. */
static size_t ring_put(struct pipe *p, const char *in, size_t n)
{
	assert_held(&p->lock);
	size_t room = PIPE_SIZE - pipe_used(p), k = n < room ? n : room;
	uint32_t at = p->head % PIPE_SIZE, first = PIPE_SIZE - at < k ? PIPE_SIZE - at : k;
	memcpy(p->buf + at, in, first);          /* up to the ring's end, */
	memcpy(p->buf, in + first, k - first);   /* then from its start */
	p->head += k;
	return k;
}

static long pipe_write(struct file *f, const void *buf, size_t n, unsigned io)
{
	struct pipe *p = f->priv;
	bool nonblock = (io & IO_NONBLOCK) || (f->flags & O_NONBLOCK);
	size_t done = 0;
	bool interrupted = false;
	spin_lock(&p->lock);
	while (done < n) {
		/* An atomic write waits for room for all of it, others for a byte. */
		uint32_t want = n <= PIPE_BUF ? n : 1;
		if (!can_write(p, want)) {
			if (nonblock)
				break;
			wake_all(&p->readable);       /* what is there may be all they need */
			if (wait_event_locked_intr(&p->writable, can_write(p, want), &p->lock)) {
				interrupted = true;
				break;
			}
		}
		if (p->readers == 0)
			break;
		done += ring_put(p, (const char *)buf + done, n - done);
	}
	bool broken = p->readers == 0;
	spin_unlock(&p->lock);
	if (done) {
		wake_all(&p->readable);
		poll_notify();
		return (long)done;
	}
	if (broken)
		return -EPIPE;
	return interrupted ? -ERESTARTSYS : -EAGAIN;
}

static void pipe_release_end(struct file *f, bool write_end)
{
	struct pipe *p = f->priv;
	spin_lock(&p->lock);
	if (write_end)
		p->writers--;
	else
		p->readers--;
	bool last = p->readers == 0 && p->writers == 0;
	if (last && p->fifo)
		p->head = p->tail = 0;           /* a FIFO drops what nobody will read */
	/* Wake under the lock: once it is let go, the other end's release
	 * may free p (that use after free was found by the stress test). */
	wake_all(&p->readable);
	wake_all(&p->writable);
	spin_unlock(&p->lock);
	poll_notify();
	if (last && !p->fifo)
		kfree(p);
}

static void pipe_release_read(struct file *f) { pipe_release_end(f, false); }
static void pipe_release_write(struct file *f) { pipe_release_end(f, true); }

static void pipe_release_both(struct file *f)
{
	struct pipe *p = f->priv;
	spin_lock(&p->lock);
	p->readers--;                        /* the write end's release does the rest */
	spin_unlock(&p->lock);
	pipe_release_end(f, true);
}

static int pipe_stat(struct file *f, struct kstat *st)
{
	struct pipe *p = f->priv;
	*st = (struct kstat){ .mode = S_IFIFO | 0600, .nlink = 1, .blksize = PIPE_SIZE,
			      .ino = p->ino, .dev_minor = PIPEFS_DEV_MINOR,
			      .mtime_sec = p->ctime };
	return 0;
}

/* poll: data (or end of file: POLLHUP) for the read end; room for the
 * write end (POLLERR with no reader left), as Linux's pipe_poll. */
static uint32_t pipe_poll(struct file *f, bool write_end)
{
	struct pipe *p = f->priv;
	uint32_t m = 0;
	spin_lock(&p->lock);
	if (!write_end && pipe_used(p))
		m |= POLLIN | POLLRDNORM;
	if (!write_end && p->writers == 0)
		m |= POLLHUP;
	if (write_end && pipe_used(p) < PIPE_SIZE)
		m |= POLLOUT | POLLWRNORM;
	if (write_end && p->readers == 0)
		m |= POLLERR;
	spin_unlock(&p->lock);
	return m;
}

static uint32_t pipe_poll_read(struct file *f) { return pipe_poll(f, false); }
static uint32_t pipe_poll_write(struct file *f) { return pipe_poll(f, true); }
static uint32_t pipe_poll_both(struct file *f) { return pipe_poll(f, false) | pipe_poll(f, true); }

long pipe_nread(struct file *f)
{
	struct pipe *p = f->priv;
	if (pipe_size(f) < 0)
		return -ENOTTY;
	spin_lock(&p->lock);
	long n = pipe_used(p);
	spin_unlock(&p->lock);
	return n;
}

static const struct file_ops pipe_read_ops = {
	.read = pipe_read, .stat = pipe_stat, .release = pipe_release_read, .poll = pipe_poll_read,
};
static const struct file_ops pipe_write_ops = {
	.write = pipe_write, .stat = pipe_stat, .release = pipe_release_write, .poll = pipe_poll_write,
};
static const struct file_ops pipe_rdwr_ops = {
	.read = pipe_read, .write = pipe_write, .stat = pipe_stat, .release = pipe_release_both,
	.poll = pipe_poll_both,
};

long pipe_size(struct file *f)
{
	bool pipe = f->ops == &pipe_read_ops || f->ops == &pipe_write_ops || f->ops == &pipe_rdwr_ops;
	return pipe ? PIPE_SIZE : -EBADF;
}

/* A new pipe with no end open, or NULL. */
static struct pipe *pipe_new(void)
{
	struct pipe *p = kzalloc(sizeof(*p));
	if (!p)
		return NULL;
	p->lock = (struct spinlock)SPINLOCK_INIT("pipe");
	p->ctime = time_realtime_ns() / NSEC_PER_SEC;
	uint32_t fl = irq_save();
	p->ino = next_ino++;
	irq_restore(fl);
	return p;
}

int pipe_create(struct file **rd, struct file **wr)
{
	struct pipe *p = pipe_new();
	*rd = p ? file_new(&pipe_read_ops, p) : NULL;
	*wr = p ? file_new(&pipe_write_ops, p) : NULL;
	if (!*rd || !*wr) {
		kfree(*rd);
		kfree(*wr);
		kfree(p);
		return -ENOMEM;
	}
	p->readers = p->writers = 1;
	return 0;
}

void *pipe_fifo_new(void)
{
	struct pipe *p = pipe_new();
	if (p)
		p->fifo = true;
	return p;
}

void pipe_fifo_free(void *pipe)
{
	kfree(pipe);
}

/* Wait (with p's lock held) until the count *opens moves on from seen:
 * the other side came. 0, or the signal's restart code. */
static int wait_partner(struct pipe *p, struct wait_queue *wq, const uint32_t *opens)
{
	uint32_t seen = *opens;
	return wait_event_locked_intr(wq, *opens != seen, &p->lock);
}

/* Take an end of mode acc (O_RDONLY, O_WRONLY, O_RDWR) of p, waking who waits for it. */
static void fifo_join(struct pipe *p, uint32_t acc)
{
	if (acc != O_WRONLY) {
		p->readers++;
		p->r_opens++;
	}
	if (acc != O_RDONLY) {
		p->writers++;
		p->w_opens++;
	}
	wake_all(&p->readable);
	wake_all(&p->writable);
}

/* Give the end back after a failed open. */
static void fifo_leave(struct pipe *p, uint32_t acc)
{
	if (acc != O_WRONLY)
		p->readers--;
	if (acc != O_RDONLY)
		p->writers--;
	wake_all(&p->readable);
	wake_all(&p->writable);
}

int pipe_fifo_open(void *pipe, uint32_t flags, struct file **out)
{
	struct pipe *p = pipe;
	uint32_t acc = flags & O_ACCMODE;
	bool block = !(flags & O_NONBLOCK);
	const struct file_ops *ops = acc == O_RDONLY ? &pipe_read_ops
				   : acc == O_WRONLY ? &pipe_write_ops : &pipe_rdwr_ops;
	struct file *f = file_new(ops, p);
	int err = 0;
	if (!f)
		return -ENOMEM;
	spin_lock(&p->lock);
	if (acc == O_WRONLY && !block && p->readers == 0)
		err = -ENXIO;                        /* nobody to read it, and no waiting */
	if (!err)
		fifo_join(p, acc);
	if (!err && block && acc == O_RDONLY && p->writers == 0)
		err = wait_partner(p, &p->readable, &p->w_opens);
	else if (!err && block && acc == O_WRONLY && p->readers == 0)
		err = wait_partner(p, &p->writable, &p->r_opens);
	if (err && err != -ENXIO)
		fifo_leave(p, acc);
	spin_unlock(&p->lock);
	if (err)
		kfree(f);
	else
		*out = f;
	return err;
}
