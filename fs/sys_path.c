/*
 * sys_path.c - system calls that name files by path: open, mkdir, unlink,
 * rename, stat, readlink, chdir, getcwd and their *at forms.
 *
 * A path is copied from user memory into a PATH_MAX kernel buffer
 * (-ENAMETOOLONG beyond), the *at directory is resolved from its
 * descriptor, and the VFS does the rest under its lock.
 */
#include "gen/syscalls.h"
#include "fs/chrdev.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/sys_path.h"
#include "fs/vfs.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "mm/kheap.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "uapi/stat64.h"

#define SELF_EXE      "/proc/self/exe"

/* The directory dirfd names for a relative path (the open file holds it). */
int at_dir(int dirfd, const char *path, struct inode **dir)
{
	*dir = NULL;
	if (path[0] == '/' || dirfd == AT_FDCWD)
		return 0;
	return dirfd >= 0 ? fd_dir((uint32_t)dirfd, dir) : -EBADF;
}

/* PATH_MAX buffers kept for the next call, as Linux's names_cache: a
 * kmalloc of a page maps and unmaps one each time (a TLB flush). */
#define PATH_BUFS_KEPT 4
static char *path_bufs[PATH_BUFS_KEPT];  /* irq-off */
static uint32_t path_bufs_n;             /* irq-off */

/* A kept buffer, or NULL. */
static char *path_buf_take(void)
{
	uint32_t fl = irq_save();
	char *b = path_bufs_n ? path_bufs[--path_bufs_n] : NULL;
	irq_restore(fl);
	return b;
}

static char *path_buf_get(void)
{
	char *b = path_buf_take();
	return b ? b : kmalloc(PATH_MAX);
}

static void path_buf_put(char *b)
{
	uint32_t fl = irq_save();
	if (b && path_bufs_n < PATH_BUFS_KEPT) {
		path_bufs[path_bufs_n++] = b;
		b = NULL;
	}
	irq_restore(fl);
	kfree(b);
}

uint32_t path_bufs_drain(void)
{
	uint32_t n = 0;
	for (char *b; (b = path_buf_take()) != NULL; n++)
		kfree(b);
	return n;
}

int path_get(int dirfd, user_ptr_t upath, struct path_arg *pa)
{
	pa->path = path_buf_get();
	if (!pa->path)
		return -ENOMEM;
	int n = strncpy_from_user(pa->path, upath, PATH_MAX);
	int err = n < 0 ? n : at_dir(dirfd, pa->path, &pa->dir);
	if (err)
		path_buf_put(pa->path);
	return err;
}

void path_put(struct path_arg *pa)
{
	path_buf_put(pa->path);
}

