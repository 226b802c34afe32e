/*
 * statfs.h - struct statfs64 for i386 (Linux: asm-generic/statfs.h,
 * 84 bytes: the 64-bit fields are 4-aligned) and the magic numbers.
 */
#ifndef UAPI_STATFS_H
#define UAPI_STATFS_H

#include <stdint.h>

#define TMPFS_MAGIC   0x01021994
#define PIPEFS_MAGIC  0x50495045
#define ST_VALID      0x0020          /* f_flags is filled in */
#define ST_RELATIME   0x1000

struct statfs64 {
	uint32_t f_type, f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int32_t f_fsid[2];
	uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct statfs64) == 84, "i386 struct statfs64 is 84 bytes");

#endif
