/*
 * sys_attr.c - system calls on a file's attributes: chmod, chown, access
 * and the times (utimensat, utimes, futimesat), each in its path, *at
 * and descriptor forms. The permission rules are fs/perm.c's.
 */
#include "gen/syscalls.h"
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/sys_path.h"
#include "fs/vfs.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "uapi/time.h"

#define ACCESS_MODES  7                      /* R_OK | W_OK | X_OK */
#define ACCESS_FLAGS  (AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)
#define CHOWN_FLAGS   (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)
#define NSEC_PER_SEC_ 1000000000
#define NSEC_PER_USEC 1000
#define USEC_PER_SEC  1000000

/* --- chmod --- */

static int chmod_fn(struct inode *ino, void *arg)
{
	return vfs_chmod(ino, *(uint32_t *)arg);
}

long sys_fchmodat(int dfd, user_ptr_t filename, unsigned int mode)
{
	return path_apply(dfd, filename, LOOKUP_FOLLOW, chmod_fn, &mode);
}

long sys_chmod(user_ptr_t filename, unsigned int mode) { return sys_fchmodat(AT_FDCWD, filename, mode); }
long sys_fchmod(unsigned int fd, unsigned int mode) { return fd_apply(fd, chmod_fn, &mode); }

/* --- chown --- */

struct owners { uint32_t uid, gid; };

static int chown_fn(struct inode *ino, void *arg)
{
	struct owners *o = arg;
	return vfs_chown(ino, o->uid, o->gid);
}

long sys_fchownat(int dfd, user_ptr_t filename, uint32_t user, uint32_t group, int flag)
{
	struct owners o = { user, group };
	if (flag & ~CHOWN_FLAGS)
		return -EINVAL;
	unsigned how = (flag & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) | (flag & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
	return path_apply(dfd, filename, how, chown_fn, &o);
}

long sys_chown(user_ptr_t filename, uint32_t user, uint32_t group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, 0);
}

