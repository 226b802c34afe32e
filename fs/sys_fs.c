/*
 * sys_fs.c - system calls on file descriptors.
 *
 * Data moves through a small kernel bounce buffer, so file operations see
 * kernel memory only and every user pointer is checked in one place.
 * Calls that take a path are in fs/sys_path.c.
 */
#include "gen/syscalls.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "fs/pipe.h"
#include "kernel/string.h"
#include "mm/layout.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "mm/kheap.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/ioctls.h"
#include "uapi/signal.h"
#include "uapi/stat.h"
#include "uapi/stat64.h"
#include "uapi/uio.h"
#include <stdbool.h>

#define BOUNCE        PIPE_BUF         /* on the kernel stack: a quarter of it */
#define GETDENTS_MAX  (64 * 1024)     /* bytes of records built per call */
#define DIRENT_CHUNK  2048            /* bytes of records per round (kernel stack) */
#define DIRENT_SLACK  8               /* past a record, zeroed with it (its NUL and padding) */
#define POS_FILE      INT64_MIN      /* bounce_io: at the file's own offset */

/* One chunk through f (at off, unless POS_FILE): later chunks of a read
 * never sleep (a read returns what is there), and a pipe with no reader
 * left raises SIGPIPE. */
static long chunk_io(struct file *f, char *buf, uint32_t chunk, int64_t off, bool write, bool more)
{
	if (off != POS_FILE)
		return write ? vfs_pwrite(f, buf, chunk, (uint64_t)off, more ? IO_CONTINUED : 0)
			     : vfs_pread(f, buf, chunk, (uint64_t)off);
	long r = write ? f->ops->write(f, buf, chunk, more ? IO_CONTINUED : 0)
		       : f->ops->read(f, buf, chunk, more ? IO_NONBLOCK : 0);
	if (r == -EPIPE && !more)
		signal_raise(SIGPIPE);        /* and the write fails with EPIPE */
	return r;
}

/* A device opened by name does what its access mode allows (an inode's
 * own data checks it itself, under the vfs lock). */
static bool access_allows(const struct file *f, bool write)
{
	uint32_t acc = f->flags & O_ACCMODE;
	return write ? acc != O_RDONLY : acc != O_WRONLY;
}

/* read and write (at off for pread and pwrite): the data crosses in
 * chunks of BOUNCE bytes, which is PIPE_BUF, so a write that must be
 * atomic reaches the file in one piece; a short transfer ends the call
 * with what was done. */
static long bounce_io(uint32_t fd, user_ptr_t ubuf, uint32_t n, int64_t off, bool write)
{
	struct file *f = fd_file(fd);
	char buf[BOUNCE];
	if (!f)
		return -EBADF;
	if (off != POS_FILE && !file_inode(f))
		return -ESPIPE;
	if (off != POS_FILE && off < 0)
		return -EINVAL;
	if (write ? !f->ops->write : !f->ops->read)
		return -EINVAL;
	if (f->inode && !file_inode(f) && !access_allows(f, write))
		return -EBADF;
	if (!user_range_ok(ubuf.addr, n))
		return -EFAULT;
	if (file_page_cache(f))                  /* no bounce: straight from the page cache */
		return vfs_io_user(f, ubuf, n, off == POS_FILE ? -1 : off, write);
	uint32_t done = 0;
	while (done < n) {
		uint32_t chunk = n - done < BOUNCE ? n - done : BOUNCE;
		if (write && copy_from_user(buf, user_ptr_add(ubuf, done), chunk))
			return done ? (long)done : -EFAULT;
		long r = chunk_io(f, buf, chunk, off == POS_FILE ? off : off + done, write, done > 0);
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

long sys_read(unsigned int fd, user_ptr_t buf, size_t count) { return bounce_io(fd, buf, count, POS_FILE, false); }
long sys_write(unsigned int fd, user_ptr_t buf, size_t count) { return bounce_io(fd, buf, count, POS_FILE, true); }

/* i386 passes pread64's and pwrite64's 64-bit offset in two registers. */
static int64_t offset64(uint32_t lo, uint32_t hi)
{
	return (int64_t)(((uint64_t)hi << 32) | lo);
}

long sys_pread64(unsigned int fd, user_ptr_t buf, size_t count, uint32_t pos_lo, uint32_t pos_hi)
{
	return bounce_io(fd, buf, count, offset64(pos_lo, pos_hi), false);
}

long sys_pwrite64(unsigned int fd, user_ptr_t buf, size_t count, uint32_t pos_lo, uint32_t pos_hi)
{
	return bounce_io(fd, buf, count, offset64(pos_lo, pos_hi), true);
}

/* readv, writev (off POS_FILE), preadv and pwritev (at off). */
static long vector_io(uint32_t fd, user_ptr_t uiov, uint32_t cnt, int64_t off, bool write)
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
		long r = bounce_io(fd, base, v.iov_len, off == POS_FILE ? off : off + total, write);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((uint32_t)r < v.iov_len)
			break;
	}
	return total;
}

