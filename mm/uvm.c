/*
 * uvm.c - user memory areas (see uvm.h). The list is short (a static
 * program has a handful of areas), so a sorted linked list is enough.
 */
#include "mm/uvm.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/pte.h"
#include "mm/tmt.h"
#include "mm/vmm.h"
#include "uapi/errno.h"
#include "kernel/string.h"

uint32_t prot_to_vmm(uint32_t prot)
{
	return VMM_USER | ((prot & PROT_WRITE) ? VMM_WRITE : 0);
}

/* The flags a present page gets for prot: a page still shared since fork
 * stays read-only (and marked) until a write fault copies it. */
uint32_t page_flags(uint32_t prot, uint32_t old_flags)
{
	if (old_flags & PTE_COW)
		return (prot_to_vmm(prot) & ~VMM_WRITE) | PTE_COW;
	return prot_to_vmm(prot);
}

struct mm *mm_create(void)
{
	return kzalloc(sizeof(struct mm));
}

struct vma *mm_find_area(struct mm *mm, uint32_t addr)
{
	for (struct vma *v = mm->vmas; v && v->start <= addr; v = v->next)
		if (addr < v->end)
			return v;
	return NULL;
}

static bool range_free(struct mm *mm, uint32_t start, uint32_t end)
{
	for (struct vma *v = mm->vmas; v; v = v->next)
		if (v->start < end && start < v->end)
			return false;
	return true;
}

/* Join neighbours that touch and agree, so brk and stack growth stay one area. */
static void merge_areas(struct mm *mm)
{
	for (struct vma *v = mm->vmas; v && v->next; ) {
		struct vma *n = v->next;
		if (v->end == n->start && v->prot == n->prot && v->kind == n->kind &&
		    memcmp(&v->back, &n->back, sizeof(v->back)) == 0) {
			v->end = n->end;
			v->next = n->next;
			kfree(n);
		} else {
			v = n;
		}
	}
}

int mm_add_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot, enum vma_kind kind)
{
	static const struct vma_backing none;
	return mm_add_backed_area(mm, start, end, prot, kind, &none);
}

int mm_add_backed_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot,
		       enum vma_kind kind, const struct vma_backing *back)
{
	if (start >= end || end > USER_TOP || start < USER_BASE || !range_free(mm, start, end))
		return -ENOMEM;
	struct vma *v = kmalloc(sizeof(*v));
	if (!v)
		return -ENOMEM;
	*v = (struct vma){ start, end, prot, kind, *back, NULL };
	struct vma **pp = &mm->vmas;
	while (*pp && (*pp)->start < start)
		pp = &(*pp)->next;
	v->next = *pp;
	*pp = v;
	merge_areas(mm);
	return 0;
}

/* Unmap and free the pages of [start, end) in the current space, skipping
 * 4 MiB at a time where there is no page table. */
static void unmap_pages(struct mm *mm, uint32_t start, uint32_t end)
{
	for (uint32_t va = start; va < end && va >= start; ) {
		if (!(self_pd()[pde_index(va)] & PTE_P)) {
			va = (va & ~(PDE_SPAN - 1)) + PDE_SPAN;
			continue;
		}
		paddr_t pa = (*self_pte(va) & PTE_P) ? vmm_unmap(va) : FRAME_NONE;
		if (pa != FRAME_NONE) {
			frame_free(pa);
			mm->pages--;
		}
		va += PAGE_SIZE;
	}
}

/* Split the area containing addr (strictly inside it) into two at addr. */
static int split_at(struct mm *mm, uint32_t addr)
{
	struct vma *v = mm_find_area(mm, addr);
	if (!v || v->start == addr)
		return 0;
	struct vma *n = kmalloc(sizeof(*n));
	if (!n)
		return -ENOMEM;
	*n = *v;
	n->start = addr;
	v->end = addr;
	v->next = n;
	return 0;
}

int mm_unmap(struct mm *mm, uint32_t start, uint32_t end)
{
	if (split_at(mm, start) || split_at(mm, end))
		return -ENOMEM;
	for (struct vma **pp = &mm->vmas; *pp; ) {
		struct vma *v = *pp;
		if (v->start >= start && v->end <= end) {
			*pp = v->next;
			kfree(v);
		} else {
			pp = &v->next;
		}
	}
	unmap_pages(mm, start, end);
	return 0;
}

