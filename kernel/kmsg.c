/*
 * kmsg.c - /proc/kmsg: the kernel log read through a file, as Linux's
 * kmsg_read is syslog(2)'s READ (kernel/sys_syslog.c). A read consumes
 * whole unread lines, "<6>[    0.000000] text\n", from the reader
 * position syslog(2) READ shares; it sleeps while there are none (EAGAIN
 * with O_NONBLOCK) until a line is stored or a signal comes (EINTR, or a
 * restart under SA_RESTART). poll says readable while there are some.
 *
 * Permissions as Linux's: the file is root's with mode 0400, so the open
 * check keeps everyone else out (EACCES) before kmsg_open asks, as
 * syslog's OPEN does, for CAP_SYSLOG (euid 0 here): EPERM without it.
 * There is no write: root may open it for writing, and a write is EIO.
 */
#include "fs/procfs.h"
#include "fs/file.h"
#include "kernel/console.h"
#include "proc/cred.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

static long kmsg_read(struct file *f, void *buf, size_t n, unsigned io)
{
	bool nonblock = (io & IO_NONBLOCK) || (f->flags & O_NONBLOCK);
	if (nonblock && !syslog_unread())
		return -EAGAIN;                   /* before a 0-byte read, as Linux */
	if (n == 0)
		return 0;
	return syslog_take(buf, n < KLOG_RING_SIZE ? (uint32_t)n : KLOG_RING_SIZE, nonblock);
}

static long kmsg_write(struct file *f, const void *buf, size_t n, unsigned io)
{
	(void)f, (void)buf, (void)n, (void)io;
	return -EIO;                              /* Linux's pde_write with no proc_write */
}

static uint32_t kmsg_poll(struct file *f)
{
	(void)f;
	return syslog_unread() ? POLLIN | POLLRDNORM : 0;
}

/* generic_file_llseek of a file of size 0: the offset moves, nothing else. */
static int64_t kmsg_llseek(struct file *f, int64_t off, uint32_t whence)
{
	int64_t to = whence == SEEK_CUR ? (int64_t)f->pos + off : off;
	if (whence > SEEK_END || to < 0)
		return -EINVAL;
	f->pos = (uint64_t)to;
	return to;
}

static const struct file_ops kmsg_ops = {
	.read = kmsg_read, .write = kmsg_write, .poll = kmsg_poll, .llseek = kmsg_llseek,
};

int kmsg_open(uint32_t flags, struct file **out)
{
	(void)flags;
	if (!cred_id_capable(current_cred()))
		return -EPERM;
	*out = file_new(&kmsg_ops, NULL);
	return *out ? 0 : -ENOMEM;
}
