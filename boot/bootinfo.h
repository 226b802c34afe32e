/*
 * bootinfo.h - the contract between the multiboot2 parser and the kernel.
 *
 * The parser (boot/mb2_parse.c) turns GRUB's multiboot2 information block
 * into this plain struct, copying every string, so that nothing after boot
 * needs the block itself (its frames are not reserved). Limits are fixed so
 * the parser needs no allocator; an overflowing list is truncated and the
 * *_dropped counter says by how much.
 */
#ifndef BOOT_BOOTINFO_H
#define BOOT_BOOTINFO_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#define BOOT_CMDLINE_MAX   512
#define BOOT_LOADER_MAX     64
#define BOOT_MMAP_MAX       64
#define BOOT_MODULES_MAX    16
#define BOOT_MODNAME_MAX    64

/* Memory map entry types, as in the multiboot2 specification. */
#define BOOT_MEM_AVAILABLE        1
#define BOOT_MEM_RESERVED         2
#define BOOT_MEM_ACPI_RECLAIMABLE 3
#define BOOT_MEM_NVS              4
#define BOOT_MEM_BADRAM           5

struct boot_mmap_entry {
	uint64_t base;
	uint64_t len;
	uint32_t type;
};

struct boot_module {
	uint32_t start;                 /* physical, first byte */
	uint32_t end;                   /* physical, one past the last byte */
	char cmdline[BOOT_MODNAME_MAX];
};

struct boot_info {
	char cmdline[BOOT_CMDLINE_MAX];
	char loader[BOOT_LOADER_MAX];

	bool has_meminfo;               /* basic memory information tag */
	uint32_t mem_lower_kb, mem_upper_kb;

	struct boot_mmap_entry mmap[BOOT_MMAP_MAX];
	int mmap_count, mmap_dropped;

	struct boot_module modules[BOOT_MODULES_MAX];
	int module_count, modules_dropped;

	bool has_fb;                    /* framebuffer info tag */
	uint64_t fb_addr;
	uint32_t fb_pitch, fb_width, fb_height;
	uint8_t fb_bpp, fb_type;        /* fb_type 2 = EGA text */

	int unknown_tags;               /* tags skipped because we do not use them */
};

/*
 * Parse the multiboot2 information block at mbi, of which avail bytes are
 * readable. Every tag's size is checked against the block's total_size and
 * total_size against avail. Returns 0 on success; on a malformed block
 * returns -1 and sets *err to a message naming the problem.
 */
int mb2_parse(const void *mbi, size_t avail, struct boot_info *out, const char **err);

#endif
