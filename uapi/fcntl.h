/*
 * fcntl.h - open flags and *at() values (Linux: asm-generic/fcntl.h,
 * linux/fcntl.h). Octal, as Linux writes them.
 */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H

#include <stdint.h>

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
#define O_LARGEFILE   0100000    /* i386: a file may pass 2 GiB - 1 through this descriptor */
#define O_DIRECTORY   0200000
#define O_NOFOLLOW    0400000
#define O_CLOEXEC     02000000

#define AT_FDCWD      (-100)     /* dirfd: relative to the working directory */
#define AT_SYMLINK_NOFOLLOW 0x100  /* stat the link, not its target */
#define AT_REMOVEDIR  0x200      /* unlinkat: rmdir */
#define AT_SYMLINK_FOLLOW 0x400  /* linkat: link what a link names */
#define AT_EMPTY_PATH 0x1000     /* an empty path names dirfd itself */

#define AT_EACCESS    0x200      /* faccessat: check with the effective ids */

/* fcntl commands (asm-generic/fcntl.h, linux/fcntl.h) */
#define F_DUPFD       0
#define F_GETFD       1
#define F_SETFD       2
#define F_GETFL       3
#define F_SETFL       4
#define F_GETLK       5          /* struct flock: 32-bit offsets */
#define F_SETLK       6
#define F_SETLKW      7
#define F_GETLK64     12         /* struct flock64 */
#define F_SETLK64     13
#define F_SETLKW64    14
#define F_OFD_GETLK   36
#define F_OFD_SETLK   37
#define F_OFD_SETLKW  38
#define F_DUPFD_CLOEXEC 1030
#define F_SETPIPE_SZ  1031
#define F_GETPIPE_SZ  1032
#define FD_CLOEXEC    1          /* F_GETFD/F_SETFD's one flag */
#define F_RDLCK       0
#define F_WRLCK       1
#define F_UNLCK       2
/* flock(2)'s operations (asm-generic/fcntl.h). */
#define LOCK_SH       1          /* shared */
#define LOCK_EX       2          /* exclusive */
#define LOCK_NB       4          /* or'd in: fail with EWOULDBLOCK instead of waiting */
#define LOCK_UN       8          /* unlock */

/* i386 layouts: 16 and 24 bytes (the 64-bit fields are 4-aligned). */
struct flock {
	int16_t l_type, l_whence;
	int32_t l_start, l_len;
	int32_t l_pid;
};
struct flock64 {
	int16_t l_type, l_whence;
	int64_t l_start, l_len;
	int32_t l_pid;
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct flock) == 16, "i386 struct flock is 16 bytes");
_Static_assert(sizeof(struct flock64) == 24, "i386 struct flock64 is 24 bytes");

/* lseek's whence (linux/fs.h) */
#define SEEK_SET      0
#define SEEK_CUR      1
#define SEEK_END      2

#endif
