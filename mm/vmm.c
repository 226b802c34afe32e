/*
 * vmm.c - page mappings in the current address space, and the list of
 * address spaces that kernel page tables are propagated to.
 *
 * All edits of the current space go through the self-map (mm/layout.h):
 * self_pd() is the directory, self_pt(va) the table covering va.
 * Locking: vmm_lock protects every directory and the space list; one lock
 * is enough while the kernel runs on one CPU.
 */
#include "mm/vmm.h"
#include "mm/vmm_internal.h"
#include "mm/kheap.h"
#include "mm/kimage.h"
#include "mm/layout.h"
#include "mm/tmt.h"
#include "uapi/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define CR4_PGE (1u << 7)

struct spinlock vmm_lock = SPINLOCK_INIT("vmm");
struct tlb_counts tlb_counts;            /* kernel/x86.h */
static struct vm_space kernel_space;
static struct vm_space *current_space = &kernel_space;
static uint32_t space_count = 1;

static bool is_kernel_va(uint32_t va) { return va >= KERNEL_VBASE; }

/* Global kernel mappings survive CR3 switches: the kernel half never changes. */
static uint32_t pte_flags_for(uint32_t va, uint32_t flags)
{
	return PTE_P | (flags & (PTE_W | PTE_U | PTE_AVL0 | PTE_AVL1 | PTE_AVL2)) |
	       (is_kernel_va(va) ? PTE_G : 0);
}

void vmm_init(void)
{
	kernel_space.pd = read_cr3() & PTE_FRAME;
	kernel_space.next = NULL;
	/* Cut the boot window down to the image (global entries), then turn
	 * PGE off and on: changing CR4.PGE flushes the whole TLB, global
	 * entries included (Intel SDM 4.10.4.1), so no translation of the old
	 * window survives, whatever GRUB left in CR4. */
	kimage_init();
	__asm__ volatile("mov %%cr4, %%eax; and %1, %%eax; mov %%eax, %%cr4; or %0, %%eax; mov %%eax, %%cr4"
			 : : "i"(CR4_PGE), "i"(~CR4_PGE) : "eax", "memory");
}

struct vm_space *vmm_kernel_space(void) { return &kernel_space; }
struct vm_space *vmm_current(void) { return current_space; }
uint32_t vmm_space_count(void) { return space_count; }

/* Write a new kernel-half PDE into every other space (current one done). */
static void propagate_kernel_pde(uint32_t index, pte_t pde)
{
	for (struct vm_space *s = &kernel_space; s; s = s->next) {
		if (s == current_space)
			continue;
		foreign_install(s);
		foreign_pd()[index] = pde;
	}
	foreign_remove();
}

/* Install a zeroed page table for va in the current space if it has none. */
static int ensure_table(uint32_t va)
{
	uint32_t i = pde_index(va);
	if (self_pd()[i] & PTE_P)
		return 0;
	if (i >= TMT_PDE)
		panic("vmm: no page table may be made for %08x (fixed window)", va);
	paddr_t pt = frame_alloc();
	if (pt == FRAME_NONE)
		return -ENOMEM;
	pte_t pde = pt | (is_kernel_va(va) ? PDE_KTABLE_FLAGS : PDE_TABLE_FLAGS);
	self_pd()[i] = pde;
	invlpg((uint32_t)self_pt(va));       /* the table's page in the self-map */
	if (is_kernel_va(va)) {
		memset(self_pt(va), 0, PAGE_SIZE);   /* from boot on, before SSE */
		propagate_kernel_pde(i, pde);
	} else {
		page_clear(self_pt(va));         /* a process's: 256 stores, not 1,024 */
	}
	return 0;
}

int vmm_map(uint32_t va, paddr_t pa, uint32_t flags)
{
	va &= PAGE_MASK;
	spin_lock(&vmm_lock);
	int err = ensure_table(va);
	if (!err && pte_holds_frame(*self_pte(va)))   /* a PROT_NONE page too */
		err = -EEXIST;
	if (!err)
		*self_pte(va) = (pa & PTE_FRAME) | pte_flags_for(va, flags);
	spin_unlock(&vmm_lock);
	return err;
}

