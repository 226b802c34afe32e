/*
 * initramfs.h - fill the root tmpfs from the boot archive: the first
 * multiboot2 module, a cpio (newc) archive. Directories, regular files,
 * symbolic links, hard links and the other inode types are made with the
 * archive's modes, owners and times; a malformed entry is reported with
 * its name and the boot goes on with the entries before it.
 */
#ifndef FS_INITRAMFS_H
#define FS_INITRAMFS_H

#include "boot/bootinfo.h"

/* vfs_init, then unpack the module (without one the root is empty). */
void initramfs_init(const struct boot_info *bi);

#endif
