/*
 * sys_fs.c - system calls on file descriptors.
 *
 * Data moves through a small kernel bounce buffer, so file operations see
 * kernel memory only and every user pointer is checked in one place.
 * Path-based calls know only /proc/self/exe until the VFS lands.
 */
#include "gen/syscalls.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/initramfs.h"
#include "fs/pipe.h"
#include "kernel/string.h"
#include "mm/layout.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"
#include "uapi/stat.h"
#include "uapi/stat64.h"
#include "uapi/uio.h"
#include <stdbool.h>

#define BOUNCE        PIPE_BUF         /* on the kernel stack: a quarter of it */
#define SELF_EXE      "/proc/self/exe"
#define ROOTFS_DEV_MINOR 1           /* the initramfs: an anonymous device (major 0) */

/* One chunk through f: later chunks of a read never sleep (a read returns
 * what is there), and a pipe with no reader left raises SIGPIPE. */
static long chunk_io(struct file *f, char *buf, uint32_t chunk, bool write, bool more)
{
	long r = write ? f->ops->write(f, buf, chunk, 0)
		       : f->ops->read(f, buf, chunk, more ? IO_NONBLOCK : 0);
	if (r == -EPIPE && !more)
		signal_raise(SIGPIPE);        /* and the write fails with EPIPE */
	return r;
}

/* read and write: the data crosses in chunks of BOUNCE bytes, which is
 * PIPE_BUF, so a write that must be atomic reaches the file in one piece;
 * a short transfer ends the call with what was done. */
static long bounce_io(uint32_t fd, user_ptr_t ubuf, uint32_t n, bool write)
{
	struct file *f = fd_file(fd);
	char buf[BOUNCE];
	if (!f)
		return -EBADF;
	if (write ? !f->ops->write : !f->ops->read)
		return -EINVAL;
	if (!user_range_ok(ubuf.addr, n))
		return -EFAULT;
	uint32_t done = 0;
	while (done < n) {
		uint32_t chunk = n - done < BOUNCE ? n - done : BOUNCE;
		if (write && copy_from_user(buf, user_ptr_add(ubuf, done), chunk))
			return done ? (long)done : -EFAULT;
		long r = chunk_io(f, buf, chunk, write, done > 0);
		if (!write && r > 0 && copy_to_user(user_ptr_add(ubuf, done), buf, (size_t)r))
			return -EFAULT;
		if (r < 0)
			return done ? (long)done : r;
		done += (uint32_t)r;
		if ((uint32_t)r < chunk)
			break;
	}
	return done;
}

long sys_read(unsigned int fd, user_ptr_t buf, size_t count) { return bounce_io(fd, buf, count, false); }
long sys_write(unsigned int fd, user_ptr_t buf, size_t count) { return bounce_io(fd, buf, count, true); }

static long vector_io(uint32_t fd, user_ptr_t uiov, uint32_t cnt, bool write)
{
	if (cnt > UIO_MAXIOV)
		return -EINVAL;
	long total = 0;
	for (uint32_t i = 0; i < cnt; i++) {
		struct iovec v;
		if (copy_from_user(&v, user_ptr_add(uiov, i * sizeof(v)), sizeof(v)))
			return -EFAULT;
		if (v.iov_len == 0)
			continue;
		user_ptr_t base = USER_PTR(v.iov_base);
		long r = write ? sys_write(fd, base, v.iov_len) : sys_read(fd, base, v.iov_len);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((uint32_t)r < v.iov_len)
			break;
	}
	return total;
}

long sys_writev(unsigned long fd, user_ptr_t vec, unsigned long vlen) { return vector_io(fd, vec, vlen, true); }
long sys_readv(unsigned long fd, user_ptr_t vec, unsigned long vlen) { return vector_io(fd, vec, vlen, false); }

/* O_DIRECT (packet mode) is refused with EINVAL until pipes keep packets. */
long sys_pipe2(user_ptr_t fildes, int flags)
{
	struct file *rd, *wr;
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	int err = pipe_create(&rd, &wr);
	if (err)
		return err;
	rd->flags = wr->flags = flags & O_NONBLOCK;
	bool cloexec = flags & O_CLOEXEC;
	int fds[2];
	fds[0] = fd_install(rd, cloexec);
	fds[1] = fds[0] >= 0 ? fd_install(wr, cloexec) : -EMFILE;
	err = fds[1] < 0 ? -EMFILE : copy_to_user(fildes, fds, sizeof(fds));
	if (err) {
		/* Closing an installed end drops the file; the others go by hand. */
		if (fds[0] >= 0)
			fd_close((uint32_t)fds[0]);
		else
			file_put(rd);
		if (fds[1] >= 0)
			fd_close((uint32_t)fds[1]);
		else
			file_put(wr);
	}
	return err;
}

long sys_pipe(user_ptr_t fildes)
{
	return sys_pipe2(fildes, 0);
}

long sys_close(unsigned int fd)
{
	return fd_close(fd);
}

long sys_ioctl(unsigned int fd, unsigned int cmd, uint32_t arg)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	return f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
}

long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	(void)offset, (void)whence;
	return fd_file(fd) ? -ESPIPE : -EBADF;   /* only streams exist yet */
}

