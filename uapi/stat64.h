/*
 * stat64.h - i386's struct stat64, what fstat64 and fstatat64 fill
 * (Linux: arch/x86/include/uapi/asm/stat.h).
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

#endif
