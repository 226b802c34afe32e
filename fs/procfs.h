/*
 * procfs.h - /proc: files generated from the kernel's state when they are
 * opened (docs/fs.md "/proc"). fs/procfs.c is the file system (its tree of
 * entries, the inodes it makes for them on lookup); fs/proc_files.c and
 * fs/proc_pid.c write the text of each file, in Linux's formats
 * (fs/proc_format.c).
 */
#ifndef FS_PROCFS_H
#define FS_PROCFS_H

#include "fs/textbuf.h"
#include "uapi/stat.h"
#include <stdint.h>

struct file;
struct inode;

/* One name in /proc. A directory lists its children, and the pids or the
 * descriptors of its pid when list says so. */
enum proc_list { PROC_LIST_NONE, PROC_LIST_PIDS, PROC_LIST_FDS };
struct proc_entry {
	const char *name;                  /* NULL ends a list of children */
	uint32_t mode;                     /* S_IF* and permissions */
	/* A file's text for process pid (0 outside a pid's directory):
	 * 0 or -errno (-ESRCH: the process has gone). Runs without the vfs lock. */
	int (*show)(struct textbuf *tb, int pid);
	/* A link's target for pid (and descriptor fd): 0 or -errno. Runs with
	 * the vfs lock held. */
	int (*link)(char *buf, uint32_t size, int pid, int fd);
	const struct proc_entry *children; /* a directory's */
	enum proc_list list;
	/* A settable file's (a sysctl): take the number written, 0 or
	 * -errno (-EINVAL: out of range). NULL: read-only. */
	int (*store)(long value);
	/* A file that is no text (/proc/kmsg): its own open makes the open
	 * file, after the mode's check: 0 or -errno. */
	int (*open)(uint32_t flags, struct file **out);
};

/* Table rows: a file, a link, a directory (of children, or listing), the end. */
#define PROC_FILE(name, show)       { name, S_IFREG | 0444, show, NULL, NULL, PROC_LIST_NONE, NULL, NULL }
#define PROC_FILE_RW(name, show, store) { name, S_IFREG | 0644, show, NULL, NULL, PROC_LIST_NONE, store, NULL }
#define PROC_LINK(name, mode, link) { name, S_IFLNK | (mode), NULL, link, NULL, PROC_LIST_NONE, NULL, NULL }
#define PROC_DIR(name, mode, children, list) { name, S_IFDIR | (mode), NULL, NULL, children, list, NULL, NULL }
#define PROC_OPEN(name, mode, open) { name, S_IFREG | (mode), NULL, NULL, NULL, PROC_LIST_NONE, NULL, open }
#define PROC_END                    { NULL, 0, NULL, NULL, NULL, PROC_LIST_NONE, NULL, NULL }

/* The root of a new proc file system (a mount's): a reference, or NULL. */
struct inode *procfs_new_root(void);
/* Free what a proc file system's cache holds (its last umount, when
 * nothing holds any of its inodes). */
void procfs_kill(struct inode *root);

/* fs/proc_files.c: /proc's own entries (the root's children). */
extern const struct proc_entry proc_root_entries[];
/* fs/proc_pid.c: what /proc/PID and /proc/PID/fd hold. */
extern const struct proc_entry proc_pid_dir;
extern const struct proc_entry proc_fd_link;
/* Is pid a process now (a zombie too)? Does it have descriptor fd open? */
bool proc_pid_alive(int pid);
bool proc_fd_open(int pid, int fd);
/* The index-th live pid in ascending order, or -1; the index-th open
 * descriptor of pid, or -1. */
int proc_pid_at(uint32_t index);
int proc_fd_at(int pid, uint32_t index);

#endif
