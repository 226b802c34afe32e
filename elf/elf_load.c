/*
 * elf_load.c - put a checked ELF image's segments in place (see elf_load.h).
 *
 * Pages are mapped writable first so the file bytes can be copied straight
 * to their user addresses (we are inside the new space: no double mapping),
 * then given their final protection. Two segments may share a page (the
 * checker allows it when their bytes do not overlap): the page then gets
 * the union of their permissions, as Linux gives it.
 */
#include "elf/elf_load.h"
#include "elf/elf32.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "mm/layout.h"
#include "mm/vmm.h"

static uint32_t page_down(uint32_t a) { return a & PAGE_MASK; }
static uint32_t page_up(uint32_t a) { return (a + PAGE_SIZE - 1) & PAGE_MASK; }

static uint32_t pf_to_prot(uint32_t pf)
{
	return ((pf & PF_R) ? PROT_READ : 0) | ((pf & PF_W) ? PROT_WRITE : 0) |
	       ((pf & PF_X) ? PROT_EXEC : 0);
}

/* The protection of the page at va: the union over the segments touching it. */
static uint32_t page_prot(const struct elf_image *img, uint32_t va)
{
	uint32_t prot = 0;
	for (int i = 0; i < img->nseg; i++) {
		const struct elf_segment *s = &img->seg[i];
		if (page_down(s->vaddr) <= va && va < page_up(s->vaddr + s->memsz))
			prot |= pf_to_prot(s->flags);
	}
	return prot;
}

static int map_segment(const uint8_t *data, const struct elf_segment *s, struct mm *mm)
{
	for (uint32_t va = page_down(s->vaddr); va < page_up(s->vaddr + s->memsz); va += PAGE_SIZE) {
		if (vmm_translate(va, NULL, NULL))
			continue;                    /* shared with the previous segment */
		if (vmm_map_new(va, VMM_USER | VMM_WRITE) != 0)
			return -ENOMEM;
		mm->pages++;
	}
	memcpy((void *)s->vaddr, data + s->offset, s->filesz);
	return 0;
}

int elf_load(const uint8_t *data, const struct elf_image *img, struct mm *mm)
{
	for (int i = 0; i < img->nseg; i++) {
		int err = map_segment(data, &img->seg[i], mm);
		if (err)
			return err;
	}
	/* Final protections and the areas, page by page (segments are few). */
	for (int i = 0; i < img->nseg; i++) {
		const struct elf_segment *s = &img->seg[i];
		for (uint32_t va = page_down(s->vaddr); va < page_up(s->vaddr + s->memsz); va += PAGE_SIZE) {
			uint32_t prot = page_prot(img, va);
			vmm_protect(va, prot_to_vmm(prot));
			if (!mm_find_area(mm, va) && mm_add_area(mm, va, va + PAGE_SIZE, prot, VMA_ELF) != 0)
				return -ENOMEM;
		}
	}
	mm->brk_start = mm->brk = img->brk_start;
	return 0;
}
