/*
 * sys_fs.c - system calls on file descriptors.
 *
 * Data moves through a small kernel bounce buffer, so file operations see
 * kernel memory only and every user pointer is checked in one place.
 * Path-based calls know only /proc/self/exe until the VFS lands.
 */
#include "fs/sys_fs.h"
#include "fs/file.h"
#include "fs/initramfs.h"
#include "fs/pipe.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include <stdbool.h>

#define BOUNCE        512
#define IOV_MAX       1024
#define AT_FDCWD      (-100)
#define AT_EMPTY_PATH 0x1000
#define STATX_BASIC   0x7ffu
#define SELF_EXE      "/proc/self/exe"
#define S_IFMT        0170000
#define S_IFREG       0100000

/* Linux i386 struct stat64 (asm/stat.h): 96 bytes. */
struct linux_stat64 {
	uint64_t st_dev;
	uint8_t pad0[4];
	uint32_t st_ino_lo;
	uint32_t st_mode, st_nlink, st_uid, st_gid;
	uint64_t st_rdev;
	uint8_t pad3[4];
	int64_t st_size;
	uint32_t st_blksize;
	uint64_t st_blocks;
	uint32_t st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	uint64_t st_ino;
} __attribute__((packed));
_Static_assert(sizeof(struct linux_stat64) == 96, "struct stat64 is 96 bytes on i386");

struct statx_timestamp { int64_t tv_sec; uint32_t tv_nsec; int32_t reserved; };

/* Linux struct statx (linux/stat.h): 256 bytes. */
struct linux_statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t spare2[14];
} __attribute__((packed));
_Static_assert(sizeof(struct linux_statx) == 256, "struct statx is 256 bytes");

struct iovec32 { uint32_t base, len; };

static struct file *fd_file(uint32_t fd)
{
	return fd < PROC_FDS ? current_process()->fd[fd] : NULL;
}

/* read and write: the data crosses in BOUNCE-sized chunks; a short
 * transfer ends the call with what was done (a pipe or the console
 * returns what it has). */
static long bounce_io(uint32_t fd, uint32_t ubuf, uint32_t n, bool write)
{
	struct file *f = fd_file(fd);
	char buf[BOUNCE];
	if (!f)
		return -EBADF;
	if (write ? !f->ops->write : !f->ops->read)
		return -EINVAL;
	if (!user_range_ok(ubuf, n))
		return -EFAULT;
	uint32_t done = 0;
	while (done < n) {
		uint32_t chunk = n - done < BOUNCE ? n - done : BOUNCE;
		long r;
		if (write) {
			if (copy_from_user(buf, ubuf + done, chunk))
				return done ? (long)done : -EFAULT;
			r = f->ops->write(f, buf, chunk);
		} else {
			r = f->ops->read(f, buf, chunk);
			if (r > 0 && copy_to_user(ubuf + done, buf, (size_t)r))
				return -EFAULT;
		}
		if (r < 0)
			return done ? (long)done : r;
		done += (uint32_t)r;
		if ((uint32_t)r < chunk)
			break;
	}
	return done;
}

long sys_read(uint32_t fd, uint32_t ubuf, uint32_t n) { return bounce_io(fd, ubuf, n, false); }
long sys_write(uint32_t fd, uint32_t ubuf, uint32_t n) { return bounce_io(fd, ubuf, n, true); }

static long vector_io(uint32_t fd, uint32_t uiov, uint32_t cnt, bool write)
{
	if (cnt > IOV_MAX)
		return -EINVAL;
	long total = 0;
	for (uint32_t i = 0; i < cnt; i++) {
		struct iovec32 v;
		if (copy_from_user(&v, uiov + i * sizeof(v), sizeof(v)))
			return -EFAULT;
		if (v.len == 0)
			continue;
		long r = write ? sys_write(fd, v.base, v.len) : sys_read(fd, v.base, v.len);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((uint32_t)r < v.len)
			break;
	}
	return total;
}

long sys_writev(uint32_t fd, uint32_t uiov, uint32_t cnt) { return vector_io(fd, uiov, cnt, true); }
long sys_readv(uint32_t fd, uint32_t uiov, uint32_t cnt) { return vector_io(fd, uiov, cnt, false); }

/* The lowest free descriptor now names f (taking over the caller's
 * reference): the descriptor, or -EMFILE. */
