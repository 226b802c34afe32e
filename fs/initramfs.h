/*
 * initramfs.h - the root file system as GRUB delivered it: the first
 * multiboot2 module, a cpio (newc) archive, mapped read-only into the
 * kernel and read in place. (The writable RAM file system built from it
 * comes with the VFS; until then programs are found here.)
 */
#ifndef FS_INITRAMFS_H
#define FS_INITRAMFS_H

#include "boot/bootinfo.h"
#include <stdint.h>

struct initramfs_file {
	const void *data;
	uint32_t size;
	uint32_t mode;
	uint32_t ino;                  /* the archive's inode number */
	uint32_t mtime;                /* seconds since the epoch */
};

/* Map and check the archive; without a module the root is empty. */
void initramfs_init(const struct boot_info *bi);
/* Look path up, following symbolic links: 0, -ENOENT, -ELOOP, -EINVAL. */
int initramfs_lookup(const char *path, struct initramfs_file *out);
/* The entry path names itself, a symbolic link not followed: 0, -ENOENT. */
int initramfs_lookup_nofollow(const char *path, struct initramfs_file *out);

#endif
