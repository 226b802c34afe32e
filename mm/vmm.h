/*
 * vmm.h - address spaces and page mappings: the contract for everyone else.
 *
 * Each address space is one page directory. Its PDE 1023 points at itself
 * (the recursive self-map), so the current space's tables are edited through
 * fixed virtual addresses (mm/layout.h) and never need mapping in.
 * PDEs 768-1021 (the kernel half, with the TMT) are identical in every space:
 * a new kernel page table is written into every directory when it is made
 * (docs/memory.md, "Kernel page tables").
 *
 * Editing a space that is not current is the exception: fork-like copies
 * and kernel page-table propagation do it through the foreign window
 * (PDE 1022), always under the VMM lock. A new process is not built that
 * way: its first thread switches into the fresh space and fills it itself.
 */
#ifndef MM_VMM_H
#define MM_VMM_H

#include "mm/frame.h"
#include "mm/pte.h"
#include <stdbool.h>
#include <stdint.h>

/* Mapping flags: a subset of the PTE bits. */
#define VMM_WRITE  PTE_W
#define VMM_USER   PTE_U

struct vm_space {
	paddr_t pd;                  /* physical address of the page directory */
	struct vm_space *next;       /* all spaces, for kernel-table propagation */
};

void vmm_init(void);

/* --- the current address space, through the self-map --- */
/* Map one page; page tables are allocated as needed. 0, -ENOMEM, or -EEXIST
 * when va is already mapped. Kernel-half mappings are made global. */
int vmm_map(uint32_t va, paddr_t pa, uint32_t flags);
/* Allocate a zeroed frame and map it. 0 or -ENOMEM (nothing left mapped). */
int vmm_map_new(uint32_t va, uint32_t flags);
/* Remove a mapping (present, or a PROT_NONE user page); returns the frame
 * it had (not freed) or FRAME_NONE. */
paddr_t vmm_unmap(uint32_t va);
/* Unmap and drop the frame's reference. */
void vmm_unmap_free(uint32_t va);
/* Change a mapping's flags; -EFAULT when va is not mapped. */
int vmm_protect(uint32_t va, uint32_t flags);
/* The raw entry for va (present or not); 0 when there is no table. */
uint32_t vmm_get_pte(uint32_t va);
/* Write va's entry as given (a user page: mm/uvm.c decides its bits), making
 * the table if needed, and flush the old translation. 0 or -ENOMEM. */
int vmm_set_pte(uint32_t va, uint32_t pte);
/* Make every page table [start, end) needs, so that later vmm_set_pte calls
 * there cannot fail. 0 or -ENOMEM (the tables made so far stay). */
int vmm_reserve_tables(uint32_t start, uint32_t end);
/* The frame and flags va maps to; false when unmapped. */
bool vmm_translate(uint32_t va, paddr_t *pa, uint32_t *flags);

/* The user ranges a space uses, in address order, for the calls below
 * that walk only those (as Linux walks the areas, not the tables): each
 * call sets the next page-aligned [*start, *end) or returns false. Called
 * under the VMM lock: it may only read memory. */
typedef bool (*vmm_range_fn)(void *ctx, uint32_t *start, uint32_t *end);

/* Free every user page in the ranges next gives, then every user page
 * table, of the current space. No page may be mapped outside the ranges
 * (the areas' rule, mm/uvm.h). Used by process exit and execve. */
void vmm_free_user_tables(vmm_range_fn next, void *ctx);

/* --- address spaces --- */
struct vm_space *vmm_kernel_space(void);
struct vm_space *vmm_current(void);
/* A new space: empty user half, the shared kernel half. NULL on no memory. */
struct vm_space *vmm_space_create(void);
void vmm_space_switch(struct vm_space *s);
/* Free a space that is not current: its user pages, tables and directory. */
void vmm_space_destroy(struct vm_space *s);
/* Number of spaces alive (including the kernel's). */
uint32_t vmm_space_count(void);

/* --- copy on write --- */
/* Give child (new, empty user half) the current space's user pages in the
 * ranges next gives, shared:
 * every writable page becomes read-only + PTE_COW in both, and each shared
 * frame gains a reference. Built through the foreign window. 0 or -ENOMEM
 * (then child holds whatever was copied; destroying it frees that). */
int vmm_clone_user(struct vm_space *child, vmm_range_fn next, void *ctx);
/* A write hit a PTE_COW page of the current space: give it its own frame
 * (or take the frame over if nobody else shares it) and make it writable.
 * 0, or -ENOMEM. */
int vmm_cow_break(uint32_t va);

/* --- the foreign window: another space's tables, under the VMM lock --- */
/* Map one page into s (current or not). Same results as vmm_map. */
int vmm_map_in(struct vm_space *s, uint32_t va, paddr_t pa, uint32_t flags);
/* Translate in s (current or not). */
bool vmm_translate_in(struct vm_space *s, uint32_t va, paddr_t *pa, uint32_t *flags);
/* Unmap every user page of [start, end) in s (current or not) that holds
 * a frame, dropping its reference (a truncated file's pages leaving every
 * space that maps them): how many there were. */
uint32_t vmm_unmap_range_in(struct vm_space *s, uint32_t start, uint32_t end);

#endif
