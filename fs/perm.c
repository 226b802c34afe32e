/*
 * perm.c - who may do what to an inode (see vfs.h): the mode bits
 * against the current process's file-system ids, as Linux's
 * generic_permission, and the owner rules of chmod, chown, utimes and
 * the sticky bit. A file-system uid of 0 is root: it reads and writes
 * anything and runs what has an execute bit for anyone.
 */
#include "fs/vfs.h"
#include "proc/cred.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

#define MODE_OWNER_SHIFT 6
#define MODE_GROUP_SHIFT 3

/* The rwx bits of mode that apply to c: the owner's, the group's or the others'. */
static uint32_t class_bits(const struct inode *ino, const struct cred *c)
{
	if (c->fsuid == ino->uid)
		return ino->mode >> MODE_OWNER_SHIFT;
	if (cred_in_group(c, ino->gid))
		return ino->mode >> MODE_GROUP_SHIFT;
	return ino->mode;
}

/* A change to ino's data, entries or attributes on a read-only mount:
 * -EROFS, which Linux reports before any permission check. Devices,
 * FIFOs and sockets may still be written (their data is elsewhere). */
static bool read_only_data(const struct inode *ino)
{
	uint32_t t = ino->mode & S_IFMT;
	return (t == S_IFREG || t == S_IFDIR || t == S_IFLNK) && vfs_read_only(ino);
}

int vfs_permission(const struct inode *ino, uint32_t mask)
{
	const struct cred *c = current_cred();
	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if ((mask & MAY_WRITE) && read_only_data(ino))
		return -EROFS;
	if ((mask & ~class_bits(ino, c) & (MAY_READ | MAY_WRITE | MAY_EXEC)) == 0)
		return 0;
	if (!cred_fs_capable(c))
		return -EACCES;
	/* Root: anything but running a file nobody may run. */
	if (!(mask & MAY_EXEC) || S_ISDIR(ino->mode) || (ino->mode & S_IXUGO))
		return 0;
	return -EACCES;
}

bool vfs_owner_or_root(const struct inode *ino)
{
	const struct cred *c = current_cred();
	return c->fsuid == ino->uid || cred_fs_capable(c);
}

int vfs_may_delete(const struct inode *dir, const struct inode *victim)
{
	int err = vfs_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	const struct cred *c = current_cred();
	if ((dir->mode & S_ISVTX) && c->fsuid != victim->uid && c->fsuid != dir->uid &&
	    !cred_fs_capable(c))
		return -EPERM;                       /* the sticky bit: /tmp */
	return 0;
}

int vfs_chmod(struct inode *ino, uint32_t mode)
{
	const struct cred *c = current_cred();
	if (vfs_read_only(ino))
		return -EROFS;
	if (!vfs_owner_or_root(ino))
		return -EPERM;
	mode &= S_IALLUGO;
	if (!cred_fs_capable(c) && !cred_in_group(c, ino->gid))
		mode &= ~(uint32_t)S_ISGID;         /* not the file's group: no set-group-ID */
	ino->mode = (ino->mode & S_IFMT) | mode;
	ino->ctime = vfs_now();
	return 0;
}

/* May the caller give ino the owner uid and group gid (-1: unchanged)?
 * Linux's chown_ok and chgrp_ok: an owner may only pick among its groups. */
static bool may_chown(const struct inode *ino, uint32_t uid, uint32_t gid)
{
	const struct cred *c = current_cred();
	bool owner = c->fsuid == ino->uid;
	if (cred_fs_capable(c))
		return true;
	if (uid != CRED_ID_KEEP && !(owner && uid == ino->uid))
		return false;
	return gid == CRED_ID_KEEP || (owner && (gid == ino->gid || cred_in_group(c, gid)));
}

int vfs_chown(struct inode *ino, uint32_t uid, uint32_t gid)
{
	if (vfs_read_only(ino))
		return -EROFS;
	if (!may_chown(ino, uid, gid))
		return -EPERM;
	if (uid != CRED_ID_KEEP)
		ino->uid = uid;
	if (gid != CRED_ID_KEEP)
		ino->gid = gid;
	/* A new owner does not inherit the old one's set-id powers. */
	if (!S_ISDIR(ino->mode)) {
		ino->mode &= ~(uint32_t)S_ISUID;
		if (ino->mode & S_IXGRP)
			ino->mode &= ~(uint32_t)S_ISGID;
	}
	ino->ctime = vfs_now();
	return 0;
}

unsigned vfs_exec_setid(struct inode *ino, uint32_t *uid, uint32_t *gid)
{
	unsigned give = 0;
	vfs_lock();
	if (!vfs_nosuid(ino)) {
		if (ino->mode & S_ISUID)
			give |= EXEC_SETUID;
		if ((ino->mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
			give |= EXEC_SETGID;
	}
	*uid = ino->uid;
	*gid = ino->gid;
	vfs_unlock();
	return give;
}
