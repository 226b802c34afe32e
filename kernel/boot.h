/*
 * boot.h - what kmain needs from the boot path: the multiboot2 information
 * turned into struct boot_info, a summary of it, and the deliberate faults
 * of the test profile.
 */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include "boot/bootinfo.h"
#include "kernel/cmdline.h"
#include <stdint.h>

extern struct boot_info boot_info;
extern struct cmdline boot_cmdline;
/* The TSC at the kernel's first instruction (boot/entry.asm). */
extern uint64_t boot_entry_tsc;

/* Check the loader's magic, copy and parse its information; panic if malformed. */
void boot_info_load(uint32_t magic, uint32_t mbi_phys, struct boot_info *out);
void boot_info_print(const struct boot_info *bi);
/* Highest physical address (exclusive) of available RAM below 4 GiB. */
uint64_t boot_ram_top(const struct boot_info *bi);

/* crash=null|ud|panic|... : provoke that fault (test profile only). */
void crash_if_asked(const char *what);

#endif
