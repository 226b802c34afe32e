/*
 * pipe.h - anonymous pipes (fs/pipe.c).
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#include "uapi/limits.h"    /* PIPE_BUF: writes up to this size are atomic */
#include <stdint.h>

#define PIPE_SIZE 4096      /* the ring */

struct file;

/* fcntl F_GETPIPE_SZ: the ring's size, or -EBADF when f is not a pipe. */
long pipe_size(struct file *f);

/* FIONREAD: the bytes waiting in f's pipe, or -ENOTTY when f is not a pipe. */
long pipe_nread(struct file *f);

/* A connected pair of files, one reference each: 0 or -ENOMEM. */
int pipe_create(struct file **rd, struct file **wr);

/* FIFOs (named pipes): the pipe of a FIFO inode, made at its first open
 * (NULL: no memory) and freed with the inode; an open of it with open's
 * flags: a new file, or -ENXIO (O_WRONLY|O_NONBLOCK, no reader), -ENOMEM,
 * or a signal's restart code while waiting for the other side. */
void *pipe_fifo_new(void);
void pipe_fifo_free(void *pipe);
int pipe_fifo_open(void *pipe, uint32_t flags, struct file **out);

#endif
