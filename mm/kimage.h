/*
 * kimage.h - the kernel image's own mapping: what of the boot map stays,
 * and with which protection (mm/kimage.c; the map is in mm/layout.h).
 */
#ifndef MM_KIMAGE_H
#define MM_KIMAGE_H

#include <stdbool.h>
#include <stdint.h>

/* Cut the boot window down to the image and the VGA page, text and rodata
 * read-only, thread 0's guard page unmapped; before frame_init. The caller
 * flushes the TLB (vmm_init turns on global pages, which flushes it all). */
void kimage_init(void);

/* Is addr in the read-only part of the image (code, multiboot header, rodata)? */
bool kimage_is_readonly(uint32_t addr);

/* Is addr in the guard page below thread 0's stack (boot/entry.asm)? */
bool kimage_is_boot_stack_guard(uint32_t addr);

#endif
