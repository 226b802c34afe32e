/*
 * mman.h - memory-mapping flags (Linux: asm-generic/mman-common.h,
 * linux/mman.h).
 */
#ifndef UAPI_MMAN_H
#define UAPI_MMAN_H

#define PROT_NONE   0x0
#define PROT_READ   0x1
#define PROT_WRITE  0x2
#define PROT_EXEC   0x4

#define MAP_SHARED          0x01
#define MAP_PRIVATE         0x02
#define MAP_TYPE            0x0f     /* the mask of the two above */
#define MAP_FIXED           0x10
#define MAP_ANONYMOUS       0x20
#define MAP_FIXED_NOREPLACE 0x100000

#define MREMAP_MAYMOVE      1
#define MREMAP_FIXED        2

#define MADV_NORMAL         0
#define MADV_RANDOM         1
#define MADV_SEQUENTIAL     2
#define MADV_WILLNEED       3
#define MADV_DONTNEED       4
#define MADV_FREE           8
#define MADV_DONTDUMP       16
#define MADV_DODUMP         17
#define MADV_COLD           20
#define MADV_PAGEOUT        21

#define MS_ASYNC            1
#define MS_INVALIDATE       2
#define MS_SYNC             4

#define MMAP_PAGE_SHIFT     12       /* mmap2's offset is in 4096-byte units */

#endif
