/*
 * fuzz_elf.c - libFuzzer harness for the ELF checker (elf/elf_check.c), the
 * part of the loader that reads an untrusted file before anything is
 * mapped. Each input is a whole file: elf_check must not read outside it
 * (ASan), and what it accepts must keep the loader's promises: every
 * segment's file bytes inside the file, its memory inside user space below
 * the stack, no two segments overlapping, the entry in an executable one.
 * An ET_DYN keeps them once elf_relocate has placed it at a load base
 * (when it fits there; its unplaced addresses may start at 0).
 * The same input is also checked through elf_check_head with a short head
 * (what exec reads first), which must never accept what the whole refuses.
 * Built by `make fuzz` (tests/fuzz/fuzz.mk).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elf/elf_check.h"
#include "mm/layout.h"

#define HEAD_LEN 512                  /* a head shorter than most seeds */

static void check_promises(const struct elf_image *im, size_t size)
{
	int exec_entry = 0;
	for (int i = 0; i < im->nseg; i++) {
		const struct elf_segment *s = &im->seg[i];
		/* An empty file range is inside wherever it starts (a bss-only
		 * segment's p_offset may lie past the end: Linux maps it too). */
		if (s->filesz > s->memsz || (s->filesz && (s->offset > size || s->filesz > size - s->offset)))
			abort();
		if (s->vaddr < USER_BASE || s->memsz > USER_TOP - s->vaddr)
			abort();
		for (int j = 0; j < i; j++) {
			const struct elf_segment *t = &im->seg[j];
			if (s->vaddr < t->vaddr + t->memsz && t->vaddr < s->vaddr + s->memsz)
				abort();
		}
		if (im->entry - s->vaddr < s->memsz && (s->flags & 1 /* PF_X */))
			exec_entry = 1;
	}
	if (im->nseg < 1 || !exec_entry || im->brk_start > USER_TOP)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_image whole, head;
	/* An exact-size heap copy: one byte past the file is a redzone. */
	uint8_t *file = malloc(size ? size : 1);
	memcpy(file, data, size);
	int r = elf_check(file, (uint32_t)size, &whole);
	uint32_t bias;
	if (r == 0 && (!whole.dyn || elf_relocate(&whole, ELF_ET_DYN_BASE, &bias) == 0))
		check_promises(&whole, size);
	int h = elf_check_head(file, size < HEAD_LEN ? (uint32_t)size : HEAD_LEN, (uint32_t)size, &head);
	if (h == 0 && r != 0 && size <= HEAD_LEN)
		abort();                      /* the same bytes, another verdict */
	free(file);
	return 0;
}
