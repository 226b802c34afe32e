/*
 * fd.h - descriptor tables: which open file each descriptor names, and
 * which close at execve. The table grows on demand, 32 slots at a time,
 * up to the process's RLIMIT_NOFILE; a descriptor at or past the soft
 * limit is never handed out (-EMFILE).
 *
 * A table (struct files) is shared by the threads of a process and by
 * the processes clone(CLONE_FILES) made; it is reference-counted by the
 * processes using it (users) and goes with the last. Its spinlock guards
 * the slots, the close-on-exec bits and the size: every lookup, install
 * and close takes it, so two sharers never see a table half changed.
 * Files are put (which may sleep) after the lock is let go. A sharer may
 * close a descriptor while another thread's call is using its file: in a
 * shared table fd_file therefore takes a reference for the caller, which
 * the system-call exit gives back (fd_borrow_release), as Linux's
 * fdget/fdput; an unshared table needs none (only its owner changes it).
 */
#ifndef FS_FD_H
#define FS_FD_H

#include "kernel/spinlock.h"
#include <stdbool.h>
#include <stdint.h>

struct file;
struct inode;
struct process;
struct thread;

#define FDT_CHUNK 32u                  /* slots added at a time: one cloexec word */

struct fdtable {
	struct file **file;             /* size slots, NULL where free */
	uint32_t *cloexec;              /* bit n of word n/32: close fd n at execve */
	uint32_t size;                  /* slots, a multiple of FDT_CHUNK */
};

struct files {
	struct spinlock lock;           /* guards users and fdt */
	uint32_t users;                 /* lock: processes using the table */
	struct fdtable fdt;             /* lock */
};

/* The file descriptor fd names in the current process, or NULL; held
 * until the system call ends (see above). */
struct file *fd_file(uint32_t fd);
/* The lowest free descriptor now names f (taking over the caller's
 * reference), closed at execve if cloexec: the descriptor, or -EMFILE
 * (f's reference is then still the caller's). */
int fd_install(struct file *f, bool cloexec);
/* The same from descriptor min up (F_DUPFD): -EINVAL when min is past
 * RLIMIT_NOFILE, -EMFILE when nothing is free below it. */
int fd_install_from(uint32_t min, struct file *f, bool cloexec);
/* The directory fd's open file is on (the file holds it): 0, -EBADF, -ENOTDIR. */
int fd_dir(uint32_t fd, struct inode **dir);
/* fd now names f (taking over the caller's reference), closing what it
 * named before: fd, or -EBADF past RLIMIT_NOFILE, -EMFILE when the table
 * cannot grow (f's reference is dropped then). */
int fd_install_at(uint32_t fd, struct file *f, bool cloexec);
/* Forget fd and give back the file's reference: 0 or -EBADF. */
int fd_close(uint32_t fd);
/* fcntl F_GETFD / F_SETFD, FIOCLEX, FIONCLEX: -EBADF when fd is not open. */
int fd_get_cloexec(uint32_t fd);
int fd_set_cloexec(uint32_t fd, bool cloexec);
/* execve succeeded: close the descriptors marked close-on-exec (the
 * table is p's own by now: see files_unshare). */
void fd_close_on_exec(struct process *p);
/* A new table for child: a copy of parent's (references taken), or with
 * share parent's own, one more user (CLONE_FILES): 0 or -ENOMEM. */
int files_fork(struct process *child, struct process *parent, bool share);
/* The current process gets a table of its own, a copy, if it shares one
 * (unshare(CLONE_FILES), execve): 0 or -ENOMEM. */
int files_unshare(void);
/* p (not yet running) gets a table with stdio[0..2] (NULL: none) as
 * descriptors 0-2, new references: 0 or -ENOMEM. */
int fd_table_stdio(struct process *p, struct file *stdio[3]);
/* p lets go of its table (exit): the last user closes every descriptor. */
void files_release(struct process *p);
/* The highest descriptor open in p plus one (/proc, gdb); interrupts off. */
uint32_t fd_table_used(const struct process *p);
/* The slots p's table has (select's bound, /proc); 0 without one. */
uint32_t fd_table_size(const struct process *p);
/* The file p's descriptor fd names, not held, or NULL (/proc): with
 * interrupts off, as the caller keeps them while it looks at the file, no
 * sharer can change the table (its lock is interrupts off on one CPU) or
 * put the file it took out. */
struct file *fd_peek(const struct process *p, uint32_t fd);
/* The system call is over: give back what fd_file took (syscall.c). */
void fd_borrow_release(struct thread *t);

#endif
