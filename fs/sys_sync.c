/*
 * sys_sync.c - the calls that move data without user buffers or look at
 * a whole file system: sendfile, fsync and its kin (nothing to write
 * back on a RAM file system), statfs64 and fstatfs64.
 */
#include "gen/syscalls.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/sys_path.h"
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/layout.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/limits.h"
#include "uapi/signal.h"
#include "uapi/stat.h"
#include "uapi/statfs.h"

#define SENDFILE_CHUNK PIPE_BUF           /* bytes per round, on the kernel stack */
#define MAX_RW_COUNT   (INT32_MAX & ~(PAGE_SIZE - 1))   /* Linux's cap on one transfer */

/* --- sendfile --- */

/* Write n bytes of buf to out (a later chunk if more): what went, or -errno. */
static long put_chunk(struct file *out, const char *buf, uint32_t n, bool more)
{
	long w = out->ops->write(out, buf, n, more ? IO_CONTINUED : 0);
	if (w == -EPIPE && !more)
		signal_raise(SIGPIPE);
	return w;
}

/* Copy count bytes from in at *off to out: how many, or -errno. */
static long copy_file(struct file *out, struct file *in, uint64_t *off, uint32_t count)
{
	char buf[SENDFILE_CHUNK];
	uint32_t done = 0;
	while (done < count) {
		uint32_t n = count - done < sizeof(buf) ? count - done : sizeof(buf);
		long r = vfs_pread(in, buf, n, *off);
		long w = r > 0 ? put_chunk(out, buf, (uint32_t)r, done > 0) : r;
		if (w < 0)
			return done ? (long)done : w;
		done += (uint32_t)w;
		*off += (uint64_t)w;
		if ((uint32_t)w < n)
			break;                       /* end of the input, or the output is full */
	}
	return done;
}

/* sendfile: from in_fd at *pos (NULL: its own offset, which moves). */
static long sendfile(uint32_t out_fd, uint32_t in_fd, int64_t *pos, size_t count)
{
	struct file *in = fd_file(in_fd), *out = fd_file(out_fd);
	if (!in || !out || (in->flags & O_ACCMODE) == O_WRONLY || !out->ops->write ||
	    (out->inode && (out->flags & O_ACCMODE) == O_RDONLY))
		return -EBADF;
	if (!file_inode(in) || !S_ISREG(file_inode(in)->mode) || (out->flags & O_APPEND))
		return -EINVAL;
	if (pos && *pos < 0)
		return -EINVAL;
	uint64_t off = pos ? (uint64_t)*pos : in->pos;
	long r = copy_file(out, in, &off, count > MAX_RW_COUNT ? MAX_RW_COUNT : (uint32_t)count);
	if (pos)
		*pos = (int64_t)off;
	else if (r > 0)
		vfs_seek(in, (int64_t)off, SEEK_SET);
	return r;
}

/* sendfile with its offset in user memory: an loff_t, or (!wide) an off_t. */
static long sendfile_user(int out_fd, int in_fd, user_ptr_t offset, size_t count, bool wide)
{
	int64_t pos = 0;
	int32_t pos32 = 0;
	if (user_ptr_null(offset))
		return sendfile((uint32_t)out_fd, (uint32_t)in_fd, NULL, count);
	if (wide ? copy_from_user(&pos, offset, sizeof(pos)) : copy_from_user(&pos32, offset, sizeof(pos32)))
		return -EFAULT;
	if (!wide)
		pos = pos32;
	long r = sendfile((uint32_t)out_fd, (uint32_t)in_fd, &pos, count);
	if (r < 0)
		return r;
	if (!wide && pos > INT32_MAX)
		return -EOVERFLOW;
	pos32 = (int32_t)pos;
	bool bad = wide ? copy_to_user(offset, &pos, sizeof(pos)) : copy_to_user(offset, &pos32, sizeof(pos32));
	return bad ? -EFAULT : r;
}

long sys_sendfile64(int out_fd, int in_fd, user_ptr_t offset, size_t count)
{
	return sendfile_user(out_fd, in_fd, offset, count, true);
}

long sys_sendfile(int out_fd, int in_fd, user_ptr_t offset, size_t count)
{
	return sendfile_user(out_fd, in_fd, offset, count, false);
}

/* --- fsync --- */

/* RAM holds the data already: a file that can be synced says 0; a pipe
 * or a terminal cannot, and says EINVAL as on Linux. */
long sys_fsync(unsigned int fd)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	return f->inode && !S_ISCHR(f->inode->mode) ? 0 : -EINVAL;
}

long sys_fdatasync(unsigned int fd) { return sys_fsync(fd); }
long sys_sync(void) { return 0; }
long sys_syncfs(int fd) { return fd >= 0 && fd_file((uint32_t)fd) ? 0 : -EBADF; }

/* --- statfs --- */

static int statfs_fn(struct inode *ino, void *arg)
{
	vfs_statfs(ino, arg);
	return 0;
}


long sys_statfs64(user_ptr_t path, size_t sz, user_ptr_t buf)
{
	struct statfs64 s;
	if (sz != sizeof(s))
		return -EINVAL;
	long err = path_apply(AT_FDCWD, path, LOOKUP_FOLLOW, statfs_fn, &s);
	return err ?: copy_to_user(buf, &s, sizeof(s));
}

long sys_fstatfs64(unsigned int fd, size_t sz, user_ptr_t buf)
{
	struct statfs64 s;
	struct file *f = fd_file(fd);
	if (sz != sizeof(s))
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (!f->inode) {                         /* a pipe: Linux's pipefs */
		memset(&s, 0, sizeof(s));
		s = (struct statfs64){ .f_type = PIPEFS_MAGIC, .f_bsize = PAGE_SIZE, .f_frsize = PAGE_SIZE,
				       .f_namelen = NAME_MAX, .f_flags = ST_VALID };
	} else {
		vfs_lock();
		vfs_statfs(f->inode, &s);
		vfs_unlock();
	}
	return copy_to_user(buf, &s, sizeof(s));
}
