/*
 * sys_fcntl.c - fcntl64 and fcntl: duplicating descriptors, the
 * close-on-exec flag, the file status flags, POSIX record locks
 * (fs/lock.c; open-file-description locks are not kept: EINVAL) and a
 * pipe's size.
 */
#include "gen/syscalls.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
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

/* --- record locks --- */

/* A struct flock or flock64, widened. */
struct kflock {
	int type, whence;
	int64_t start, len;
	int pid;
};

/* The byte range fl names in f's file: 0 or -EINVAL, -EOVERFLOW. */
static int flock_range(struct file *f, const struct kflock *fl, struct vfs_lock_req *req)
{
	struct inode *ino = file_inode(f);
	int64_t base = fl->whence == SEEK_SET ? 0 : fl->whence == SEEK_CUR ? (int64_t)f->pos : (int64_t)ino->size;
	if (fl->whence > SEEK_END || fl->whence < 0)
		return -EINVAL;
	int64_t start = base + fl->start, end;
	if (start < 0)
		return -EINVAL;
	if (fl->len > 0) {
		if (fl->len - 1 > INT64_MAX - start)
			return -EOVERFLOW;
		end = start + fl->len - 1;
	} else if (fl->len == 0) {
		end = -1;                            /* LOCK_EOF */
	} else {
		end = start - 1;
		start += fl->len;
		if (start < 0)
			return -EINVAL;
	}
	req->start = (uint64_t)start;
	req->end = end < 0 ? LOCK_EOF : (uint64_t)end;
	return 0;
}

/* F_GETLK, F_SETLK, F_SETLKW on f with the lock *fl (filled in for F_GETLK). */
static long posix_lock(struct file *f, int cmd, struct kflock *fl)
{
	struct inode *ino = file_inode(f);
	struct vfs_lock_req req = { .pid = current_process()->pid, .type = fl->type };
	if (!ino)
		return -EBADF;
	if (fl->type != F_RDLCK && fl->type != F_WRLCK && (cmd == F_GETLK || fl->type != F_UNLCK))
		return -EINVAL;
	if (cmd != F_GETLK && fl->type == F_RDLCK && (f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (cmd != F_GETLK && fl->type == F_WRLCK && (f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	vfs_lock();
	int err = flock_range(f, fl, &req);
	if (!err && cmd == F_GETLK)
		vfs_lock_test(ino, &req);
	else if (!err)
		err = vfs_lock_set(ino, &req, cmd == F_SETLKW);
	vfs_unlock();
	if (!err && cmd == F_GETLK) {
		fl->type = req.type;
		if (req.type != F_UNLCK)
			*fl = (struct kflock){ req.type, SEEK_SET, (int64_t)req.start,
					       req.end == LOCK_EOF ? 0 : (int64_t)(req.end - req.start + 1), req.pid };
	}
	return err;
}

/* F_*LK with a struct flock (32-bit offsets) or, is64, a struct flock64. */
static long lock_user(struct file *f, int cmd, user_ptr_t arg, bool is64)
{
	struct flock u32;
	struct flock64 u64;
	if (is64 ? copy_from_user(&u64, arg, sizeof(u64)) : copy_from_user(&u32, arg, sizeof(u32)))
		return -EFAULT;
	struct kflock fl = is64 ? (struct kflock){ u64.l_type, u64.l_whence, u64.l_start, u64.l_len, u64.l_pid }
				: (struct kflock){ u32.l_type, u32.l_whence, u32.l_start, u32.l_len, u32.l_pid };
	long err = posix_lock(f, cmd, &fl);
	if (err || cmd != F_GETLK)
		return err;
	if (is64) {
		u64 = (struct flock64){ (int16_t)fl.type, (int16_t)fl.whence, fl.start, fl.len, fl.pid };
		return copy_to_user(arg, &u64, sizeof(u64));
	}
	if (fl.start > INT32_MAX || fl.len > INT32_MAX)
		return -EOVERFLOW;
	u32 = (struct flock){ (int16_t)fl.type, (int16_t)fl.whence, (int32_t)fl.start, (int32_t)fl.len, fl.pid };
	return copy_to_user(arg, &u32, sizeof(u32));
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
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return lock_user(f, (int)cmd, USER_PTR(arg), false);
	case F_GETLK64:
	case F_SETLK64:
	case F_SETLKW64:
		return lock_user(f, (int)cmd - (F_GETLK64 - F_GETLK), USER_PTR(arg), true);
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
