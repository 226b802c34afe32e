/*
 * fcntl.h - open flags and *at() values (Linux: asm-generic/fcntl.h,
 * linux/fcntl.h). Octal, as Linux writes them.
 */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H

#define O_ACCMODE     03
#define O_RDONLY      00
#define O_WRONLY      01
#define O_RDWR        02
#define O_CREAT       0100
#define O_EXCL        0200
#define O_NOCTTY      0400
#define O_TRUNC       01000
#define O_APPEND      02000
#define O_NONBLOCK    04000
#define O_DIRECT      040000
#define O_LARGEFILE   0100000    /* i386's default for 64-bit offsets: ignored */
#define O_DIRECTORY   0200000
#define O_NOFOLLOW    0400000
#define O_CLOEXEC     02000000

#define AT_FDCWD      (-100)     /* dirfd: relative to the working directory */
#define AT_SYMLINK_NOFOLLOW 0x100  /* stat the link, not its target */
#define AT_REMOVEDIR  0x200      /* unlinkat: rmdir */
#define AT_EMPTY_PATH 0x1000     /* an empty path names dirfd itself */

/* lseek's whence (linux/fs.h) */
#define SEEK_SET      0
#define SEEK_CUR      1
#define SEEK_END      2

#endif
