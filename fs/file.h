/*
 * file.h - open files: the contract between system calls and whatever
 * stands behind a file descriptor (the console now; the VFS later).
 *
 * A struct file is reference counted: every descriptor that names it holds
 * one reference. Operations take kernel buffers; the system-call layer
 * copies to and from user memory.
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file;
struct inode;

/* A file's time: seconds since the epoch and nanoseconds. */
struct vfs_time {
	int64_t sec;
	uint32_t nsec;
};

/* What fstat64/statx report, in the kernel's own words. A file that keeps
 * one time only (a pipe, the console) leaves the vfs_times zero and says
 * mtime_sec, reported for all three. */
struct kstat {
	uint32_t mode;                 /* S_IF* type and permission bits */
	uint32_t ino, nlink, uid, gid;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t size;
	uint32_t blksize;
	uint64_t blocks;               /* in 512-byte units */
	uint64_t mtime_sec;
	struct vfs_time atime, mtime, ctime;
};

/* How one read or write may behave (the io argument of the ops). */
#define IO_NONBLOCK 1u                 /* -EAGAIN instead of sleeping */
#define IO_CONTINUED 2u                /* a later chunk of one write: RLIMIT_FSIZE
				          was reported (SIGXFSZ) by the first */

/* read and write move bytes from or to a kernel buffer: the count, 0 at
 * end of file, or -errno (-EAGAIN under IO_NONBLOCK, -EPIPE when a pipe
 * has no reader left: the caller raises SIGPIPE). */
struct file_ops {
	long (*read)(struct file *f, void *buf, size_t n, unsigned io);
	long (*write)(struct file *f, const void *buf, size_t n, unsigned io);
	/* arg is a user pointer or value, as the ioctl defines it. */
	long (*ioctl)(struct file *f, uint32_t cmd, uint32_t arg);
	int (*stat)(struct file *f, struct kstat *st);
	/* What a read or write could do now without sleeping: POLL* bits
	 * (uapi/poll.h), and POLL_NEEDS_TICK when nothing wakes poll_wq on a
	 * change (look again each tick). NULL: always ready, as a disk file. */
	uint32_t (*poll)(struct file *f);
	void (*release)(struct file *f);
	/* lseek of a file that is not an inode's data (devices, /proc): the
	 * new offset or -errno. NULL: a stream (-ESPIPE), as pipes and ttys. */
	int64_t (*llseek)(struct file *f, int64_t off, uint32_t whence);
};

/* Where a directory listing stopped (fs/vfs_file.c), under the vfs lock. */
struct dir_cursor {
	void *entry;                   /* the struct dentry at index pos, or NULL */
	uint32_t pos, gen;             /* its index; the directory's dir_gen then */
};

struct file {
	const struct file_ops *ops;    /* fixed */
	void *priv;                    /* fixed; the ops guard what it points to */
	int refs;                      /* irq-off */
	uint64_t pos;                  /* the ops' own (streams ignore it) */
	uint32_t flags;                /* status flags (O_NONBLOCK); set at open */
	/* fixed: the inode it was opened by name through (a reference, which
	 * file_put drops), NULL for pipes and the boot console; fstat reports it. */
	struct inode *inode;
	struct dir_cursor dir_cursor;  /* vfs lock: a directory's (vfs_readdir_file) */
	bool flock_held;               /* vfs lock: it holds a flock(2) lock on inode (fs/flock.c) */
	bool writer;                   /* fixed: a regular file open for writing, counted in
					* its device's writers (remount,ro is EBUSY meanwhile) */
};

#define POLL_NEEDS_TICK 0x80000000u

/* Something a poll or select may wait for happened (a pipe's state
 * changed): wake them all to look again (fs/sys_poll.c). */
void poll_notify(void);

/* A new file with one reference; NULL when out of memory. */
struct file *file_new(const struct file_ops *ops, void *priv);
struct file *file_get(struct file *f);
void file_put(struct file *f);

/* The console (the COM1 terminal, tty/console.c): a new open file on it. */
struct file *console_file(void);

#endif
