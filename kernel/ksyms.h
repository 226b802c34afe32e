/*
 * ksyms.h - the kernel's function symbols, for readable backtraces.
 * The table is generated from the linked kernel by tools/gensyms.sh.
 */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <stdint.h>

/* The function containing addr and addr's offset into it, or NULL. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);
/* The address of a function by name, or 0. */
uint32_t ksym_address(const char *name);

#endif
