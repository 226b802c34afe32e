/*
 * pipe.h - anonymous pipes (fs/pipe.c).
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#include "uapi/limits.h"    /* PIPE_BUF: writes up to this size are atomic */

#define PIPE_SIZE 4096      /* the ring */

struct file;

/* A connected pair of files, one reference each: 0 or -ENOMEM. */
int pipe_create(struct file **rd, struct file **wr);

#endif
