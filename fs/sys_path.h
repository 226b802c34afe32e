/*
 * sys_path.h - what the system calls that take paths share (fs/sys_path.c,
 * fs/sys_attr.c): a path copied in from user memory and the directory a
 * relative one starts at, and running a function on the inode a
 * (dirfd, path) or a descriptor names, under the vfs lock.
 */
#ifndef FS_SYS_PATH_H
#define FS_SYS_PATH_H

#include "mm/usercopy.h"
#include <stdint.h>

struct inode;

/* A path argument: the kernel's copy, and where a relative one starts. */
struct path_arg {
	char *path;                      /* PATH_MAX bytes, kmalloc'd */
	struct inode *dir;               /* NULL: the working directory */
};

/* The directory dirfd names for a relative path (the open file holds it). */
int at_dir(int dirfd, const char *path, struct inode **dir);
/* Copy upath in (-ENAMETOOLONG past PATH_MAX) and resolve dirfd. */
int path_get(int dirfd, user_ptr_t upath, struct path_arg *pa);
void path_put(struct path_arg *pa);
/* Free the PATH_MAX buffers kept for reuse: how many (tests that compare
 * the heap before and after a run: the cache grows to the most lookups
 * that were ever under way at once). */
uint32_t path_bufs_drain(void);

#define LOOKUP_EMPTY 0x100u              /* AT_EMPTY_PATH: "" names dirfd's own file */
typedef int (*inode_fn)(struct inode *ino, void *arg);
/* fn(inode, arg) with the lock held, for the inode (dirfd, upath) names;
 * how: LOOKUP_FOLLOW, LOOKUP_EMPTY. fn's result, or the lookup's error. */
int path_apply(int dirfd, user_ptr_t upath, unsigned how, inode_fn fn, void *arg);
/* The same for descriptor fd's inode: -EBADF; 0 for a file without one (a pipe). */
int fd_apply(uint32_t fd, inode_fn fn, void *arg);

#endif
