/*
 * pipe.h - anonymous pipes (fs/pipe.c).
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#define PIPE_SIZE 4096      /* the ring */
#define PIPE_BUF  4096      /* writes up to this size are atomic (Linux's limits.h) */

struct file;

/* A connected pair of files, one reference each: 0 or -ENOMEM. */
int pipe_create(struct file **rd, struct file **wr);

#endif
