/*
 * pte.h - bits of x86 page-directory and page-table entries (Intel SDM
 * vol. 3, tables 4-5 and 4-6), and the three bits left for the OS.
 */
#ifndef MM_PTE_H
#define MM_PTE_H

#define PTE_P        0x001u   /* present */
#define PTE_W        0x002u   /* writable */
#define PTE_U        0x004u   /* user accessible */
#define PTE_PWT      0x008u
#define PTE_PCD      0x010u
#define PTE_A        0x020u   /* accessed */
#define PTE_D        0x040u   /* dirty */
#define PTE_G        0x100u   /* global: survives CR3 reloads (needs CR4.PGE) */
#define PTE_AVL0     0x200u   /* free for the OS: mm/kheap.c's kernel pages, and user pages below */
#define PTE_AVL1     0x400u
#define PTE_AVL2     0x800u

/* What the OS bits mean in a user page's entry (mm/uvm.c sets them, fork's
 * clone_table honours them):
 *   PTE_COW       a private page whose frame fork shared: never writable;
 *                 a write fault copies it (or takes it over when alone).
 *   PTE_SHARED    a page of a MAP_SHARED area: fork shares it writable.
 *   PTE_PROTNONE  a PROT_NONE page: not present (i386 has no NX, so
 *                 "present" would mean readable), yet the frame is kept in
 *                 the entry so that mprotect back finds the data. */
#define PTE_SHARED   PTE_AVL0
#define PTE_PROTNONE PTE_AVL1
#define PTE_COW      PTE_AVL2
#define PTE_FLAGS    0xfffu
#define PTE_FRAME    0xfffff000u

/* A page directory entry pointing at a page table: the table's own entries
 * decide user/write access, so the directory grants the maximum. */
#define PDE_TABLE_FLAGS  (PTE_P | PTE_W | PTE_U)
#define PDE_KTABLE_FLAGS (PTE_P | PTE_W)

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

/* A user entry holds a frame when it is present or PROT_NONE. */
static inline bool pte_holds_frame(uint32_t pte) { return pte & (PTE_P | PTE_PROTNONE); }

/* The rule for a frame that two spaces share: write-protected and marked,
 * whatever the area allows, until a write fault breaks the sharing. The
 * only place a user entry loses PTE_W for sharing (fork, and mm/uvm.c's
 * user_pte for an entry already marked). */
static inline uint32_t pte_cow_protect(uint32_t pte) { return (pte & ~PTE_W) | PTE_COW; }
#endif

#endif