long sys_lchown(user_ptr_t filename, uint32_t user, uint32_t group)
{
	return sys_fchownat(AT_FDCWD, filename, user, group, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(unsigned int fd, uint32_t user, uint32_t group)
{
	struct owners o = { user, group };
	return fd_apply(fd, chown_fn, &o);
}

/* --- access --- */

static int access_fn(struct inode *ino, void *arg)
{
	uint32_t mode = *(uint32_t *)arg;
	return mode ? vfs_permission(ino, mode) : 0;   /* F_OK: it is there */
}

/* The check runs with the real ids as the file-system ids (unless
 * AT_EACCESS), the lookup included, as Linux's access_override_creds. */
long sys_faccessat2(int dfd, user_ptr_t filename, int mode, int flags)
{
	if (mode & ~ACCESS_MODES || flags & ~ACCESS_FLAGS)
		return -EINVAL;
	struct cred *c = current_cred();
	uint32_t fsuid = c->fsuid, fsgid = c->fsgid, m = (uint32_t)mode;
	if (!(flags & AT_EACCESS)) {
		c->fsuid = c->uid;
		c->fsgid = c->gid;
	}
	unsigned how = (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) | (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
	long err = path_apply(dfd, filename, how, access_fn, &m);
	c->fsuid = fsuid;
	c->fsgid = fsgid;
	return err;
}

long sys_faccessat(int dfd, user_ptr_t filename, int mode) { return sys_faccessat2(dfd, filename, mode, 0); }
long sys_access(user_ptr_t filename, int mode) { return sys_faccessat2(AT_FDCWD, filename, mode, 0); }

/* --- times --- */

/* What to do with one time: set it to t, to now, or leave it. */
struct time_req {
	struct vfs_time t[2];                      /* atime, mtime */
	bool now[2], omit[2];
	bool given;                                /* times were given (not NULL) */
};

static bool nsec_ok(int64_t nsec)
{
	return (nsec >= 0 && nsec < NSEC_PER_SEC_) || nsec == UTIME_NOW || nsec == UTIME_OMIT;
}

static int times_fn(struct inode *ino, void *arg)
{
	struct time_req *r = arg;
	bool explicit = r->given && !(r->now[0] && r->now[1]);
	if (vfs_read_only(ino))
		return -EROFS;
	if (explicit && !vfs_owner_or_root(ino))
		return -EPERM;
	if (!explicit && !vfs_owner_or_root(ino) && vfs_permission(ino, MAY_WRITE))
		return -EACCES;
	struct vfs_time now = vfs_now();
	struct vfs_time *slot[2] = { &ino->atime, &ino->mtime };
	for (int i = 0; i < 2; i++)
		if (!explicit || !r->omit[i])
			*slot[i] = explicit && !r->now[i] ? r->t[i] : now;
	ino->ctime = now;
	return 0;
}

/* utimensat once the times are in: Linux's do_utimes. */
static long do_utimes(int dfd, user_ptr_t filename, struct time_req *r, int flags)
{
	if (r->given && r->omit[0] && r->omit[1])
		return 0;                          /* nothing to do: the path is not even looked at */
	if (user_ptr_null(filename) && dfd != AT_FDCWD)
		return flags ? -EINVAL : fd_apply((uint32_t)dfd, times_fn, r);
	if (flags & ~CHOWN_FLAGS)
		return -EINVAL;
	unsigned how = (flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW) | (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
	return path_apply(dfd, filename, how, times_fn, r);
}

/* Fill r from two (sec, nsec) pairs: -EINVAL for a bad nsec. */
static int times_from(struct time_req *r, const int64_t sec[2], const int64_t nsec[2])
{
	r->given = true;
	for (int i = 0; i < 2; i++) {
		if (!nsec_ok(nsec[i]))
			return -EINVAL;
		r->now[i] = nsec[i] == UTIME_NOW;
		r->omit[i] = nsec[i] == UTIME_OMIT;
		r->t[i] = (struct vfs_time){ sec[i], (uint32_t)(r->now[i] || r->omit[i] ? 0 : nsec[i]) };
	}
	return 0;
}

/* Two timespecs from user memory, in their 32- or 64-bit layout. */
static int get_timespecs(user_ptr_t u, bool time64, int64_t sec[2], int64_t nsec[2])
{
	struct old_timespec32 t32[2];
	struct __kernel_timespec t64[2];
	if (time64 ? copy_from_user(t64, u, sizeof(t64)) : copy_from_user(t32, u, sizeof(t32)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		sec[i] = time64 ? t64[i].tv_sec : t32[i].tv_sec;
		nsec[i] = time64 ? t64[i].tv_nsec : t32[i].tv_nsec;
	}
	return 0;
}

static long utimensat(int dfd, user_ptr_t filename, user_ptr_t utimes, int flags, bool time64)
{
	struct time_req r = { 0 };
	int64_t sec[2], nsec[2];
	if (!user_ptr_null(utimes)) {
		int err = get_timespecs(utimes, time64, sec, nsec);
		err = err ?: times_from(&r, sec, nsec);
		if (err)
			return err;
	}
	return do_utimes(dfd, filename, &r, flags);
}

long sys_utimensat(int dfd, user_ptr_t filename, user_ptr_t utimes, int flags)
{
	return utimensat(dfd, filename, utimes, flags, false);
}

long sys_utimensat_time64(int dfd, user_ptr_t filename, user_ptr_t utimes, int flags)
{
	return utimensat(dfd, filename, utimes, flags, true);
}

long sys_futimesat(int dfd, user_ptr_t filename, user_ptr_t utimes)
{
	struct time_req r = { 0 };
	struct old_timeval32 tv[2];
	if (!user_ptr_null(utimes)) {
		if (copy_from_user(tv, utimes, sizeof(tv)))
			return -EFAULT;
		for (int i = 0; i < 2; i++)
			if (tv[i].tv_usec < 0 || tv[i].tv_usec >= USEC_PER_SEC)
				return -EINVAL;
		times_from(&r, (int64_t[2]){ tv[0].tv_sec, tv[1].tv_sec },
			   (int64_t[2]){ (int64_t)tv[0].tv_usec * NSEC_PER_USEC, (int64_t)tv[1].tv_usec * NSEC_PER_USEC });
	}
	return do_utimes(dfd, filename, &r, 0);
}

long sys_utimes(user_ptr_t filename, user_ptr_t utimes) { return sys_futimesat(AT_FDCWD, filename, utimes); }
