/*
 * elf_load.c - put a checked ELF image's segments in place (see elf_load.h).
 *
 * Normally nothing is copied here: each PT_LOAD becomes a memory area
 * backed by its file bytes, and a page is filled when first touched (a
 * program uses a fraction of its pages). The file stays in the initramfs,
 * which is never freed, so the backing stays valid.
 * Two segments may share a page (the checker allows it when their bytes do
 * not overlap); such an image is loaded eagerly instead: pages are mapped
 * writable, the file bytes copied straight to their user addresses (we are
 * inside the new space: no double mapping), then each page gets the union
 * of its segments' permissions. (Linux maps the later segment over the
 * shared page, so its permissions win; without NX, as here, both can
 * execute it, and the union also keeps the earlier segment readable.)
 */
#include "elf/elf_load.h"
#include "elf/elf32.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include <stdbool.h>
#include "mm/layout.h"
#include "mm/vmm.h"


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

static bool segments_share_a_page(const struct elf_image *img)
{
	for (int i = 0; i < img->nseg; i++)
		for (int j = i + 1; j < img->nseg; j++) {
			const struct elf_segment *a = &img->seg[i], *b = &img->seg[j];
			if (page_down(a->vaddr) < page_up(b->vaddr + b->memsz) &&
			    page_down(b->vaddr) < page_up(a->vaddr + a->memsz))
				return true;
		}
	return false;
}

static int load_lazily(const uint8_t *data, const struct elf_image *img, struct mm *mm)
{
	for (int i = 0; i < img->nseg; i++) {
		const struct elf_segment *s = &img->seg[i];
		struct vma_backing back = { data + s->offset, s->vaddr, s->filesz };
		int err = mm_add_backed_area(mm, page_down(s->vaddr), page_up(s->vaddr + s->memsz),
					     pf_to_prot(s->flags), VMA_ELF, &back);
		if (err)
			return err;
	}
	return 0;
}

static int load_eagerly(const uint8_t *data, const struct elf_image *img, struct mm *mm)
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
	return 0;
}

int elf_load(const uint8_t *data, const struct elf_image *img, struct mm *mm)
{
	int err = segments_share_a_page(img) ? load_eagerly(data, img, mm) : load_lazily(data, img, mm);
	mm->brk_start = mm->brk = img->brk_start;
	return err;
}