long sys_openat(int dfd, user_ptr_t filename, int flags, unsigned int mode)
{
	struct path_arg pa;
	struct file *f;
	int err = path_get(dfd, filename, &pa);
	if (err)
		return err;
	err = vfs_open(pa.dir, pa.path, (uint32_t)flags, mode, &f);
	path_put(&pa);
	if (err)
		return err;
	int fd = fd_install(f, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_open(user_ptr_t filename, int flags, unsigned int mode)
{
	return sys_openat(AT_FDCWD, filename, flags, mode);
}

long sys_creat(user_ptr_t pathname, unsigned int mode)
{
	return sys_openat(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

long sys_mkdirat(int dfd, user_ptr_t pathname, unsigned int mode)
{
	struct path_arg pa;
	int err = path_get(dfd, pathname, &pa);
	if (err)
		return err;
	vfs_lock();
	err = vfs_mkdir(pa.dir, pa.path, mode);
	vfs_unlock();
	path_put(&pa);
	return err;
}

long sys_mkdir(user_ptr_t pathname, unsigned int mode)
{
	return sys_mkdirat(AT_FDCWD, pathname, mode);
}

/* Linux's 32-bit encoding of a device number (new_decode_dev): minor
 * bits 0-7 and 20-31, major bits 8-19. */
static uint32_t decode_dev(uint32_t dev)
{
	return MKDEV((dev & 0xfff00) >> 8, (dev & 0xff) | ((dev >> 12) & 0xfff00));
}

/* mknod's types: 0 is a regular file; a directory is mkdir's (-EPERM). */
static int mknod_mode(uint32_t mode, uint32_t *out)
{
	uint32_t type = mode & S_IFMT;
	*out = (type ? type : S_IFREG) | (mode & S_IALLUGO);
	if (type == S_IFDIR)
		return -EPERM;
	bool known = !type || type == S_IFREG || type == S_IFCHR || type == S_IFBLK ||
		     type == S_IFIFO || type == S_IFSOCK;
	return known ? 0 : -EINVAL;
}

long sys_mknodat(int dfd, user_ptr_t filename, unsigned int mode, unsigned int dev)
{
	struct path_arg pa;
	uint32_t m;
	int err = mknod_mode(mode, &m);
	err = err ?: path_get(dfd, filename, &pa);
	if (err)
		return err;
	vfs_lock();
	err = vfs_mknod(pa.dir, pa.path, m, decode_dev(dev));
	vfs_unlock();
	path_put(&pa);
	return err;
}

long sys_mknod(user_ptr_t filename, unsigned int mode, unsigned int dev)
{
	return sys_mknodat(AT_FDCWD, filename, mode, dev);
}

long sys_unlinkat(int dfd, user_ptr_t pathname, int flag)
{
	struct path_arg pa;
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	int err = path_get(dfd, pathname, &pa);
	if (err)
		return err;
	vfs_lock();
	err = vfs_unlink(pa.dir, pa.path, flag & AT_REMOVEDIR);
	vfs_unlock();
	path_put(&pa);
	return err;
}

long sys_unlink(user_ptr_t pathname)
{
	return sys_unlinkat(AT_FDCWD, pathname, 0);
}

long sys_rmdir(user_ptr_t pathname)
{
	return sys_unlinkat(AT_FDCWD, pathname, AT_REMOVEDIR);
}

/* A call on two paths (rename, link): fn under the lock with both. */
typedef int (*two_path_fn)(struct path_arg *from, struct path_arg *to, int flags);

static long two_paths(int olddfd, user_ptr_t oldname, int newdfd, user_ptr_t newname, two_path_fn fn,
		      int flags)
{
	struct path_arg from, to;
	int err = path_get(olddfd, oldname, &from);
	if (err)
		return err;
	err = path_get(newdfd, newname, &to);
	if (!err) {
		vfs_lock();
		err = fn(&from, &to, flags);
		vfs_unlock();
		path_put(&to);
	}
	path_put(&from);
	return err;
}

static int rename_fn(struct path_arg *from, struct path_arg *to, int flags)
{
	(void)flags;
	return vfs_rename(from->dir, from->path, to->dir, to->path);
}

long sys_renameat(int olddfd, user_ptr_t oldname, int newdfd, user_ptr_t newname)
{
	return two_paths(olddfd, oldname, newdfd, newname, rename_fn, 0);
}

long sys_rename(user_ptr_t oldname, user_ptr_t newname)
{
	return sys_renameat(AT_FDCWD, oldname, AT_FDCWD, newname);
}

long sys_symlinkat(user_ptr_t oldname, int newdfd, user_ptr_t newname)
{
	struct path_arg target, link;
	int err = path_get(AT_FDCWD, oldname, &target);
	if (err)
		return err;
	err = target.path[0] ? path_get(newdfd, newname, &link) : -ENOENT;
	if (!err) {
		vfs_lock();
		err = vfs_symlink(link.dir, target.path, link.path);
		vfs_unlock();
		path_put(&link);
	}
	path_put(&target);
	return err;
}

long sys_symlink(user_ptr_t oldname, user_ptr_t newname)
{
	return sys_symlinkat(oldname, AT_FDCWD, newname);
}

/* The working directory becomes dir (a reference is taken), if the
 * caller may search it: 0 or -EACCES. */
static int set_cwd(struct inode *dir)
{
	int err = vfs_permission(dir, MAY_EXEC);
	if (err)
		return err;
	struct process *p = current_process();
	struct inode *old = p->fs->cwd;          /* CLONE_FS sharers see it too */
	p->fs->cwd = inode_get(dir);
	if (old)
		inode_put(old);
	return 0;
}

long sys_chdir(user_ptr_t filename)
{
	struct path_arg pa;
	struct inode *dir;
	int err = path_get(AT_FDCWD, filename, &pa);
	if (err)
		return err;
	vfs_lock();
	err = vfs_lookup(NULL, pa.path, LOOKUP_FOLLOW | LOOKUP_DIR, &dir);
	err = err ?: set_cwd(dir);
	vfs_unlock();
	path_put(&pa);
	return err;
}

long sys_fchdir(unsigned int fd)
{
	struct inode *dir;
	int err = fd_dir(fd, &dir);
	if (err)
		return err;
	vfs_lock();
	err = set_cwd(dir);
	vfs_unlock();
	return err;
}

long sys_getcwd(user_ptr_t buf, unsigned long size)
{
	char *path = path_buf_get();
	if (!path)
		return -ENOMEM;
	vfs_lock();
	struct inode *cwd = current_process()->fs->cwd;
	int n = vfs_path_of(cwd ? cwd : vfs_process_root(), path, PATH_MAX);
	vfs_unlock();
	if (n > 0 && (unsigned long)n > size)
		n = -ERANGE;
	if (n > 0 && copy_to_user(buf, path, (size_t)n))
		n = -EFAULT;
	path_buf_put(path);
	return n;
}

/* The kstat of a descriptor (an empty path with AT_EMPTY_PATH) or a path. */
static long stat_target(int dirfd, user_ptr_t upath, uint32_t flags, struct kstat *st)
{
	struct path_arg pa;
	struct inode *ino;
	int err = path_get(AT_FDCWD, upath, &pa);
	if (err)
		return err;
	if (!pa.path[0] && (flags & AT_EMPTY_PATH)) {
		struct file *f = dirfd >= 0 ? fd_file((uint32_t)dirfd) : NULL;
		path_put(&pa);
		if (!f)
			return -EBADF;
		return vfs_file_stat(f, st);
	}
	err = at_dir(dirfd, pa.path, &pa.dir);
	vfs_lock();
	err = err ?: vfs_lookup(pa.dir, pa.path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &ino);
	if (!err)
		vfs_stat(ino, st);
	vfs_unlock();
	path_put(&pa);
	return err;
}

/* Linux's 64-bit encoding of a device number in stat64 (huge_encode_dev). */
static uint64_t encode_dev(uint32_t major, uint32_t minor)
{
	return (minor & 0xff) | (major << 8) | ((uint64_t)(minor & ~0xffu) << 12);
}

/* The three times of k (a file with one time: that one, three times). */
static void kstat_times(const struct kstat *k, struct vfs_time t[3])
{
	if (k->mtime.sec == 0 && k->mtime.nsec == 0) {
		t[0] = t[1] = t[2] = (struct vfs_time){ (int64_t)k->mtime_sec, 0 };
		return;
	}
	t[0] = k->atime;
	t[1] = k->mtime;
	t[2] = k->ctime;
}

static long put_stat64(user_ptr_t ust, const struct kstat *k)
{
	struct vfs_time t[3];
	kstat_times(k, t);
	struct stat64 s;
	memset(&s, 0, sizeof(s));
	s.st_dev = encode_dev(k->dev_major, k->dev_minor);
	s.st_ino = s.st_ino_lo = k->ino;
	s.st_mode = k->mode;
	s.st_nlink = k->nlink;
	s.st_uid = k->uid;
	s.st_gid = k->gid;
	s.st_rdev = encode_dev(k->rdev_major, k->rdev_minor);
	s.st_size = (int64_t)k->size;
	s.st_blksize = k->blksize;
	s.st_blocks = k->blocks;
	s.st_atime = (uint32_t)t[0].sec, s.st_atime_nsec = t[0].nsec;
	s.st_mtime = (uint32_t)t[1].sec, s.st_mtime_nsec = t[1].nsec;
	s.st_ctime = (uint32_t)t[2].sec, s.st_ctime_nsec = t[2].nsec;
	return copy_to_user(ust, &s, sizeof(s));
}

/* A 16-bit field's view of id. */
static uint16_t id16(uint32_t id)
{
	return id > 0xffff ? OVERFLOW_ID : (uint16_t)id;
}

/* The struct stat of stat, lstat and fstat, as Linux's cp_new_stat: a
 * size past 2 GiB - 1 or a link count past 65535 is -EOVERFLOW. */
static long put_newstat(user_ptr_t ust, const struct kstat *k)
{
	struct vfs_time t[3];
	struct new_stat s;
	if (k->size > MAX_NON_LFS || k->nlink > 0xffff)
		return -EOVERFLOW;
	kstat_times(k, t);
	memset(&s, 0, sizeof(s));
	s.st_dev = (uint32_t)encode_dev(k->dev_major, k->dev_minor);
	s.st_ino = k->ino;
	s.st_mode = (uint16_t)k->mode;
	s.st_nlink = (uint16_t)k->nlink;
	s.st_uid = id16(k->uid);
	s.st_gid = id16(k->gid);
	s.st_rdev = (uint32_t)encode_dev(k->rdev_major, k->rdev_minor);
	s.st_size = (uint32_t)k->size;
	s.st_blksize = k->blksize;
	s.st_blocks = (uint32_t)k->blocks;
	s.st_atime = (uint32_t)t[0].sec, s.st_atime_nsec = t[0].nsec;
	s.st_mtime = (uint32_t)t[1].sec, s.st_mtime_nsec = t[1].nsec;
	s.st_ctime = (uint32_t)t[2].sec, s.st_ctime_nsec = t[2].nsec;
	return copy_to_user(ust, &s, sizeof(s)) ? -EFAULT : 0;
}

/* fstat and fstat64: what f's file is, put by put. */
static long fstat_with(unsigned long fd, user_ptr_t statbuf, long (*put)(user_ptr_t, const struct kstat *))
{
	struct kstat k;
	struct file *f = fd_file((uint32_t)fd);
	if (!f)
		return -EBADF;
	long err = vfs_file_stat(f, &k);
	return err ? err : put(statbuf, &k);
}

/* stat and lstat: the same for a path. */
static long stat_with(user_ptr_t filename, user_ptr_t statbuf, int flag,
		      long (*put)(user_ptr_t, const struct kstat *))
{
	struct kstat k;
	long err = stat_target(AT_FDCWD, filename, (uint32_t)flag, &k);
	return err ? err : put(statbuf, &k);
}

long sys_newstat(user_ptr_t filename, user_ptr_t statbuf) { return stat_with(filename, statbuf, 0, put_newstat); }
long sys_newlstat(user_ptr_t filename, user_ptr_t statbuf)
{
	return stat_with(filename, statbuf, AT_SYMLINK_NOFOLLOW, put_newstat);
}
long sys_newfstat(unsigned int fd, user_ptr_t statbuf) { return fstat_with(fd, statbuf, put_newstat); }

long sys_fstatat64(int dfd, user_ptr_t filename, user_ptr_t statbuf, int flag)
{
	struct kstat k;
	long err = stat_target(dfd, filename, (uint32_t)flag, &k);
	return err ? err : put_stat64(statbuf, &k);
}

long sys_fstat64(unsigned long fd, user_ptr_t statbuf) { return fstat_with(fd, statbuf, put_stat64); }

long sys_stat64(user_ptr_t filename, user_ptr_t statbuf)
{
	return sys_fstatat64(AT_FDCWD, filename, statbuf, 0);
}

long sys_lstat64(user_ptr_t filename, user_ptr_t statbuf)
{
	return sys_fstatat64(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

long sys_statx(int dfd, user_ptr_t filename, unsigned int flags, unsigned int mask, user_ptr_t buffer)
{
	(void)mask;
	struct kstat k;
	long err = stat_target(dfd, filename, flags, &k);
	if (err)
		return err;
	struct statx x;
	struct vfs_time t[3];
	kstat_times(&k, t);
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
	x.stx_atime = (struct statx_timestamp){ t[0].sec, t[0].nsec, 0 };
	x.stx_mtime = (struct statx_timestamp){ t[1].sec, t[1].nsec, 0 };
	x.stx_ctime = (struct statx_timestamp){ t[2].sec, t[2].nsec, 0 };
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
	struct path_arg pa;
	struct inode *ino;
	int err = path_get(dfd, upath, &pa);
	if (err)
		return err;
	long r = bufsiz <= 0 ? -EINVAL : 0;
	if (!r && strcmp(pa.path, SELF_EXE) == 0) {
		const char *exe = current_process()->exe;
		r = put_target(ubuf, (uint32_t)bufsiz, exe, (uint32_t)strlen(exe));
	} else if (!r) {
		uint32_t len = 0;
		vfs_lock();
		r = vfs_lookup(pa.dir, pa.path, 0, &ino);
		if (!r && !S_ISLNK(ino->mode))
			r = -EINVAL;                 /* there, but not a link */
		if (!r) {                            /* user memory is touched without the lock */
			len = ino->size < PATH_MAX ? (uint32_t)ino->size : PATH_MAX;
			memcpy(pa.path, ino->target, len);
		}
		vfs_unlock();
		r = r ?: put_target(ubuf, (uint32_t)bufsiz, pa.path, len);
	}
	path_put(&pa);
	return r;
}

long sys_readlink(user_ptr_t path, user_ptr_t buf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, path, buf, bufsiz);
}

static long truncate(user_ptr_t upath, int64_t length)
{
	struct path_arg pa;
	struct inode *ino;
	if (length < 0)
		return -EINVAL;
	int err = path_get(AT_FDCWD, upath, &pa);
	if (err)
		return err;
	vfs_lock();
	err = vfs_lookup(NULL, pa.path, LOOKUP_FOLLOW, &ino);
	err = err ?: S_ISREG(ino->mode) ? vfs_permission(ino, MAY_WRITE) : 0;
	struct inode *unmap = NULL;
	err = err ?: vfs_truncate(ino, (uint64_t)length, &unmap);
	vfs_unlock();
	vfs_truncate_unmap(unmap, (uint64_t)length);
	path_put(&pa);
	return err;
}

long sys_truncate(user_ptr_t path, long length) { return truncate(path, length); }

long sys_truncate64(user_ptr_t path, uint32_t length_lo, uint32_t length_hi)
{
	return truncate(path, (int64_t)(((uint64_t)length_hi << 32) | length_lo));
}

int fd_apply(uint32_t fd, inode_fn fn, void *arg)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	if (!f->inode)
		return 0;                            /* a pipe's attributes are not kept */
	vfs_lock();
	int err = fn(f->inode, arg);
	vfs_unlock();
	return err;
}

int path_apply(int dirfd, user_ptr_t upath, unsigned how, inode_fn fn, void *arg)
{
	struct path_arg pa;
	struct inode *ino;
	int err = path_get(AT_FDCWD, upath, &pa);
	if (err)
		return err;
	if (!pa.path[0] && (how & LOOKUP_EMPTY) && dirfd != AT_FDCWD) {
		path_put(&pa);
		return dirfd < 0 ? -EBADF : fd_apply((uint32_t)dirfd, fn, arg);
	}
	if (!pa.path[0] && (how & LOOKUP_EMPTY))
		strlcpy(pa.path, ".", PATH_MAX);     /* the working directory itself */
	err = at_dir(dirfd, pa.path, &pa.dir);
	vfs_lock();
	err = err ?: vfs_lookup(pa.dir, pa.path, how & LOOKUP_FOLLOW, &ino);
	err = err ?: fn(ino, arg);
	vfs_unlock();
	path_put(&pa);
	return err;
}

static int link_fn(struct path_arg *from, struct path_arg *to, int flags)
{
	return vfs_link(from->dir, from->path, to->dir, to->path, flags & AT_SYMLINK_FOLLOW);
}

long sys_linkat(int olddfd, user_ptr_t oldname, int newdfd, user_ptr_t newname, int flags)
{
	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return two_paths(olddfd, oldname, newdfd, newname, link_fn, flags);
}

long sys_link(user_ptr_t oldname, user_ptr_t newname)
{
	return sys_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}