long sys_writev(unsigned long fd, user_ptr_t vec, unsigned long vlen) { return vector_io(fd, vec, vlen, POS_FILE, true); }
long sys_readv(unsigned long fd, user_ptr_t vec, unsigned long vlen) { return vector_io(fd, vec, vlen, POS_FILE, false); }

long sys_preadv(unsigned long fd, user_ptr_t vec, unsigned long vlen, uint32_t pos_l, uint32_t pos_h)
{
	int64_t off = offset64(pos_l, pos_h);
	return off < 0 ? -EINVAL : vector_io(fd, vec, vlen, off, false);
}

long sys_pwritev(unsigned long fd, user_ptr_t vec, unsigned long vlen, uint32_t pos_l, uint32_t pos_h)
{
	int64_t off = offset64(pos_l, pos_h);
	return off < 0 ? -EINVAL : vector_io(fd, vec, vlen, off, true);
}

/* O_DIRECT (packet mode) is refused with EINVAL until pipes keep packets. */
long sys_pipe2(user_ptr_t fildes, int flags)
{
	struct file *rd, *wr;
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	int err = pipe_create(&rd, &wr);
	if (err)
		return err;
	rd->flags = O_RDONLY | (flags & O_NONBLOCK);      /* F_GETFL says so */
	wr->flags = O_WRONLY | (flags & O_NONBLOCK);
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

/* FIONREAD: a regular file's bytes past the offset, a pipe's waiting
 * bytes; -ENOTTY when neither (the file's own ioctl may know). */
static long nread(struct file *f, user_ptr_t arg)
{
	struct inode *ino = file_inode(f);
	long n = pipe_nread(f);
	if (ino && S_ISREG(ino->mode)) {
		vfs_lock();
		n = (long)(int32_t)(ino->size - f->pos);
		vfs_unlock();
	}
	if (n == -ENOTTY)
		return f->ops->ioctl ? f->ops->ioctl(f, FIONREAD, arg.addr) : -ENOTTY;
	int32_t v = (int32_t)n;
	return copy_to_user(arg, &v, sizeof(v));
}

static long set_nonblock(struct file *f, user_ptr_t arg)
{
	int32_t on;
	if (copy_from_user(&on, arg, sizeof(on)))
		return -EFAULT;
	f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~(uint32_t)O_NONBLOCK;
	return 0;
}

/* The generic ioctls (any descriptor) first, then the file's own. */
long sys_ioctl(unsigned int fd, unsigned int cmd, uint32_t arg)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		return fd_set_cloexec(fd, cmd == FIOCLEX);
	case FIONBIO:
		return set_nonblock(f, USER_PTR(arg));
	case FIONREAD:
		return nread(f, USER_PTR(arg));
	default:
		return f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
	}
}

/* The offset whence and off make for fd's file: pipes and the console
 * are streams (-ESPIPE); devices and /proc's files say themselves. */
static int64_t seek(unsigned int fd, int64_t off, unsigned int whence)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	if (file_inode(f))
		return vfs_seek(f, off, whence);
	return f->ops->llseek ? f->ops->llseek(f, off, whence) : -ESPIPE;
}

long sys_lseek(unsigned int fd, long offset, unsigned int whence)
{
	int64_t r = seek(fd, offset, whence);
	return r > INT32_MAX ? -EOVERFLOW : (long)r;
}

long sys_llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
		user_ptr_t result, unsigned int whence)
{
	int64_t r = seek(fd, offset64(offset_low, offset_high), whence);
	if (r < 0)
		return (long)r;
	return copy_to_user(result, &r, sizeof(r)) ? -EFAULT : 0;
}

/* A 32-bit word at any alignment (x86 allows it), for the copies below. */
typedef uint32_t word_t __attribute__((may_alias, aligned(1)));

/* A name into a record a word at a time (the odd bytes too when the name
 * can be read to its last whole word; the record zeroes past the name
 * after): no call per entry. */
static void copy_name(char *to, const struct vfs_dirent *d)
{
	uint32_t i = 0, words = d->words ? d->len : d->len & ~3u;
	for (; i < words; i += 4)
		*(word_t *)(to + i) = *(const word_t *)(d->name + i);
	for (; i < d->len; i++)
		to[i] = d->name[i];
}

