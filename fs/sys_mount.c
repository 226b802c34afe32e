/*
 * sys_mount.c - mount(2), umount2(2), umount and chroot(2), in Linux's
 * order of checks (fs/namespace.c): the strings are copied, the target
 * resolved, then the type and the mount checked.
 *
 * Supported: new mounts of tmpfs, devtmpfs and proc; MS_REMOUNT; the
 * flags MS_RDONLY (EROFS, fs/perm.c) and MS_NOSUID (exec) are enforced,
 * MS_NODEV and MS_NOEXEC recorded and shown; of the options string
 * (data), tmpfs's size= (fs/mount.c). Bind, move and propagation
 * changes are -EINVAL for now. mount, umount and chroot need root (an
 * effective uid of 0, whose capabilities Linux's CAP_SYS_ADMIN and
 * CAP_SYS_CHROOT are here): -EPERM, after the path is resolved.
 */
#include "gen/syscalls.h"
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/limits.h"
#include "uapi/mount.h"

#define MOUNT_TYPE_MAX   PAGE_SIZE          /* Linux copies the type with strndup_user(PAGE_SIZE) */
#define MOUNT_DATA_MAX   PAGE_SIZE          /* and a page of options (copy_mount_options) */
#define MS_UNSUPPORTED   (MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)
#define UMOUNT_FLAGS     (MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)

/* Copy a user string into a new buffer of size bytes; NULL stays NULL. */
static int string_in(user_ptr_t u, uint32_t size, char **out)
{
	*out = NULL;
	if (user_ptr_null(u))
		return 0;
	*out = kmalloc(size);
	if (!*out)
		return -ENOMEM;
	int n = strncpy_from_user(*out, u, size);
	return n < 0 ? n : 0;
}

/* The directory path names (followed and crossed): 0 or -errno. */
static int resolve_dir(const char *path, unsigned flags, struct inode **out)
{
	return path ? vfs_lookup(NULL, path, flags, out) : -EFAULT;
}

/* What mount does once the strings are in; the vfs lock is held. */
static int do_mount(const char *source, const char *target, const char *type, uint32_t flags,
		    const char *data)
{
	struct inode *on;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	int err = resolve_dir(target, LOOKUP_FOLLOW, &on);
	if (err)
		return err;
	if (!cred_id_capable(current_cred()))
		return -EPERM;                       /* Linux's may_mount: CAP_SYS_ADMIN */
	if (flags & MS_REMOUNT)
		return vfs_remount(on, flags, data);
	if (flags & MS_UNSUPPORTED)
		return -EINVAL;
	return type ? vfs_mount(source, on, type, flags, data) : -EINVAL;
}

long sys_mount(user_ptr_t dev_name, user_ptr_t dir_name, user_ptr_t type, unsigned long flags,
	       user_ptr_t data)
{
	char *ktype, *source = NULL, *target = NULL, *kdata = NULL;
	int err = string_in(type, MOUNT_TYPE_MAX, &ktype);
	err = err ?: string_in(dev_name, PATH_MAX, &source);
	err = err ?: string_in(dir_name, PATH_MAX, &target);
	err = err ?: string_in(data, MOUNT_DATA_MAX, &kdata);
	if (kdata)
		kdata[MOUNT_DATA_MAX - 1] = '\0';   /* a full page of options: cut */
	if (!err) {
		vfs_lock();
		err = do_mount(source, target, ktype, (uint32_t)flags, kdata);
		vfs_unlock();
	}
	kfree(ktype);
	kfree(source);
	kfree(target);
	kfree(kdata);
	return err;
}

long sys_umount2(user_ptr_t name, int flags)
{
	struct inode *root;
	char *target;
	if ((uint32_t)flags & ~UMOUNT_FLAGS)
		return -EINVAL;
	int err = string_in(name, PATH_MAX, &target);
	if (!err) {
		unsigned follow = (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
		vfs_lock();
		err = resolve_dir(target, follow, &root);
		err = err ?: !cred_id_capable(current_cred()) ? -EPERM : vfs_umount(root, (uint32_t)flags);
		vfs_unlock();
	}
	kfree(target);
	return err;
}

long sys_umount(user_ptr_t name)
{
	return sys_umount2(name, 0);
}

/* chroot: the process's root becomes the directory (its working
 * directory stays where it is, as on Linux). */
long sys_chroot(user_ptr_t filename)
{
	struct inode *dir;
	char *path;
	int err = string_in(filename, PATH_MAX, &path);
	if (!err) {
		vfs_lock();
		err = resolve_dir(path, LOOKUP_FOLLOW | LOOKUP_DIR, &dir);
		err = err ?: vfs_permission(dir, MAY_EXEC);
		err = err ?: !cred_id_capable(current_cred()) ? -EPERM : 0;   /* CAP_SYS_CHROOT */
		if (!err) {
			struct process *p = current_process();
			struct inode *old = p->fs->root;
			p->fs->root = inode_get(dir);
			if (old)
				inode_put(old);
		}
		vfs_unlock();
	}
	kfree(path);
	return err;
}
