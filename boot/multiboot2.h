/*
 * multiboot2.h - layouts and constants from the Multiboot2 specification,
 * version 2.0.
 *
 * Two sides of the protocol live here:
 *  - the HEADER the kernel image carries so the loader recognises it (only
 *    #defines, so boot assembly can include this file), and
 *  - the INFORMATION BLOCK the loader hands the kernel (packed structs that
 *    mirror the specification's field names; boot/mb2_parse.c reads them).
 *
 * All values are little-endian. The information block starts with a fixed
 * header and is followed by tags, each starting at an offset that is a
 * multiple of MB2_TAG_ALIGN; a tag's size excludes that padding.
 */
#ifndef BOOT_MULTIBOOT2_H
#define BOOT_MULTIBOOT2_H

/* ---- Header side (in the kernel image) ---- */

#define MB2_HEADER_MAGIC        0xE85250D6  /* first field of the header */
#define MB2_ARCH_I386           0           /* 32-bit protected-mode i386 */
#define MB2_HEADER_SEARCH       32768       /* header lies within these first bytes */
#define MB2_HEADER_ALIGN        8           /* ...at an offset that is a multiple of this */

/* Header tag types; a header is ended by an MB2_HEADER_TAG_END of size 8. */
#define MB2_HEADER_TAG_END                  0
#define MB2_HEADER_TAG_INFORMATION_REQUEST  1
#define MB2_HEADER_TAG_ADDRESS              2
#define MB2_HEADER_TAG_ENTRY_ADDRESS        3
#define MB2_HEADER_TAG_CONSOLE_FLAGS        4
#define MB2_HEADER_TAG_FRAMEBUFFER          5
#define MB2_HEADER_TAG_MODULE_ALIGN         6
#define MB2_HEADER_TAG_EFI_BS               7
#define MB2_HEADER_TAG_ENTRY_ADDRESS_EFI32  8
#define MB2_HEADER_TAG_ENTRY_ADDRESS_EFI64  9
#define MB2_HEADER_TAG_RELOCATABLE          10
#define MB2_HEADER_TAG_OPTIONAL             1   /* flags bit: loader may ignore the tag */

/* What the loader leaves in eax on entry; ebx then holds the block's address. */
#define MB2_BOOTLOADER_MAGIC    0x36D76289

/* ---- Information block side (handed to the kernel) ---- */

#define MB2_TAG_ALIGN           8   /* every tag starts at a multiple of this */

/* Information tag types. */
#define MB2_TAG_END                 0
#define MB2_TAG_CMDLINE             1
#define MB2_TAG_BOOT_LOADER_NAME    2
#define MB2_TAG_MODULE              3
#define MB2_TAG_BASIC_MEMINFO       4
#define MB2_TAG_BOOTDEV             5
#define MB2_TAG_MMAP                6
#define MB2_TAG_VBE                 7
#define MB2_TAG_FRAMEBUFFER         8
#define MB2_TAG_ELF_SECTIONS        9
#define MB2_TAG_APM                 10
#define MB2_TAG_EFI32               11
#define MB2_TAG_EFI64               12
#define MB2_TAG_SMBIOS              13
#define MB2_TAG_ACPI_OLD            14
#define MB2_TAG_ACPI_NEW            15
#define MB2_TAG_NETWORK             16
#define MB2_TAG_EFI_MMAP            17
#define MB2_TAG_EFI_BS              18
#define MB2_TAG_EFI32_IH            19
#define MB2_TAG_EFI64_IH            20
#define MB2_TAG_LOAD_BASE_ADDR      21

/* Memory map entry types (mb2_mmap_entry.type). */
#define MB2_MEMORY_AVAILABLE        1
#define MB2_MEMORY_RESERVED         2
#define MB2_MEMORY_ACPI_RECLAIMABLE 3
#define MB2_MEMORY_NVS              4   /* preserve across hibernation */
#define MB2_MEMORY_BADRAM           5

