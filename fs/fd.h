/*
 * fd.h - a process's descriptor table (struct process: fdt): which open
 * file each descriptor names, and which close at execve. The table grows
 * on demand, 32 slots at a time, up to the process's RLIMIT_NOFILE; a
 * descriptor at or past the soft limit is never handed out (-EMFILE).
 * Only the process itself changes its table, in its own system calls.
 */
#ifndef FS_FD_H
#define FS_FD_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct inode;
struct process;

#define FDT_CHUNK 32u                  /* slots added at a time: one cloexec word */

struct fdtable {
	struct file **file;             /* own: size slots, NULL where free */
	uint32_t *cloexec;              /* own: bit n of word n/32: close fd n at execve */
	uint32_t size;                  /* own: slots, a multiple of FDT_CHUNK */
};

/* The file descriptor fd names in the current process, or NULL. */
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
/* execve succeeded: close the descriptors marked close-on-exec. */
void fd_close_on_exec(struct process *p);
/* fork: child's table is a copy of parent's (references taken): 0 or -ENOMEM. */
int fd_table_copy(struct process *child, const struct process *parent);
/* p (not yet running) gets stdio[0..2] (NULL: none) as descriptors 0-2,
 * new references: 0 or -ENOMEM. */
int fd_table_stdio(struct process *p, struct file *stdio[3]);
/* exit: close every descriptor and free the table. */
void fd_table_release(struct process *p);
/* The highest descriptor open in p plus one (/proc, gdb). */
uint32_t fd_table_used(const struct process *p);

#endif
