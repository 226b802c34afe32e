/*
 * layout.h - the kernel's whole virtual address map, in one place.
 *
 * Every fixed virtual address the kernel uses is named here, and every piece
 * of address arithmetic on them (recursive self-map, transient mapping table,
 * foreign window) is done by the helpers at the bottom of this file, so no
 * caller re-derives it. docs/memory.md explains the numbers.
 *
 *   0x00000000-0x00000fff  never mapped (NULL)
 *   0x00001000-0xbfffffff  user space (PDEs 0-767); the top 8 MiB are the stack area
 *   0xc0000000-0xc07fffff  the boot window (PDEs 768-769): after vmm_init only
 *                          the VGA text page (VGA_TEXT_VADDR) and the kernel
 *                          image (text+rodata read-only, data+bss read-write,
 *                          thread 0's stack guard page unmapped) stay mapped
 *   0xc7c00000-0xc7ffffff  copy windows: page-cache frames a user copy crosses
 *   0xc8000000-0xcfffffff  boot modules (the initramfs), mapped read-only
 *   0xd0000000-0xefffffff  kernel heap (grows on demand)
 *   0xf0000000-0xfdffffff  kernel stacks, each below an unmapped guard page
 *   0xfe000000-0xff3fffff  frame allocator metadata: free stack + refcounts
 *   0xff400000-0xff7fffff  transient mapping table (PDE 1021)
 *   0xff800000-0xffbfffff  foreign window (PDE 1022)
 *   0xffc00000-0xffffffff  recursive self-map (PDE 1023)
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include <stdint.h>

#define PAGE_SIZE        4096u
#define PAGE_SHIFT       12
#define PAGE_MASK        (~(PAGE_SIZE - 1))
#define PT_ENTRIES       1024u             /* entries per directory or table */
#define PDE_SPAN         (PT_ENTRIES * PAGE_SIZE) /* 4 MiB covered by one PDE */

#define USER_BASE        0x00001000u
#define USER_TOP         0xc0000000u       /* first address user space may not touch */
#define USER_STACK_TOP   USER_TOP          /* the initial stack grows down from here */
#define USER_STACK_MAX   (8u << 20)        /* RLIMIT_STACK, as Linux's default */
#define USER_STACK_BOTTOM (USER_STACK_TOP - USER_STACK_MAX) /* the stack area's start */
#define ELF_ET_DYN_BASE  0x00400000u       /* a PIE's (ET_DYN program's) load base, as Linux i386's */

#define KERNEL_VBASE     0xc0000000u       /* virtual address of physical 0 */
#define KERNEL_PHYS_LOAD 0x00100000u       /* GRUB loads the image at 1 MiB */
#define KERNEL_BOOT_MAP  0x00800000u       /* physical bytes the boot code maps */
#define KERNEL_PDE_FIRST 768u              /* first directory entry of the kernel half */

/* The one page of low memory the kernel keeps mapped, on purpose: VGA text
 * memory (an I/O hole, never RAM the frame allocator owns), at the address
 * the boot map already gave it. Everything else below the image is not. */
#define VGA_TEXT_PHYS    0x000b8000u
#define VGA_TEXT_VADDR   (KERNEL_VBASE + VGA_TEXT_PHYS)

#define COPYWIN_BASE     0xc7c00000u       /* one page table: 4 MiB below the modules */
#define COPYWIN_PAGES    16u               /* frames one window maps (a 64 KiB read) */
#define COPYWIN_COUNT    32u               /* windows, each held by one thread */
#define KMODULE_BASE     0xc8000000u
#define KMODULE_END      0xd0000000u
#define KHEAP_BASE       0xd0000000u
#define KHEAP_END        0xf0000000u
#define KSTACK_BASE      0xf0000000u
#define KSTACK_END       0xfe000000u
#define FRAME_META_BASE  0xfe000000u
#define FRAME_META_END   0xff400000u

#define TMT_PDE          1021u
#define TMT_BASE         0xff400000u       /* TMT_PDE * PDE_SPAN */
#define TMT_SLOTS        1024u

#define FOREIGN_PDE      1022u
#define FOREIGN_BASE     0xff800000u       /* foreign page tables */
#define FOREIGN_PD       0xffbff000u       /* FOREIGN_BASE + FOREIGN_PDE * PAGE_SIZE */

#define SELF_PDE         1023u
#define SELF_BASE        0xffc00000u       /* current page tables */
#define SELF_PD          0xfffff000u       /* SELF_BASE + SELF_PDE * PAGE_SIZE */

#ifndef __ASSEMBLER__
typedef uint32_t pte_t;

/* Page rounding: every file uses these, none re-derives them. */
static inline uint32_t page_down(uint32_t a) { return a & PAGE_MASK; }
static inline uint32_t page_up(uint32_t a) { return (a + PAGE_SIZE - 1) & PAGE_MASK; }
static inline uint64_t page_up64(uint64_t a) { return (a + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1); }
static inline uint32_t page_offset(uint32_t a) { return a & ~PAGE_MASK; }

static inline uint32_t pde_index(uint32_t va) { return va >> 22; }
static inline uint32_t pte_index(uint32_t va) { return (va >> 12) & (PT_ENTRIES - 1); }

/* Where the walk of [va, end) leaves va's page table: the next 4 MiB
 * boundary, or end when that comes first. */
static inline uint32_t table_stop(uint32_t va, uint32_t end)
{
	uint32_t stop = (va | (PDE_SPAN - 1)) + 1;   /* 0 past the top of memory */
	return stop == 0 || stop > end ? end : stop;
}

/* A kernel image address (code, data, bss) -> physical. There is no way
 * back: no physical frame is mapped at KERNEL_VBASE + its address except the
 * image's own and the VGA page (no direct map; the TMT reaches the rest). */
static inline uint32_t virt_to_phys_boot(const void *p) { return (uint32_t)(uintptr_t)p - KERNEL_VBASE; }

/*
 * Recursive self-map: PDE 1023 points at the directory itself, so the MMU
 * treats the directory as the page table of the top 4 MiB. Page table n of
 * the current space then appears at SELF_BASE + n*4096, and the directory
 * (which is "page table 1023") at SELF_PD.
 */
static inline pte_t *self_pd(void) { return (pte_t *)(uintptr_t)SELF_PD; }
static inline pte_t *self_pt(uint32_t va) { return (pte_t *)(uintptr_t)(SELF_BASE + pde_index(va) * PAGE_SIZE); }
static inline pte_t *self_pte(uint32_t va) { return self_pt(va) + pte_index(va); }

/* The same arithmetic for a directory installed in the foreign window. */
static inline pte_t *foreign_pd(void) { return (pte_t *)(uintptr_t)FOREIGN_PD; }
static inline pte_t *foreign_pt(uint32_t va) { return (pte_t *)(uintptr_t)(FOREIGN_BASE + pde_index(va) * PAGE_SIZE); }

/* TMT slot n maps its frame at TMT_BASE + n*4096; its PTE is in page table 1021. */
static inline void *tmt_slot_addr(uint32_t slot) { return (void *)(uintptr_t)(TMT_BASE + slot * PAGE_SIZE); }
#endif

#endif
