/*
 * stat.h - file modes and struct statx (Linux: linux/stat.h). The cpio
 * "newc" format stores the same mode bits. i386's struct stat64 is in
 * uapi/stat64.h (Linux: asm/stat.h), apart so that host tests, whose C
 * library has a struct stat64 of its own, can use the mode bits.
 */
#ifndef UAPI_STAT_H
#define UAPI_STAT_H

#include <stdint.h>

/* A host unit test may have these from <sys/stat.h> already: same values. */
#ifndef S_IFMT
#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#endif
#ifndef S_ISDIR
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)
#endif
#define S_IALLUGO 07777          /* the permission, set-id and sticky bits */
#ifndef S_ISUID
#define S_ISUID   04000
#define S_ISGID   02000
#define S_ISVTX   01000          /* sticky: only the owner unlinks from the directory */
#define S_IXGRP   0010
#endif
#define UTIME_NOW  ((1l << 30) - 1l)   /* utimensat: this time becomes now */
#define UTIME_OMIT ((1l << 30) - 2l)   /* utimensat: this time stays */
#define S_IRWXUGO 0777
#define S_IXUGO   0111
#define S_BLKSIZE 512            /* st_blocks counts units of this many bytes */

/* statx mask bits: which fields the kernel filled. */
#define STATX_TYPE        0x0001u
#define STATX_MODE        0x0002u
#define STATX_NLINK       0x0004u
#define STATX_UID         0x0008u
#define STATX_GID         0x0010u
#define STATX_ATIME       0x0020u
#define STATX_MTIME       0x0040u
#define STATX_CTIME       0x0080u
#define STATX_INO         0x0100u
#define STATX_SIZE        0x0200u
#define STATX_BLOCKS      0x0400u
#define STATX_BASIC_STATS 0x07ffu

struct statx_timestamp { int64_t tv_sec; uint32_t tv_nsec; int32_t reserved; };

/* struct statx: 256 bytes on every architecture. */
struct statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	uint64_t spare2[14];
} __attribute__((packed));
_Static_assert(sizeof(struct statx) == 256, "struct statx is 256 bytes");

#endif
