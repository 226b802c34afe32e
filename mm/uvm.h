/*
 * uvm.h - a process's user memory areas (the "mm"): what the user half of
 * its address space may contain, page by page filled on first touch.
 *
 * An area is a range [start, end) with protections (PROT_*). Nothing is
 * mapped until it is touched: the page-fault handler calls uvm_fault(),
 * which maps a zeroed frame when the access is allowed. An area may be
 * backed by bytes in kernel memory (an ELF segment's file data in the
 * initramfs): the bytes of [src_vaddr, src_vaddr + src_len) are then copied
 * into each page as it is first touched, the rest stays zero.
 * All functions act on the current address space, which must be mm's.
 */
#ifndef MM_UVM_H
#define MM_UVM_H

#include "mm/layout.h"
#include <stdbool.h>
#include <stdint.h>
#include "uapi/mman.h"             /* PROT_* */

#define USER_MMAP_TOP    (USER_STACK_BOTTOM - 0x01000000u) /* a gap below the stack */

enum vma_kind { VMA_ANON, VMA_ELF, VMA_HEAP, VMA_STACK };

struct vma_backing {
	const uint8_t *src;        /* the bytes that belong at src_vaddr; NULL: none */
	uint32_t src_vaddr, src_len;
};

struct vma {
	uint32_t start, end;
	uint32_t prot;
	enum vma_kind kind;
	struct vma_backing back;
	struct vma *next;          /* sorted by start */
};

struct mm {
	struct vma *vmas;
	uint32_t brk_start, brk;   /* the heap is [brk_start, page_up(brk)) */
	uint32_t pages;            /* resident user pages (for /proc later) */
};

struct mm *mm_create(void);
/* Unmap every user page and table of the current space, free the areas. */
void mm_destroy(struct mm *mm);

/* Add an area over a free range; -ENOMEM if it overlaps or no memory. */
int mm_add_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot, enum vma_kind kind);
/* The same, for an area whose pages start as copies of back's bytes. */
int mm_add_backed_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot,
		       enum vma_kind kind, const struct vma_backing *back);
struct vma *mm_find_area(struct mm *mm, uint32_t addr);
/* Remove [start, end) from the areas and unmap its pages (splitting areas). */
int mm_unmap(struct mm *mm, uint32_t start, uint32_t end);
int mm_protect(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot);
/* A free range of len bytes at hint if possible, else the highest one below USER_MMAP_TOP; 0 if none. */
uint32_t mm_find_free(struct mm *mm, uint32_t len, uint32_t hint);
/* Resolve a fault at addr: 0 when a page was mapped (retry), -EFAULT when the
 * access is not allowed (no area, or against its protection). */
int uvm_fault(struct mm *mm, uint32_t addr, bool write);
/* PTE flags for an area's protections. */
uint32_t prot_to_vmm(uint32_t prot);
/* ... for a page already mapped with old_flags (keeps copy-on-write). */
uint32_t page_flags(uint32_t prot, uint32_t old_flags);
/* A copy of mm's areas for a forked child (the pages are shared by
 * vmm_clone_user). NULL when out of memory. */
struct mm *mm_clone(const struct mm *mm);
/* Free the area list and mm itself, leaving the pages alone. */
void mm_free_areas(struct mm *mm);

#endif
