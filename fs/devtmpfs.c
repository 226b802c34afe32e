/*
 * devtmpfs.c - /dev: one tmpfs, made at boot, that drivers add their
 * nodes to (devtmpfs_node) and every mount of type devtmpfs shows, as
 * Linux's devtmpfs. It is a tmpfs in all else: mknod, rm and chmod in it
 * work as anywhere.
 */
#include "fs/chrdev.h"
#include "fs/vfs.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

#define DEV_ROOT_MODE (S_IFDIR | 0755)

static struct inode *dev_root;            /* set at boot: a reference */

void devtmpfs_init(void)
{
	dev_root = vfs_new_fs_root(DEV_ROOT_MODE);
	if (!dev_root)
		panic("devtmpfs: no memory for /dev");
}

struct inode *devtmpfs_root(void)
{
	return dev_root;
}

const char *devtmpfs_name_of(uint32_t rdev)
{
	for (struct dentry *d = dev_root->entries; d; d = d->next)
		if (S_ISCHR(d->inode->mode) && d->inode->rdev == rdev)
			return d->name;
	return NULL;
}

int devtmpfs_node(const char *name, uint32_t mode, uint32_t rdev)
{
	struct inode *ino;
	vfs_lock();
	int err = dev_root->ops->lookup(dev_root, name, (uint32_t)strlen(name)) ? -EEXIST
		  : vfs_create(dev_root, name, mode, &ino);
	if (!err)
		ino->rdev = rdev;
	vfs_unlock();
	return err;
}
