/*
 * foreign.c - the foreign window: edit an address space that is not the
 * current one (PDE 1022 of the current directory points at its directory).
 *
 * Because that directory's own PDE 1023 points at itself, installing it
 * makes its page tables appear at 0xFF800000 + i*4096 and the directory
 * at 0xFFBFF000 (mm/layout.h). Only vmm_lock holders use the window, and
 * it is installed for one operation at a time.
 *
 * TLB: the window's entries are not global, so reloading CR3 when a
 * different directory is installed drops every stale translation of the
 * window; the kernel half stays cached (global), so the reload is cheap.
 */
#include "mm/vmm_internal.h"
#include "mm/layout.h"
#include "mm/tmt.h"
#include "uapi/errno.h"
#include "kernel/string.h"
#include "kernel/x86.h"

static struct vm_space *installed;

void foreign_install(struct vm_space *s)
{
	KASSERT(spin_held(&vmm_lock));
	if (installed == s)
		return;
	self_pd()[FOREIGN_PDE] = s->pd | PDE_KTABLE_FLAGS;
	write_cr3(read_cr3());
	installed = s;
}

void foreign_remove(void)
{
	/* No flush: nothing reads the window until the next install flushes. */
	self_pd()[FOREIGN_PDE] = 0;
	installed = NULL;
}

int vmm_map_in(struct vm_space *s, uint32_t va, paddr_t pa, uint32_t flags)
{
	va &= PAGE_MASK;
	if (s == vmm_current() || va >= KERNEL_VBASE)   /* kernel tables are shared */
		return vmm_map(va, pa, flags);
	int err = 0;
	spin_lock(&vmm_lock);
	foreign_install(s);
	pte_t *pde = &foreign_pd()[pde_index(va)];
	if (!(*pde & PTE_P)) {
		paddr_t pt = frame_alloc();
		if (pt == FRAME_NONE) {
			err = -ENOMEM;
			goto out;
		}
		*pde = pt | PDE_TABLE_FLAGS;
		invlpg((uint32_t)foreign_pt(va));
		memset(foreign_pt(va), 0, PAGE_SIZE);
	}
	pte_t *pte = &foreign_pt(va)[pte_index(va)];
	if (pte_holds_frame(*pte))
		err = -EEXIST;
	else
		*pte = (pa & PTE_FRAME) | PTE_P | (flags & (PTE_W | PTE_U));
out:
	foreign_remove();
	spin_unlock(&vmm_lock);
	return err;
}

bool vmm_translate_in(struct vm_space *s, uint32_t va, paddr_t *pa, uint32_t *flags)
{
	if (s == vmm_current() || va >= KERNEL_VBASE)
		return vmm_translate(va, pa, flags);
	bool found = false;
	spin_lock(&vmm_lock);
	foreign_install(s);
	if (foreign_pd()[pde_index(va)] & PTE_P) {
		pte_t pte = foreign_pt(va)[pte_index(va)];
		if (pte & PTE_P) {
			found = true;
			if (pa)
				*pa = (pte & PTE_FRAME) | page_offset(va);
			if (flags)
				*flags = pte & PTE_FLAGS;
		}
	}
	foreign_remove();
	spin_unlock(&vmm_lock);
	return found;
}

/* Copy n page-table entries for fork: every frame becomes shared. A
 * private page is marked copy-on-write in both spaces whether or not it is
 * writable now (a later mprotect must not make the shared frame writable,
 * pte.h); a MAP_SHARED page stays as it is, writable in both. */
static void clone_entries(pte_t *parent, pte_t *child, uint32_t n)
{
	for (uint32_t j = 0; j < n; j++) {
		pte_t pte = parent[j];
		if (!pte_holds_frame(pte))
			continue;
		if (!(pte & PTE_SHARED))
			parent[j] = pte = pte_cow_protect(pte);
		child[j] = pte;
		frame_ref(pte & PTE_FRAME);
	}
}

/* The installed child's page table for va, made (empty) when missing;
 * NULL when out of memory. */
static pte_t *child_table(uint32_t va)
{
	pte_t *cpt = foreign_pt(va);
	if (foreign_pd()[pde_index(va)] & PTE_P)
		return cpt;
	paddr_t pt = frame_alloc();
	if (pt == FRAME_NONE)
		return NULL;
	foreign_pd()[pde_index(va)] = pt | PDE_TABLE_FLAGS;
	invlpg((uint32_t)cpt);
	page_clear(cpt);                     /* 256 SSE stores, not 1,024 */
	return cpt;
}

/* Copy [start, end) of the current space into the installed child, one
 * page table's share at a time; tables the parent lacks are skipped. */
static int clone_range(uint32_t start, uint32_t end)
{
	for (uint32_t va = start, stop; va < end; va = stop) {
		stop = table_stop(va, end);
		if (!(self_pd()[pde_index(va)] & PTE_P))
			continue;
		pte_t *cpt = child_table(va);
		if (!cpt)
			return -ENOMEM;
		clone_entries(self_pte(va), cpt + pte_index(va), (stop - va) / PAGE_SIZE);
	}
	return 0;
}

int vmm_clone_user(struct vm_space *child, vmm_range_fn next, void *ctx)
{
	int err = 0;
	uint32_t start, end;
	spin_lock(&vmm_lock);
	foreign_install(child);
	while (!err && next(ctx, &start, &end))
		err = clone_range(start, end);
	foreign_remove();
	write_cr3(read_cr3());               /* the parent's pages lost their W bit */
	spin_unlock(&vmm_lock);
	return err;
}

/* Clear the entries of [va, end) (inside one page table's span) that hold
 * a frame, dropping each frame's reference: how many. */
static uint32_t unmap_table_part(pte_t *pt, uint32_t va, uint32_t end, bool here)
{
	uint32_t n = 0;
	for (; va < end; va += PAGE_SIZE) {
		pte_t *pte = &pt[pte_index(va)];
		if (!pte_holds_frame(*pte))
			continue;
		frame_free(*pte & PTE_FRAME);
		*pte = 0;
		if (here)
			invlpg(va);
		n++;
	}
	return n;
}

uint32_t vmm_unmap_range_in(struct vm_space *s, uint32_t start, uint32_t end)
{
	bool here = s == vmm_current();
	uint32_t n = 0;
	KASSERT(end <= KERNEL_VBASE);           /* user pages: no address wraps below */
	/* One page table per lock hold: interrupts stay off for 1024 entries at most. */
	for (uint32_t va = start, stop; va < end; va = stop) {
		stop = (va & ~(PDE_SPAN - 1)) + PDE_SPAN;
		stop = stop < end ? stop : end;
		spin_lock(&vmm_lock);
		if (!here)
			foreign_install(s);
		pte_t *pd = here ? self_pd() : foreign_pd();
		if (pd[pde_index(va)] & PTE_P)
			n += unmap_table_part(here ? self_pt(va) : foreign_pt(va), va, stop, here);
		if (!here)
			foreign_remove();
		spin_unlock(&vmm_lock);
	}
	return n;
}