long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		user_ptr_t result, unsigned int whence)
{
	(void)offset_high, (void)offset_low, (void)result, (void)whence;
	return fd_file(fd) ? -ESPIPE : -EBADF;
}

/* The kstat of a descriptor, or of a path in the root file system. */
static long stat_target(int dirfd, user_ptr_t upath, uint32_t flags, struct kstat *st)
{
	char path[PROC_PATH_MAX];
	int n = user_ptr_null(upath) ? 0 : strncpy_from_user(path, upath, sizeof(path));
	if (n < 0)
		return n;
	if (n == 0) {
		struct file *f = (flags & AT_EMPTY_PATH) && dirfd >= 0 ? fd_file((uint32_t)dirfd) : NULL;
		if (!f)
			return (flags & AT_EMPTY_PATH) ? -EBADF : -ENOENT;
		if (!f->ops->stat)
			return -EINVAL;
		return f->ops->stat(f, st);
	}
	struct initramfs_file rf;
	int err = initramfs_lookup(path, &rf);
	if (err)
		return err;
	memset(st, 0, sizeof(*st));
	st->mode = rf.mode;
	st->ino = rf.ino;
	st->dev_minor = ROOTFS_DEV_MINOR;
	st->mtime_sec = rf.mtime;
	st->nlink = 1;
	st->size = rf.size;
	st->blksize = PAGE_SIZE;             /* the best read size: a page */
	st->blocks = (rf.size + S_BLKSIZE - 1) / S_BLKSIZE;
	return 0;
}

static long put_stat64(user_ptr_t ust, const struct kstat *k)
{
	struct stat64 s;
	memset(&s, 0, sizeof(s));
	s.st_dev = ((uint64_t)k->dev_major << 8) | k->dev_minor;
	s.st_ino = s.st_ino_lo = k->ino;
	s.st_mode = k->mode;
	s.st_nlink = k->nlink;
	s.st_uid = k->uid;
	s.st_gid = k->gid;
	s.st_rdev = ((uint64_t)k->rdev_major << 8) | k->rdev_minor;
	s.st_size = (int64_t)k->size;
	s.st_blksize = k->blksize;
	s.st_blocks = k->blocks;
	s.st_mtime = s.st_atime = s.st_ctime = (uint32_t)k->mtime_sec;
	return copy_to_user(ust, &s, sizeof(s));
}

long sys_fstat64(unsigned long fd, user_ptr_t statbuf)
{
	struct kstat k;
	long err = stat_target((int)fd, USER_PTR(0), AT_EMPTY_PATH, &k);
	return err ? err : put_stat64(statbuf, &k);
}

long sys_fstatat64(int dfd, user_ptr_t filename, user_ptr_t statbuf, int flag)
{
	struct kstat k;
	long err = stat_target(dfd, filename, (uint32_t)flag, &k);
	return err ? err : put_stat64(statbuf, &k);
}

long sys_statx(int dfd, user_ptr_t filename, unsigned int flags, unsigned int mask, user_ptr_t buffer)
{
	(void)mask;
	struct kstat k;
	long err = stat_target(dfd, filename, flags, &k);
	if (err)
		return err;
	struct statx x;
	memset(&x, 0, sizeof(x));
	x.stx_mask = STATX_BASIC_STATS;
	x.stx_blksize = k.blksize;
	x.stx_nlink = k.nlink;
	x.stx_uid = k.uid;
	x.stx_gid = k.gid;
	x.stx_mode = (uint16_t)k.mode;
	x.stx_ino = k.ino;
	x.stx_size = k.size;
	x.stx_blocks = k.blocks;
	x.stx_atime.tv_sec = x.stx_ctime.tv_sec = x.stx_mtime.tv_sec = (int64_t)k.mtime_sec;
	x.stx_rdev_major = k.rdev_major;
	x.stx_rdev_minor = k.rdev_minor;
	x.stx_dev_major = k.dev_major;
	x.stx_dev_minor = k.dev_minor;
	return copy_to_user(buffer, &x, sizeof(x));
}

/* Copy a link's target (len bytes, no NUL) out, cut to size as readlink does. */
static long put_target(user_ptr_t ubuf, uint32_t size, const char *target, uint32_t len)
{
	if (len > size)
		len = size;
	return copy_to_user(ubuf, target, len) ? -EFAULT : (long)len;
}

long sys_readlinkat(int dfd, user_ptr_t upath, user_ptr_t ubuf, int bufsiz)
{
	(void)dfd;
	char path[PROC_PATH_MAX];
	int n = strncpy_from_user(path, upath, sizeof(path));
	if (n < 0)
		return n;
	if (bufsiz <= 0)
		return -EINVAL;
	if (strcmp(path, SELF_EXE) == 0) {
		const char *exe = current_process()->exe;
		return put_target(ubuf, (uint32_t)bufsiz, exe, (uint32_t)strlen(exe));
	}
	struct initramfs_file rf;
	int err = initramfs_lookup_nofollow(path, &rf);
	if (err)
		return err;
	if ((rf.mode & S_IFMT) != S_IFLNK)
		return -EINVAL;                  /* there, but not a link */
	return put_target(ubuf, (uint32_t)bufsiz, rf.data, rf.size);
}

long sys_readlink(user_ptr_t path, user_ptr_t buf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, path, buf, bufsiz);
}
