/*
 * fd.h - a process's descriptor table (struct process: fd[], fd_cloexec):
 * which open file each descriptor names, and which close at execve.
 * Only the process itself changes its table, in its own system calls.
 */
#ifndef FS_FD_H
#define FS_FD_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct inode;
struct process;

/* The file descriptor fd names in the current process, or NULL. */
struct file *fd_file(uint32_t fd);
/* The lowest free descriptor now names f (taking over the caller's
 * reference), closed at execve if cloexec: the descriptor, or -EMFILE. */
int fd_install(struct file *f, bool cloexec);
/* The directory fd's open file is on (the file holds it): 0, -EBADF, -ENOTDIR. */
int fd_dir(uint32_t fd, struct inode **dir);
/* fd now names f (taking over the caller's reference), closing what it
 * named before: fd, or -EBADF past the table (f's reference is dropped). */
int fd_install_at(uint32_t fd, struct file *f, bool cloexec);
/* Forget fd and give back the file's reference: 0 or -EBADF. */
int fd_close(uint32_t fd);
/* execve succeeded: close the descriptors marked close-on-exec. */
void fd_close_on_exec(struct process *p);

#endif
