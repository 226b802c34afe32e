/*
 * pipe.c - pipes: a 4 KiB ring between a read end and a write end.
 *
 * A reader sleeps while the ring is empty and a writer exists; with no
 * writer left, an empty pipe reads as end of file. A writer sleeps while
 * the ring is full; with no reader left it gets SIGPIPE (whose default
 * action ends it), as on Linux. Interrupts are off around every look at
 * the ring: that is the lock on one CPU.
 */
#include "fs/pipe.h"
#include "fs/file.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "kernel/x86.h"
#include "mm/kheap.h"
#include "proc/proc.h"

#define PIPE_SIZE 4096

struct pipe {
	char buf[PIPE_SIZE];
	uint32_t head, tail;           /* bytes written, bytes read (wrap freely) */
	int readers, writers;
	struct wait_queue wq;          /* readers and writers waiting for a change */
};

static long pipe_read(struct file *f, void *buf, size_t n)
{
	struct pipe *p = f->priv;
	char *out = buf;
	uint32_t fl = irq_save();
	while (p->head == p->tail && p->writers > 0)
		sleep_on(&p->wq);
	size_t got = 0;
	while (got < n && p->tail != p->head)
		out[got++] = p->buf[p->tail++ % PIPE_SIZE];
	irq_restore(fl);
	if (got)
		wake_all(&p->wq);
	return (long)got;
}

static long pipe_write(struct file *f, const void *buf, size_t n)
{
	struct pipe *p = f->priv;
	const char *in = buf;
	size_t done = 0;
	uint32_t fl = irq_save();
	while (done < n) {
		if (p->readers == 0) {
			irq_restore(fl);
			if (done)
				return (long)done;
			proc_kill_self(SIGPIPE);
		}
		if (p->head - p->tail == PIPE_SIZE) {
			wake_all(&p->wq);
			sleep_on(&p->wq);
			continue;
		}
		p->buf[p->head++ % PIPE_SIZE] = in[done++];
	}
	irq_restore(fl);
	wake_all(&p->wq);
	return (long)done;
}

static void pipe_release_end(struct file *f, bool write_end)
{
	struct pipe *p = f->priv;
	uint32_t fl = irq_save();
	if (write_end)
		p->writers--;
	else
		p->readers--;
	bool last = p->readers == 0 && p->writers == 0;
	irq_restore(fl);
	wake_all(&p->wq);
	if (last)
		kfree(p);
}

static void pipe_release_read(struct file *f) { pipe_release_end(f, false); }
static void pipe_release_write(struct file *f) { pipe_release_end(f, true); }

static int pipe_stat(struct file *f, struct kstat *st)
{
	(void)f;
	*st = (struct kstat){ .mode = 0010600, .nlink = 1, .blksize = PIPE_SIZE };
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
	p->readers = p->writers = 1;
	return 0;
}
