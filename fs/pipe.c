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
 */
#include "fs/pipe.h"
#include "fs/file.h"
#include "kernel/spinlock.h"
#include "kernel/wait.h"
#include "kernel/time.h"
#include "mm/kheap.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
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
	size_t got = 0;
	while (got < n && p->tail != p->head)
		out[got++] = p->buf[p->tail++ % PIPE_SIZE];
	spin_unlock(&p->lock);
	if (got)
		wake_all(&p->writable);
	return (long)got;
}

/* Copy what fits of in[0..n) into the ring: how much went in. */
static size_t ring_put(struct pipe *p, const char *in, size_t n)
{
	assert_held(&p->lock);
	size_t k = 0;
	while (k < n && pipe_used(p) < PIPE_SIZE)
		p->buf[p->head++ % PIPE_SIZE] = in[k++];
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
	if (done)
		wake_all(&p->readable);
	if (done)
		return (long)done;
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
	/* Wake under the lock: once it is let go, the other end's release
	 * may free p (that use after free was found by the stress test). */
	wake_all(&p->readable);
	wake_all(&p->writable);
	spin_unlock(&p->lock);
	if (last)
		kfree(p);
}

static void pipe_release_read(struct file *f) { pipe_release_end(f, false); }
static void pipe_release_write(struct file *f) { pipe_release_end(f, true); }

static int pipe_stat(struct file *f, struct kstat *st)
{
	struct pipe *p = f->priv;
	*st = (struct kstat){ .mode = S_IFIFO | 0600, .nlink = 1, .blksize = PIPE_SIZE,
			      .ino = p->ino, .dev_minor = PIPEFS_DEV_MINOR,
			      .mtime_sec = p->ctime };
	return 0;
}

static const struct file_ops pipe_read_ops = {
	.read = pipe_read, .stat = pipe_stat, .release = pipe_release_read,
};
static const struct file_ops pipe_write_ops = {
	.write = pipe_write, .stat = pipe_stat, .release = pipe_release_write,
};

int pipe_create(struct file **rd, struct file **wr)
{
	struct pipe *p = kzalloc(sizeof(*p));
	if (!p)
		return -ENOMEM;
	*rd = file_new(&pipe_read_ops, p);
	*wr = file_new(&pipe_write_ops, p);
	if (!*rd || !*wr) {
		kfree(*rd);
		kfree(*wr);
		kfree(p);
		return -ENOMEM;
	}
	p->lock = (struct spinlock)SPINLOCK_INIT("pipe");
	p->ctime = time_realtime_ns() / NSEC_PER_SEC;
	uint32_t fl = irq_save();
	p->ino = next_ino++;
	irq_restore(fl);
	p->readers = p->writers = 1;
	return 0;
}
