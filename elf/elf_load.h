/*
 * elf_load.h - map a checked ELF image into the CURRENT address space.
 * Called by a new process's own thread, from inside its new space.
 */
#ifndef ELF_ELF_LOAD_H
#define ELF_ELF_LOAD_H

#include "elf/elf_check.h"
#include "mm/uvm.h"

/* Map every PT_LOAD of img (file bytes from data), zero the rest, set each
 * page's protection, record the areas in mm and its brk. 0 or -ENOMEM. */
int elf_load(const uint8_t *data, const struct elf_image *img, struct mm *mm);

#endif