int mm_protect(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot)
{
	/* Linux refuses the whole call if any page of the range has no area. */
	for (uint32_t a = start; a < end; ) {
		struct vma *v = mm_find_area(mm, a);
		if (!v)
			return -ENOMEM;
		a = v->end;
	}
	if (split_at(mm, start) || split_at(mm, end))
		return -ENOMEM;
	for (struct vma *v = mm->vmas; v; v = v->next)
		if (v->start >= start && v->end <= end)
			v->prot = prot;
	for (uint32_t va = start; va < end; va += PAGE_SIZE) {
		uint32_t flags;
		if (vmm_translate(va, NULL, &flags))
			vmm_protect(va, page_flags(prot, flags));
	}
	merge_areas(mm);
	return 0;
}

uint32_t mm_find_free(struct mm *mm, uint32_t len, uint32_t hint)
{
	hint &= PAGE_MASK;
	if (hint >= USER_BASE && hint + len > hint && hint + len <= USER_MMAP_TOP &&
	    range_free(mm, hint, hint + len))
		return hint;
	/* Top down from USER_MMAP_TOP, as Linux's legacy-free layout does. */
	uint32_t top = USER_MMAP_TOP;
	for (;;) {
		if (top < len + USER_BASE)
			return 0;
		uint32_t start = top - len;
		struct vma *clash = NULL;
		for (struct vma *v = mm->vmas; v; v = v->next)
			if (v->start < top && start < v->end)
				clash = v;               /* the highest overlapping area */
		if (!clash)
			return start;
		top = clash->start;
	}
}

/* A fresh page's contents: zeros, with back's bytes where they overlap it. */
static void fill_page(paddr_t pa, uint32_t page, const struct vma_backing *b)
{
	uint8_t *p = tmt_map(pa);
	uint32_t lo = page, hi = page + PAGE_SIZE;
	if (b->src && b->src_vaddr > lo)
		lo = b->src_vaddr;
	if (b->src && b->src_vaddr + b->src_len < hi)
		hi = b->src_vaddr + b->src_len;
	if (!b->src || lo >= hi) {
		memset(p, 0, PAGE_SIZE);
	} else {
		memset(p, 0, lo - page);
		memcpy(p + (lo - page), b->src + (lo - b->src_vaddr), hi - lo);
		memset(p + (hi - page), 0, page + PAGE_SIZE - hi);
	}
	tmt_unmap(p);
}

int uvm_fault(struct mm *mm, uint32_t addr, bool write)
{
	struct vma *v = mm ? mm_find_area(mm, addr) : NULL;
	if (!v || (write && !(v->prot & PROT_WRITE)) || v->prot == PROT_NONE)
		return -EFAULT;
	uint32_t flags;
	if (vmm_translate(addr, NULL, &flags)) {
		/* Present: only a write to a page shared since fork is fixable. */
		if (write && (flags & PTE_COW))
			return vmm_cow_break(addr);
		return -EFAULT;
	}
	paddr_t pa = frame_alloc();
	if (pa == FRAME_NONE)
		return -ENOMEM;
	fill_page(pa, addr & PAGE_MASK, &v->back);
	if (vmm_map(addr & PAGE_MASK, pa, prot_to_vmm(v->prot)) != 0) {
		frame_free(pa);
		return -ENOMEM;
	}
	mm->pages++;
	return 0;
}

void mm_free_areas(struct mm *mm)
{
	while (mm->vmas) {
		struct vma *v = mm->vmas;
		mm->vmas = v->next;
		kfree(v);
	}
	kfree(mm);
}

void mm_destroy(struct mm *mm)
{
	if (!mm)
		return;
	vmm_free_user_tables();          /* frees every user page with its table */
	mm_free_areas(mm);
}

struct mm *mm_clone(const struct mm *mm)
{
	struct mm *c = mm_create();
	if (!c)
		return NULL;
	c->brk_start = mm->brk_start;
	c->brk = mm->brk;
	c->pages = mm->pages;
	struct vma **tail = &c->vmas;
	for (const struct vma *v = mm->vmas; v; v = v->next) {
		struct vma *n = kmalloc(sizeof(*n));
		if (!n) {
			mm_free_areas(c);
			return NULL;
		}
		*n = *v;
		n->next = NULL;
		*tail = n;
		tail = &n->next;
	}
	return c;
}
