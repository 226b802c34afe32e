/*
 * fd.c - the descriptor table of the current process (see fd.h).
 */
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "uapi/stat.h"
#include "uapi/errno.h"
#include "proc/proc.h"

_Static_assert(PROC_FDS <= 32, "fd_cloexec has one bit per descriptor");

struct file *fd_file(uint32_t fd)
{
	return fd < PROC_FDS ? current_process()->fd[fd] : NULL;
}

int fd_install(struct file *f, bool cloexec)
{
	struct process *p = current_process();
	for (int fd = 0; fd < PROC_FDS; fd++)
		if (!p->fd[fd]) {
			p->fd[fd] = f;
			if (cloexec)
				p->fd_cloexec |= 1u << fd;
			else
				p->fd_cloexec &= ~(1u << fd);
			return fd;
		}
	return -EMFILE;
}

/* Take fd out of p's table: the file, whose reference the caller now holds. */
static struct file *fd_take(struct process *p, uint32_t fd)
{
	struct file *f = fd < PROC_FDS ? p->fd[fd] : NULL;
	if (f) {
		p->fd[fd] = NULL;
		p->fd_cloexec &= ~(1u << fd);
	}
	return f;
}

int fd_close(uint32_t fd)
{
	struct file *f = fd_take(current_process(), fd);
	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

void fd_close_on_exec(struct process *p)
{
	for (uint32_t fd = 0; fd < PROC_FDS; fd++)
		if (p->fd_cloexec & (1u << fd))
			file_put(fd_take(p, fd));
}

int fd_install_at(uint32_t fd, struct file *f, bool cloexec)
{
	struct process *p = current_process();
	if (fd >= PROC_FDS) {
		file_put(f);
		return -EBADF;
	}
	struct file *old = fd_take(p, fd);
	p->fd[fd] = f;
	if (cloexec)
		p->fd_cloexec |= 1u << fd;
	if (old)
		file_put(old);
	return (int)fd;
}

int fd_dir(uint32_t fd, struct inode **dir)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	*dir = file_inode(f);
	return *dir && S_ISDIR((*dir)->mode) ? 0 : -ENOTDIR;
}
