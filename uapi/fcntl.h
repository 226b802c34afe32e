/*
 * fcntl.h - open flags and *at() values (Linux: asm-generic/fcntl.h,
 * linux/fcntl.h). Octal, as Linux writes them.
 */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H

#define O_NONBLOCK    04000
#define O_DIRECT      040000
#define O_CLOEXEC     02000000

#define AT_FDCWD      (-100)     /* dirfd: relative to the working directory */
#define AT_EMPTY_PATH 0x1000     /* an empty path names dirfd itself */

#endif
