/*
 * dirent.h - what getdents and getdents64 write (include/linux/dirent.h,
 * fs/readdir.c's struct linux_dirent, and the DT_* types of
 * include/linux/fs_types.h), for i386.
 */
#ifndef UAPI_DIRENT_H
#define UAPI_DIRENT_H

#include <stdint.h>

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12
#define S_DT_SHIFT 12             /* a mode's S_IF* bits, shifted down, are its DT_* */

/* getdents64: the name (NUL-terminated) follows; d_reclen is 8-aligned. */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
} __attribute__((packed));
_Static_assert(sizeof(struct linux_dirent64) == 19, "linux_dirent64 header");

/* getdents: the name, a NUL, then d_type in the record's last byte;
 * d_reclen is 4-aligned. */
struct linux_dirent {
	uint32_t d_ino;
	uint32_t d_off;
	uint16_t d_reclen;
	char d_name[];
} __attribute__((packed));
_Static_assert(sizeof(struct linux_dirent) == 10, "linux_dirent header");

#endif