static int fd_install(struct file *f)
{
	struct process *p = current_process();
	for (int fd = 0; fd < PROC_FDS; fd++)
		if (!p->fd[fd]) {
			p->fd[fd] = f;
			return fd;
		}
	return -EMFILE;
}

#define O_CLOEXEC  02000000
#define O_NONBLOCK 04000
#define O_DIRECT   040000

long sys_pipe2(uint32_t ufds, uint32_t flags)
{
	struct file *rd, *wr;
	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	int err = pipe_create(&rd, &wr);
	if (err)
		return err;
	int fds[2];
	fds[0] = fd_install(rd);
	fds[1] = fds[0] >= 0 ? fd_install(wr) : -EMFILE;
	err = fds[1] < 0 ? -EMFILE : copy_to_user(ufds, fds, sizeof(fds));
	if (err) {
		for (int i = 0; i < 2; i++)
			if (fds[i] >= 0)
				current_process()->fd[fds[i]] = NULL;
		file_put(rd);
		file_put(wr);
	}
	return err;
}

long sys_pipe(uint32_t ufds)
{
	return sys_pipe2(ufds, 0);
}

long sys_close(uint32_t fd)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	current_process()->fd[fd] = NULL;
	file_put(f);
	return 0;
}

long sys_ioctl(uint32_t fd, uint32_t cmd, uint32_t arg)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	return f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
}

long sys_lseek(uint32_t fd, uint32_t off, uint32_t whence)
{
	(void)off, (void)whence;
	return fd_file(fd) ? -ESPIPE : -EBADF;   /* only streams exist yet */
}

long sys_llseek(uint32_t fd, uint32_t hi, uint32_t lo, uint32_t uresult, uint32_t whence)
{
	(void)hi, (void)lo, (void)uresult, (void)whence;
	return fd_file(fd) ? -ESPIPE : -EBADF;
}

/* The kstat of a descriptor, or of a path in the root file system. */
static long stat_target(int dirfd, uint32_t upath, uint32_t flags, struct kstat *st)
{
	char path[PROC_PATH_MAX];
	int n = upath ? strncpy_from_user(path, upath, sizeof(path)) : 0;
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
	st->nlink = 1;
	st->size = rf.size;
	st->blksize = 4096;
	st->blocks = (rf.size + 511) / 512;
	return 0;
}

static long put_stat64(uint32_t ust, const struct kstat *k)
{
	struct linux_stat64 s;
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

long sys_fstat64(uint32_t fd, uint32_t ust)
{
	struct kstat k;
	long err = stat_target((int)fd, 0, AT_EMPTY_PATH, &k);
	return err ? err : put_stat64(ust, &k);
}

long sys_fstatat64(uint32_t dirfd, uint32_t upath, uint32_t ust, uint32_t flags)
{
	struct kstat k;
	long err = stat_target((int)dirfd, upath, flags, &k);
	return err ? err : put_stat64(ust, &k);
}

long sys_statx(uint32_t dirfd, uint32_t upath, uint32_t flags, uint32_t mask, uint32_t ustx)
{
	(void)mask;
	struct kstat k;
	long err = stat_target((int)dirfd, upath, flags, &k);
	if (err)
		return err;
	struct linux_statx x;
	memset(&x, 0, sizeof(x));
	x.stx_mask = STATX_BASIC;
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
	return copy_to_user(ustx, &x, sizeof(x));
}

long sys_readlinkat(uint32_t dirfd, uint32_t upath, uint32_t ubuf, uint32_t size)
{
	(void)dirfd;
	char path[PROC_PATH_MAX];
	int n = strncpy_from_user(path, upath, sizeof(path));
	if (n < 0)
		return n;
	if ((int32_t)size <= 0)
		return -EINVAL;
	if (strcmp(path, SELF_EXE) != 0)
		return -ENOENT;                  /* no symlinks outside /proc yet */
	const char *exe = current_process()->exe;
	uint32_t len = (uint32_t)strlen(exe);
	if (len > size)
		len = size;                      /* readlink truncates silently */
	return copy_to_user(ubuf, exe, len) ? -EFAULT : (long)len;
}

long sys_readlink(uint32_t upath, uint32_t ubuf, uint32_t size)
{
	return sys_readlinkat((uint32_t)AT_FDCWD, upath, ubuf, size);
}
