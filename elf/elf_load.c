/*
 * elf_load.c - put a checked ELF image's segments in place (see elf_load.h).
 *
 * Nothing is copied up front: each PT_LOAD becomes a memory area backed by
 * its file (an inode and an offset, as Linux's vm_file and vm_pgoff), and
 * a page is filled from the file's pages when first touched (a program
 * uses a fraction of its pages); the bss beyond the file bytes arrives as
 * zero pages the same way, however large it is. Each area holds a
 * reference to the inode, so the file outlives its last name while the
 * program runs.
 *
 * Two segments may share a page (the checker allows it when their bytes do
 * not overlap): an area has one backing, so such a page is filled eagerly
 * instead, with both segments' bytes, and gets an area of its own with the
 * union of their permissions. (Linux maps the later segment over the
 * shared page, so its permissions win; without NX, as here, both can
 * execute it, and the union also keeps the earlier segment readable.)
 * Only these pages - at most two per segment - are filled eagerly.
 */
#include "elf/elf_load.h"
#include "elf/elf32.h"
#include "fs/vfs.h"
#include "uapi/errno.h"
#include "kernel/string.h"
#include <stdbool.h>
#include "mm/layout.h"
#include "mm/tmt.h"
#include "mm/vmm.h"

static uint32_t pf_to_prot(uint32_t pf)
{
	return ((pf & PF_R) ? PROT_READ : 0) | ((pf & PF_W) ? PROT_WRITE : 0) |
	       ((pf & PF_X) ? PROT_EXEC : 0);
}

static uint32_t seg_first_page(const struct elf_segment *s) { return page_down(s->vaddr); }
static uint32_t seg_end_page(const struct elf_segment *s) { return page_up(s->vaddr + s->memsz); }

static bool seg_touches(const struct elf_segment *s, uint32_t va)
{
	return seg_first_page(s) <= va && va < seg_end_page(s);
}

/* How many segments touch the page at va, and the union of their permissions. */
static int page_users(const struct elf_image *img, uint32_t va, uint32_t *prot)
{
	int n = 0;
	*prot = 0;
	for (int i = 0; i < img->nseg; i++)
		if (seg_touches(&img->seg[i], va)) {
			*prot |= pf_to_prot(img->seg[i].flags);
			n++;
		}
	return n;
}

static bool page_shared(const struct elf_image *img, uint32_t va)
{
	uint32_t prot;
	return page_users(img, va, &prot) > 1;
}

/* A shared page's area (once: the first segment touching it adds it). */
static int add_shared_area(const struct elf_image *img, uint32_t va, struct mm *mm)
{
	uint32_t prot;
	page_users(img, va, &prot);
	return mm_find_area(mm, va) ? 0 : mm_add_area(mm, va, va + PAGE_SIZE, prot, VMA_ELF);
}

/* Segment s's areas: its shared first and last pages, the file-backed rest. */
static int add_segment(struct inode *file, const struct elf_image *img,
		       const struct elf_segment *s, struct mm *mm)
{
	uint32_t lo = seg_first_page(s), hi = seg_end_page(s);
	int err = 0;
	if (page_shared(img, lo)) {
		err = add_shared_area(img, lo, mm);
		lo += PAGE_SIZE;
	}
	if (!err && lo < hi && page_shared(img, hi - PAGE_SIZE)) {
		hi -= PAGE_SIZE;
		err = add_shared_area(img, hi, mm);
	}
	struct vma_backing back = { .file = file, .pgoff = s->offset >> PAGE_SHIFT,
				    .src_vaddr = s->vaddr, .src_len = s->filesz };
	if (!err && lo < hi)
		err = mm_add_backed_area(mm, lo, hi, pf_to_prot(s->flags), VMA_ELF, &back);
	return err;
}

int elf_add_areas(struct inode *file, const struct elf_image *img, struct mm *mm)
{
	int err = 0;
	for (int i = 0; i < img->nseg && !err; i++)
		err = add_segment(file, img, &img->seg[i], mm);
	return err;
}

/* Copy segment s's file bytes that fall in the user page at va into its
 * frame, mapped at kpage: through the kernel's own mapping, not va, since
 * under SMAP the kernel may not write a user page outside copy_to_user. */
static void copy_into_page(struct inode *file, const struct elf_segment *s, uint32_t va,
			   uint8_t *kpage)
{
	uint32_t lo = s->vaddr > va ? s->vaddr : va;
	uint32_t hi = s->vaddr + s->filesz < va + PAGE_SIZE ? s->vaddr + s->filesz : va + PAGE_SIZE;
	if (lo < hi)
		vfs_inode_read(file, kpage + (lo - va), hi - lo, s->offset + (lo - s->vaddr));
}

/* A fresh zeroed page at va with every touching segment's bytes, then the
 * union of their permissions (we are inside the new space: no double map). */
static int fill_shared_page(struct inode *file, const struct elf_image *img, uint32_t va,
			    struct mm *mm)
{
	uint32_t prot;
	if (pte_holds_frame(vmm_get_pte(va)))
		return 0;                            /* filled for an earlier segment */
	if (vmm_map_new(va, VMM_USER | VMM_WRITE) != 0)
		return -ENOMEM;
	mm->pages++;
	paddr_t pa;
	vmm_translate(va, &pa, NULL);
	uint8_t *kpage = tmt_map(pa);
	for (int i = 0; i < img->nseg; i++)
		copy_into_page(file, &img->seg[i], va, kpage);
	tmt_unmap(kpage);
	page_users(img, va, &prot);
	uvm_protect_page(va, prot);               /* PROT_NONE: not present */
	return 0;
}

int elf_fill_shared(struct inode *file, const struct elf_image *img, struct mm *mm)
{
	int err = 0;
	for (int i = 0; i < img->nseg && !err; i++) {
		const struct elf_segment *s = &img->seg[i];
		uint32_t ends[2] = { seg_first_page(s), seg_end_page(s) - PAGE_SIZE };
		for (int k = 0; k < 2 && !err; k++)
			if (page_shared(img, ends[k]))
				err = fill_shared_page(file, img, ends[k], mm);
	}
	return err;
}