int vmm_map_new(uint32_t va, uint32_t flags)
{
	paddr_t pa = frame_alloc();
	if (pa == FRAME_NONE)
		return -ENOMEM;
	frame_zero(pa);
	int err = vmm_map(va, pa, flags);
	if (err)
		frame_free(pa);
	return err;
}

paddr_t vmm_unmap(uint32_t va)
{
	va &= PAGE_MASK;
	paddr_t pa = FRAME_NONE;
	spin_lock(&vmm_lock);
	if ((self_pd()[pde_index(va)] & PTE_P) && pte_holds_frame(*self_pte(va))) {
		pa = *self_pte(va) & PTE_FRAME;
		*self_pte(va) = 0;
		invlpg(va);
	}
	spin_unlock(&vmm_lock);
	return pa;
}

void vmm_unmap_free(uint32_t va)
{
	paddr_t pa = vmm_unmap(va);
	if (pa != FRAME_NONE)
		frame_free(pa);
}

int vmm_protect(uint32_t va, uint32_t flags)
{
	va &= PAGE_MASK;
	int err = -EFAULT;
	spin_lock(&vmm_lock);
	if ((self_pd()[pde_index(va)] & PTE_P) && (*self_pte(va) & PTE_P)) {
		pte_t *pte = self_pte(va);
		*pte = (*pte & (PTE_FRAME | PTE_AVL0 | PTE_AVL1 | PTE_AVL2)) | pte_flags_for(va, flags);
		invlpg(va);
		err = 0;
	}
	spin_unlock(&vmm_lock);
	return err;
}

pte_t vmm_get_pte(uint32_t va)
{
	return (self_pd()[pde_index(va)] & PTE_P) ? *self_pte(va) : 0;
}

int vmm_set_pte(uint32_t va, pte_t pte)
{
	spin_lock(&vmm_lock);
	int err = ensure_table(va);
	if (!err) {
		pte_t old = *self_pte(va);
		*self_pte(va) = pte;
		if (old & PTE_P)                 /* x86 caches no not-present entry */
			invlpg(va);
	}
	spin_unlock(&vmm_lock);
	return err;
}

int vmm_reserve_tables(uint32_t start, uint32_t end)
{
	int err = 0;
	spin_lock(&vmm_lock);
	for (uint32_t va = start & ~(PDE_SPAN - 1); va < end && !err; va += PDE_SPAN)
		err = ensure_table(va);          /* user ranges end below 3 GiB: no wrap */
	spin_unlock(&vmm_lock);
	return err;
}

bool vmm_translate(uint32_t va, paddr_t *pa, uint32_t *flags)
{
	if (!(self_pd()[pde_index(va)] & PTE_P))
		return false;
	pte_t pte = *self_pte(va);
	if (!(pte & PTE_P))
		return false;
	if (pa)
		*pa = (pte & PTE_FRAME) | page_offset(va);
	if (flags)
		*flags = pte & PTE_FLAGS;
	return true;
}

int vmm_cow_break(uint32_t va)
{
	va &= PAGE_MASK;
	pte_t pte = *self_pte(va);
	paddr_t old = pte & PTE_FRAME;
	pte_t keep = (pte & PTE_FLAGS & ~PTE_COW) | PTE_W;
	if (frame_refcount(old) == 1) {          /* the other sharers are gone */
		*self_pte(va) = old | keep;
		invlpg(va);
		return 0;
	}
	paddr_t new = frame_alloc();
	if (new == FRAME_NONE)
		return -ENOMEM;
	frame_copy(new, old);
	spin_lock(&vmm_lock);
	*self_pte(va) = new | keep;
	invlpg(va);
	spin_unlock(&vmm_lock);
	frame_free(old);
	return 0;
}

/* Free the frames n page-table entries hold (the entries are left:
 * their table goes next). */
static void free_entries(const pte_t *pt, uint32_t n)
{
	for (uint32_t j = 0; j < n; j++)
		if (pte_holds_frame(pt[j]))
			frame_free(pt[j] & PTE_FRAME);
}

/* The index of the first non-zero entry of pd[i, end), or end: an empty
 * directory entry is 0. A user half is mostly empty (a static program
 * has 3 or 4 tables of 768), and a test per entry cost every fork + exit
 * + wait two walks of 768, 13,900 of its 54,500 instructions (8 ORed at
 * a time, 4,400); `repe scasl` is one counted instruction an entry. */
