/*
 * statfs.h - statfs64(2)'s struct for i386 (Linux's asm-generic/statfs.h
 * with arch/x86's ARCH_PACK_STATFS64: packed, 4-byte aligned, 84 bytes)
 * and the file system magic numbers it reports (linux/magic.h).
 */
#ifndef UAPI_STATFS_H
#define UAPI_STATFS_H

#include <stdint.h>

#define TMPFS_MAGIC      0x01021994u
#define PROC_SUPER_MAGIC 0x00009fa0u
#define PIPEFS_MAGIC     0x50495045u

#define ST_VALID         0x0020u          /* f_flags is filled */
#define ST_RELATIME      0x1000u

struct statfs64 {
	uint32_t f_type;
	uint32_t f_bsize;
	uint64_t f_blocks, f_bfree, f_bavail;
	uint64_t f_files, f_ffree;
	int32_t f_fsid[2];
	uint32_t f_namelen;
	uint32_t f_frsize;
	uint32_t f_flags;
	uint32_t f_spare[4];
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct statfs64) == 84, "i386 struct statfs64 is 84 bytes");

#endif
