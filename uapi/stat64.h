/*
 * stat64.h - i386's struct stat64, what fstat64 and fstatat64 fill, and
 * the older struct stat of stat, lstat and fstat (Linux calls their
 * handlers sys_newstat...; arch/x86/include/uapi/asm/stat.h).
 */
#ifndef UAPI_STAT64_H
#define UAPI_STAT64_H

#include <stdint.h>

/* i386 struct stat64: 96 bytes, the inode number twice (low half early). */
struct stat64 {
	uint64_t st_dev;
	uint8_t pad0[4];
	uint32_t st_ino_lo;
	uint32_t st_mode, st_nlink, st_uid, st_gid;
	uint64_t st_rdev;
	uint8_t pad3[4];
	int64_t st_size;
	uint32_t st_blksize;
	uint64_t st_blocks;
	uint32_t st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	uint64_t st_ino;
} __attribute__((packed));
_Static_assert(sizeof(struct stat64) == 96, "struct stat64 is 96 bytes on i386");

/* i386 struct stat: 64 bytes of 32-bit fields, 16-bit ids and link count. */
struct new_stat {
	uint32_t st_dev, st_ino;
	uint16_t st_mode, st_nlink, st_uid, st_gid;
	uint32_t st_rdev, st_size, st_blksize, st_blocks;
	uint32_t st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	uint32_t unused4, unused5;
};
_Static_assert(sizeof(struct new_stat) == 64, "struct stat is 64 bytes on i386");
/* What a 16-bit id field shows of an id above 65535 (Linux's overflowuid). */
#define OVERFLOW_ID 65534u

#endif