/* Write one getdents record for d into buf (room bytes left): its size, or 0 if it does not fit. */
static inline uint32_t put_dirent(char *buf, uint32_t room, const struct vfs_dirent *d, uint32_t next, bool is64)
{
	uint32_t head = is64 ? sizeof(struct linux_dirent64) : sizeof(struct linux_dirent);
	uint32_t align = is64 ? 8 : 4, extra = is64 ? 1 : 2;     /* the NUL; and getdents' type byte */
	uint32_t len = (head + d->len + extra + align - 1) & ~(align - 1);
	if (len > room)
		return 0;
	/* Field by field, and zeros only after the name: this runs once per
	 * entry (bench/getdents_1000). */
	if (is64) {
		struct linux_dirent64 *e = (void *)buf;
		e->d_ino = d->ino;
		e->d_off = next;
		e->d_reclen = (uint16_t)len;
		e->d_type = (uint8_t)d->type;
	} else {
		struct linux_dirent *e = (void *)buf;
		e->d_ino = d->ino;
		e->d_off = next;
		e->d_reclen = (uint16_t)len;
	}
	copy_name(buf + head, d);
	word_t *pad = (word_t *)(buf + head + d->len);
	pad[0] = pad[1] = 0;                     /* the NUL and the padding: DIRENT_SLACK bytes */
	if (!is64)
		buf[len - 1] = (char)d->type;
	return len;
}

/* Where read_dir's records go. */
struct dirent_buf {
	char *buf;
	uint32_t room, done;
	bool full;                             /* an entry did not fit */
};

/* One record into b: is64 is a constant in each caller, so the
 * compiler makes one lean copy per format (this runs once per entry). */
static inline bool emit(struct dirent_buf *b, const struct vfs_dirent *d, uint32_t next, bool is64)
{
	uint32_t len = put_dirent(b->buf + b->done, b->room - b->done, d, next, is64);
	b->done += len;
	b->full = len == 0;
	return len != 0;
}

static bool emit_dirent64(void *ctx, const struct vfs_dirent *d, uint32_t next) { return emit(ctx, d, next, true); }
static bool emit_dirent(void *ctx, const struct vfs_dirent *d, uint32_t next) { return emit(ctx, d, next, false); }

/* Fill buf (n bytes, and DIRENT_SLACK more it may scribble on) with the
 * entries of f's directory from *pos on, moving *pos past them: the
 * bytes, or -EINVAL when an entry is there and does not fit. */
static long read_dir(struct file *f, char *buf, uint32_t n, uint32_t *pos, bool is64)
{
	struct dirent_buf b = { .buf = buf, .room = n };
	vfs_lock();
	vfs_readdir_batch(f, pos, is64 ? emit_dirent64 : emit_dirent, &b);
	vfs_unlock();
	return b.full && b.done == 0 ? -EINVAL : (long)b.done;
}

/* The records cross in DIRENT_CHUNK pieces built on the stack (no big
 * buffer to map), each copied out without the lock; the offset moves
 * only past what reached user memory. */
static long getdents(unsigned int fd, user_ptr_t dirent, unsigned int count, bool is64)
{
	struct file *f = fd_file(fd);
	struct inode *dir;
	char buf[DIRENT_CHUNK + DIRENT_SLACK];
	int err = fd_dir(fd, &dir);
	if (err)
		return err;
	uint32_t n = count < GETDENTS_MAX ? count : GETDENTS_MAX, done = 0;
	while (done < n) {
		uint32_t pos = (uint32_t)f->pos, room = n - done < DIRENT_CHUNK ? n - done : DIRENT_CHUNK;
		long r = read_dir(f, buf, room, &pos, is64);
		if (r == -EINVAL && done)
			break;                       /* the next record goes in the next call */
		if (r <= 0)
			return done ? (long)done : r;    /* the end, or not even one entry fits */
		if (copy_to_user(user_ptr_add(dirent, done), buf, (size_t)r))
			return done ? (long)done : -EFAULT;
		f->pos = pos;
		done += (uint32_t)r;
	}
	return done;
}

long sys_getdents64(unsigned int fd, user_ptr_t dirent, unsigned int count) { return getdents(fd, dirent, count, true); }
long sys_getdents(unsigned int fd, user_ptr_t dirent, unsigned int count) { return getdents(fd, dirent, count, false); }

static long ftruncate(unsigned int fd, int64_t length)
{
	struct file *f = fd_file(fd);
	if (length < 0)
		return -EINVAL;
	if (!f)
		return -EBADF;
	struct inode *ino = file_inode(f);
	if (!ino || !S_ISREG(ino->mode) || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EINVAL;
	struct inode *unmap;
	vfs_lock();
	int err = vfs_truncate(ino, (uint64_t)length, &unmap);
	vfs_unlock();
	vfs_truncate_unmap(unmap, (uint64_t)length);
	return err;
}

long sys_ftruncate(unsigned int fd, long length) { return ftruncate(fd, length); }

long sys_ftruncate64(unsigned int fd, uint32_t length_lo, uint32_t length_hi)
{
	return ftruncate(fd, offset64(length_lo, length_hi));
}

long sys_dup(unsigned int fildes)
{
	struct file *f = fd_file(fildes);
	if (!f)
		return -EBADF;
	int fd = fd_install(file_get(f), false);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *f = fd_file(oldfd);
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (oldfd == newfd)
		return -EINVAL;
	return fd_install_at(newfd, file_get(f), flags & O_CLOEXEC);
}

long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	if (oldfd == newfd)
		return fd_file(oldfd) ? (long)newfd : -EBADF;
	return sys_dup3(oldfd, newfd, 0);
}
