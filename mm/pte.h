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
#define PTE_AVL0     0x200u   /* free for the OS: used by mm/kheap.c */
#define PTE_AVL1     0x400u
#define PTE_AVL2     0x800u
#define PTE_COW      PTE_AVL2 /* user page shared read-only after fork: copy on write */
#define PTE_FLAGS    0xfffu
#define PTE_FRAME    0xfffff000u

/* A page directory entry pointing at a page table: the table's own entries
 * decide user/write access, so the directory grants the maximum. */
#define PDE_TABLE_FLAGS  (PTE_P | PTE_W | PTE_U)
#define PDE_KTABLE_FLAGS (PTE_P | PTE_W)

#endif