static uint32_t next_nonzero(const pte_t *pd, uint32_t i, uint32_t end)
{
	const pte_t *p = pd + i;
	uint32_t left = end - i;
	bool found;
	if (!left)
		return end;                   /* repe with ecx 0 leaves the flags as they were */
	__asm__("repe scasl" : "+D"(p), "+c"(left), "=@ccnz"(found) : "a"(0), "m"(*(const pte_t (*)[end - i])(pd + i)));
	return found ? end - left - 1 : end;
}

/* Free the user page table of directory entry i, if any (see below). */
static void free_user_table(pte_t *pd, uint32_t tables, uint32_t i, bool all_pages)
{
	pte_t pde = pd[i];
	if (!(pde & PTE_P))
		return;
	pte_t *pt = (pte_t *)(tables + i * PAGE_SIZE);
	if (all_pages)
		free_entries(pt, PT_ENTRIES);
	pd[i] = 0;
	invlpg((uint32_t)pt);
	frame_free(pde & PTE_FRAME);
}

/* Free the user page tables of the directory pd, whose tables appear from
 * tables on (the self-map, or the foreign window); with all_pages, also
 * every page they map (a space nobody walked the areas of). */
static void free_user_half(pte_t *pd, uint32_t tables, bool all_pages)
{
	for (uint32_t i = next_nonzero(pd, 0, KERNEL_PDE_FIRST); i < KERNEL_PDE_FIRST;
	     i = next_nonzero(pd, i + 1, KERNEL_PDE_FIRST))
		free_user_table(pd, tables, i, all_pages);
}

/* Free the pages of [start, end) in the current space. */
static void free_range(uint32_t start, uint32_t end)
{
	for (uint32_t va = start, stop; va < end; va = stop) {
		stop = table_stop(va, end);
		if (self_pd()[pde_index(va)] & PTE_P)
			free_entries(self_pte(va), (stop - va) / PAGE_SIZE);
	}
}

void vmm_free_user_tables(vmm_range_fn next, void *ctx)
{
	uint32_t start, end;
	spin_lock(&vmm_lock);
	while (next(ctx, &start, &end))
		free_range(start, end);
	free_user_half(self_pd(), SELF_BASE, false);
	write_cr3(read_cr3());               /* drop any user translation left */
	spin_unlock(&vmm_lock);
}

struct vm_space *vmm_space_create(void)
{
	struct vm_space *s = kmalloc(sizeof(*s));
	paddr_t pd = frame_alloc();
	if (!s || pd == FRAME_NONE) {
		kfree(s);
		if (pd != FRAME_NONE)
			frame_free(pd);
		return NULL;
	}
	/* Copy the kernel half and link the space in under one lock hold, so
	 * no kernel table made in between can be missed. */
	spin_lock(&vmm_lock);
	pte_t *dir = tmt_map(pd);
	memset(dir, 0, KERNEL_PDE_FIRST * sizeof(pte_t));
	memcpy(dir + KERNEL_PDE_FIRST, self_pd() + KERNEL_PDE_FIRST,
	       (FOREIGN_PDE - KERNEL_PDE_FIRST) * sizeof(pte_t));
	dir[FOREIGN_PDE] = 0;
	dir[SELF_PDE] = pd | PDE_KTABLE_FLAGS;
	tmt_unmap(dir);
	s->pd = pd;
	s->next = kernel_space.next;
	kernel_space.next = s;
	space_count++;
	spin_unlock(&vmm_lock);
	return s;
}

void vmm_space_switch(struct vm_space *s)
{
	uint32_t f = irq_save();
	current_space = s;
	write_cr3(s->pd);
	irq_restore(f);
}

void vmm_space_destroy(struct vm_space *s)
{
	if (s == current_space || s == &kernel_space)
		panic("vmm_space_destroy: cannot destroy the %s space",
		      s == &kernel_space ? "kernel" : "current");
	spin_lock(&vmm_lock);
	foreign_install(s);                  /* what the space's threads did not free */
	free_user_half(foreign_pd(), FOREIGN_BASE, true);
	foreign_remove();
	for (struct vm_space *p = &kernel_space; p; p = p->next)
		if (p->next == s) {
			p->next = s->next;
			break;
		}
	space_count--;
	spin_unlock(&vmm_lock);
	frame_free(s->pd);
	kfree(s);
}
