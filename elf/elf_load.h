/*
 * elf_load.h - put a checked ELF image into an address space, in two steps
 * so that exec can do everything that may fail for a reason of the file's
 * before the old image is torn down:
 *
 *  elf_add_areas   records img's memory areas in a new mm (a list only:
 *                  nothing is mapped, the current space is not touched);
 *                  fails only with -ENOMEM, and the caller keeps running;
 *  elf_fill_shared then, inside the space mm describes, fills the pages
 *                  two segments share (the only pages filled eagerly).
 */
#ifndef ELF_ELF_LOAD_H
#define ELF_ELF_LOAD_H

#include "elf/elf_check.h"
#include "mm/uvm.h"

struct inode;

/* Record every PT_LOAD of img (file bytes from file; an ET_DYN already
 * moved to its base by elf_relocate) as areas of mm. The heap is the
 * caller's: a program and its interpreter are two images, one brk.
 * 0 or -ENOMEM (then mm holds some of the areas: free it). */
int elf_add_areas(struct inode *file, const struct elf_image *img, struct mm *mm);
/* In the current space, which must be mm's: map and fill the pages that
 * belong to two segments. 0 or -ENOMEM. */
int elf_fill_shared(struct inode *file, const struct elf_image *img, struct mm *mm);

#endif