/* Framebuffer types (mb2_tag_framebuffer_common.framebuffer_type). */
#define MB2_FRAMEBUFFER_TYPE_INDEXED    0
#define MB2_FRAMEBUFFER_TYPE_RGB        1
#define MB2_FRAMEBUFFER_TYPE_EGA_TEXT   2

#ifndef __ASSEMBLER__

#include <stdint.h>

/* The fixed part at the very start of the information block. */
struct mb2_info_header {
	uint32_t total_size;    /* whole block, this header and the END tag included */
	uint32_t reserved;
} __attribute__((packed));

/* Every tag begins with this; size covers the header but not the padding. */
struct mb2_tag {
	uint32_t type;
	uint32_t size;
} __attribute__((packed));

/* CMDLINE and BOOT_LOADER_NAME: a NUL-terminated UTF-8 string. */
struct mb2_tag_string {
	uint32_t type;
	uint32_t size;
	char string[];
} __attribute__((packed));

/* MODULE: physical [mod_start, mod_end) and the module's command line. */
struct mb2_tag_module {
	uint32_t type;
	uint32_t size;
	uint32_t mod_start;
	uint32_t mod_end;
	char string[];
} __attribute__((packed));

/* BASIC_MEMINFO: KiB of memory below 1 MiB, and above 1 MiB up to the first hole. */
struct mb2_tag_basic_meminfo {
	uint32_t type;
	uint32_t size;
	uint32_t mem_lower;
	uint32_t mem_upper;
} __attribute__((packed));

/* One memory map entry, as laid out by entry_version 0. */
struct mb2_mmap_entry {
	uint64_t base_addr;
	uint64_t length;
	uint32_t type;          /* MB2_MEMORY_* */
	uint32_t reserved;
} __attribute__((packed));

/*
 * MMAP: entries follow this fixed part. Their stride is entry_size, which
 * may be larger than struct mb2_mmap_entry in later versions, so the entries
 * are deliberately not declared as an array here: never index them by sizeof.
 */
struct mb2_tag_mmap {
	uint32_t type;
	uint32_t size;
	uint32_t entry_size;
	uint32_t entry_version;
} __attribute__((packed));

/*
 * FRAMEBUFFER: the part common to all framebuffer types; type-specific
 * color_info follows it. The specification's text shows `reserved` as u8,
 * but GRUB (the reference loader) declares u16 and places color_info after
 * it; we follow GRUB's layout.
 */
struct mb2_tag_framebuffer_common {
	uint32_t type;
	uint32_t size;
	uint64_t framebuffer_addr;
	uint32_t framebuffer_pitch;     /* bytes per row */
	uint32_t framebuffer_width;     /* pixels, or characters for EGA text */
	uint32_t framebuffer_height;
	uint8_t framebuffer_bpp;
	uint8_t framebuffer_type;       /* MB2_FRAMEBUFFER_TYPE_* */
	uint16_t reserved;
} __attribute__((packed));

/* The layouts above are fixed by the specification; catch accidental edits. */
_Static_assert(sizeof(struct mb2_info_header) == 8, "mb2_info_header layout");
_Static_assert(sizeof(struct mb2_tag) == 8, "mb2_tag layout");
_Static_assert(sizeof(struct mb2_tag_string) == 8, "mb2_tag_string layout");
_Static_assert(sizeof(struct mb2_tag_module) == 16, "mb2_tag_module layout");
_Static_assert(sizeof(struct mb2_tag_basic_meminfo) == 16, "mb2_tag_basic_meminfo layout");
_Static_assert(sizeof(struct mb2_mmap_entry) == 24, "mb2_mmap_entry layout");
_Static_assert(sizeof(struct mb2_tag_mmap) == 16, "mb2_tag_mmap layout");
_Static_assert(sizeof(struct mb2_tag_framebuffer_common) == 32, "mb2_tag_framebuffer_common layout");

#endif /* __ASSEMBLER__ */

#endif /* BOOT_MULTIBOOT2_H */
