/*
 * test_elf_check.c - host unit tests for the ELF checker (elf/elf_check.c):
 * files it must accept. Variations on the valid image of elf_builder.h
 * (segment order, shared pages, empty and bss-only loads, the limits on
 * segments and program headers, the edges of user space, PT_GNU_STACK,
 * PT_INTERP, PT_TLS, PT_PHDR, where the table lies, flags, alignment, an
 * unaligned image), each checked for what the checker reports, and a real
 * binary. Files it must refuse are in test_elf_check_malformed.c.
 *
 * test_real_sample checks a real static binary named by $ELF_SAMPLE, and
 * every truncation of it that cuts into a segment; it is left out when
 * that is unset.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "elf/elf32.h"
#include "elf/elf_check.h"
#include "uapi/errno.h"
#include "mm/layout.h"
#include "tests/unit/elf_builder.h"

#define SAMPLE_MAX   (64u << 20)        /* biggest $ELF_SAMPLE we read */
#define PREFIX_STEP  4099u              /* stride for truncating the sample */

/* ---- valid files ---- */

static void test_valid_minimal(void **state)
{
	struct elf_image out;

	(void)state;
	build(2);
	expect_ok(&out);
	assert_int_equal(out.entry, ENTRY);
	assert_int_equal(out.phdr_vaddr, TEXT_VADDR + PHOFF);
	assert_int_equal(out.phnum, 2);
	assert_int_equal(out.phentsize, PHDR_SIZE);
	assert_int_equal(out.nseg, 2);
	assert_int_equal(out.seg[0].vaddr, TEXT_VADDR);
	assert_int_equal(out.seg[0].memsz, TEXT_SIZE);
	assert_int_equal(out.seg[0].filesz, TEXT_SIZE);
	assert_int_equal(out.seg[0].offset, 0);
	assert_int_equal(out.seg[0].flags, PF_R | PF_X);
	assert_int_equal(out.seg[1].vaddr, DATA_VADDR);
	assert_int_equal(out.seg[1].memsz, DATA_MEMSZ);
	assert_int_equal(out.seg[1].filesz, DATA_FILESZ);
	assert_int_equal(out.seg[1].offset, DATA_OFF);
	assert_int_equal(out.seg[1].flags, PF_R | PF_W);
	assert_int_equal(out.brk_start, BRK);
	assert_true(out.exec_stack);            /* no PT_GNU_STACK: Linux i386 default */
	assert_false(out.has_interp);
	assert_int_equal(out.tls_vaddr, 0);
	assert_int_equal(out.tls_memsz, 0);
}

/* Segments kept in file order, even when that is not address order. */
static void test_valid_file_order_kept(void **state)
{
	struct elf_image out;

	(void)state;
	build(3);
	set_ph(2, PT_LOAD, 0, 0x00400000u, 0, 0x10, PF_R, PAGE_SIZE);
	expect_ok(&out);
	assert_int_equal(out.nseg, 3);
	assert_int_equal(out.seg[2].vaddr, 0x00400000u);
	assert_int_equal(out.brk_start, BRK);   /* the highest end, not the last */
}

/* Two segments may share a page as long as they share no byte. */
static void test_valid_shared_page(void **state)
{
	struct elf_image out;

	(void)state;
	build(2);
	/* Data starts in the page where text ends (file offset == vaddr offset). */
	ph(DATA_IX)->p_vaddr = TEXT_VADDR + DATA_OFF;
	expect_ok(&out);
	assert_int_equal(out.seg[1].vaddr, TEXT_VADDR + TEXT_SIZE);  /* touching exactly */
	assert_int_equal(out.brk_start, TEXT_VADDR + 2 * PAGE_SIZE);
}

static void test_valid_zero_memsz_load_skipped(void **state)
{
	struct elf_image out;

	(void)state;
	build(3);
	/* Nonsense everywhere but memsz == filesz == 0: nothing to map. */
	set_ph(2, PT_LOAD, 0xfffffff0u, 0xfffffff0u, 0, 0, PF_R | PF_W | PF_X, 3);
	expect_ok(&out);
	assert_int_equal(out.nseg, 2);
}

/* ELF_MAX_SEGMENTS non-empty loads plus empty ones: the empty ones do not count. */
static void test_valid_max_segments(void **state)
{
	struct elf_image out;
	int i;

	(void)state;
	build(ELF_MAX_SEGMENTS + 2);
	for (i = FIRST_FREE; i < ELF_MAX_SEGMENTS; i++)
		extra_load(i, (uint32_t)i);
	set_ph(ELF_MAX_SEGMENTS, PT_LOAD, 0, EXTRA_VADDR, 0, 0, PF_R, PAGE_SIZE);
	set_ph(ELF_MAX_SEGMENTS + 1, PT_LOAD, 0, EXTRA_VADDR, 0, 0, PF_R, PAGE_SIZE);
	expect_ok(&out);
	assert_int_equal(out.nseg, ELF_MAX_SEGMENTS);
}

static void test_valid_max_phnum(void **state)
{
	struct elf_image out;

	(void)state;
	build(ELF_MAX_PHNUM);           /* 62 PT_NULLs after text and data */
	expect_ok(&out);
	assert_int_equal(out.phnum, ELF_MAX_PHNUM);
	assert_int_equal(out.phdr_vaddr, TEXT_VADDR + PHOFF);
}

/* The highest a segment may end: where the stack area starts. */
static void test_valid_segment_ends_at_stack_bottom(void **state)
{
	struct elf_image out;

	(void)state;
	build(3);
	set_ph(2, PT_LOAD, 0, USER_STACK_BOTTOM - PAGE_SIZE, 0, PAGE_SIZE, PF_R | PF_W, PAGE_SIZE);
	expect_ok(&out);
	assert_int_equal(out.brk_start, USER_STACK_BOTTOM);
}

static void test_valid_lowest_user_page(void **state)
{
	struct elf_image out;

	(void)state;
	build(3);
	set_ph(2, PT_LOAD, 0, USER_BASE, 0, PAGE_SIZE, PF_R, PAGE_SIZE);
	expect_ok(&out);
}

static void test_valid_gnu_stack(void **state)
{
	struct elf_image out;

	(void)state;
	build(3);
	set_ph(2, PT_GNU_STACK, 0, 0, 0, 0, PF_R | PF_W, 0x10);
	expect_ok(&out);
	assert_false(out.exec_stack);
	ph(2)->p_flags = PF_R | PF_W | PF_X;
	expect_ok(&out);
	assert_true(out.exec_stack);
}

/* The interpreter's path is located for the caller, which reads it. */
static void test_valid_interp_flagged(void **state)
{
	struct elf_image out;

	(void)state;
	build(3);
	set_ph(2, PT_INTERP, 0x100, TEXT_VADDR + 0x100, 0x13, 0x13, PF_R, 1);
	expect_ok(&out);
	assert_true(out.has_interp);
	assert_int_equal(out.interp_off, 0x100);
	assert_int_equal(out.interp_len, 0x13);
}

/* The valid image as an ET_DYN linked at 0 (a PIE or ld.so): accepted with
 * its addresses as offsets, then moved whole to where the loader puts it. */
static void build_dyn(void)
{
	build(2);
	eh()->e_type = ET_DYN;
	eh()->e_entry = ENTRY - TEXT_VADDR;
	ph(TEXT_IX)->p_vaddr -= TEXT_VADDR;
	ph(DATA_IX)->p_vaddr -= TEXT_VADDR;
}

static void test_dyn_relocated(void **state)
{
	struct elf_image out;
	uint32_t bias = 0, at = 0x00400000u;

	(void)state;
	build_dyn();
	expect_ok(&out);
	assert_true(out.dyn);
	assert_int_equal(elf_low(&out), 0);
	assert_int_equal(elf_span(&out), BRK - TEXT_VADDR);
	assert_int_equal(elf_relocate(&out, at, &bias), 0);
	assert_int_equal(bias, at);
	assert_int_equal(out.seg[TEXT_IX].vaddr, at);
	assert_int_equal(out.seg[DATA_IX].vaddr, at + DATA_VADDR - TEXT_VADDR);
	assert_int_equal(out.entry, at + ENTRY - TEXT_VADDR);
	assert_int_equal(out.phdr_vaddr, at + PHOFF);
	assert_int_equal(out.brk_start, at + BRK - TEXT_VADDR);
}

/* Where the image would not fit, elf_relocate refuses and changes nothing;
 * an ET_EXEC's addresses are its own. */
static void test_dyn_relocate_refused(void **state)
{
	struct elf_image out, before;
	uint32_t bias = 0;

	(void)state;
	build_dyn();
	expect_ok(&out);
	before = out;
	assert_int_equal(elf_relocate(&out, USER_STACK_BOTTOM - PAGE_SIZE, &bias), -ENOMEM);
	assert_int_equal(elf_relocate(&out, 0, &bias), -ENOMEM);
	assert_memory_equal(&out, &before, sizeof out);
	build(2);
	expect_ok(&out);
	assert_int_equal(elf_relocate(&out, 0x00400000u, &bias), -EINVAL);
}

/* An ET_DYN linked above 0 (prelinked): the bias wraps modulo 2^32, as
 * Linux's load_bias does, and its lowest page still lands at at. */
static void test_dyn_linked_high(void **state)
{
	struct elf_image out;
	uint32_t bias = 0, at = 0x00400000u;

	(void)state;
	build(2);
	eh()->e_type = ET_DYN;
	expect_ok(&out);
	assert_int_equal(elf_relocate(&out, at, &bias), 0);
	assert_int_equal(bias, at - TEXT_VADDR);
	assert_int_equal(out.seg[TEXT_IX].vaddr, at);
	assert_int_equal(out.entry, ENTRY - TEXT_VADDR + at);
}

static void test_valid_tls(void **state)
{
	struct elf_image out;

	(void)state;
	build(3);
	set_ph(2, PT_TLS, TLS_OFF, DATA_VADDR + 0x10, 0xc, 0x30, PF_R, 4);
	expect_ok(&out);
	assert_int_equal(out.tls_vaddr, DATA_VADDR + 0x10);
	assert_int_equal(out.tls_filesz, 0xc);
	assert_int_equal(out.tls_memsz, 0x30);
	assert_int_equal(out.tls_align, 4);
}

static void test_valid_pt_phdr(void **state)
{
	struct elf_image out;

	(void)state;
	build(3);
	set_ph(2, PT_PHDR, PHOFF, TEXT_VADDR + PHOFF, 3 * PHDR_SIZE, 3 * PHDR_SIZE, PF_R, 4);
	expect_ok(&out);
	assert_int_equal(out.phdr_vaddr, TEXT_VADDR + PHOFF);
}

/* No PT_LOAD maps the whole table: AT_PHDR is 0, the file is still fine. */
static void test_valid_phdrs_not_mapped(void **state)
{
	struct elf_image out;

	(void)state;
	build(2);
	ph(TEXT_IX)->p_filesz = PHOFF + PHDR_SIZE;  /* only the first header is file-backed */
	expect_ok(&out);
	assert_int_equal(out.phdr_vaddr, 0);
}

/* The table may sit anywhere in the file; AT_PHDR follows the load that maps it. */
static void test_valid_phdrs_in_data_segment(void **state)
{
	struct elf_image out;
	const uint32_t phoff = DATA_OFF + 0x40;

	(void)state;
	build(2);
	memcpy(M.b + phoff, M.b + PHOFF, 2 * PHDR_SIZE);
	eh()->e_phoff = phoff;
	expect_ok(&out);
	assert_int_equal(out.phdr_vaddr, DATA_VADDR + 0x40);
}

static void test_valid_flags_masked(void **state)
{
	struct elf_image out;

	(void)state;
	build(2);
	ph(DATA_IX)->p_flags |= PF_MASKOS | PF_MASKPROC;
	expect_ok(&out);
	assert_int_equal(out.seg[1].flags, PF_R | PF_W);
}

static void test_valid_align_zero_and_one(void **state)
{
	struct elf_image out;

	(void)state;
	build(2);
	ph(TEXT_IX)->p_align = 0;
	ph(DATA_IX)->p_align = 1;
	expect_ok(&out);
}

/* A bss-only segment reads no file byte, so its p_offset may be past the end. */
static void test_valid_bss_only_offset_past_end(void **state)
{
	struct elf_image out;

	(void)state;
	build(3);
	set_ph(2, PT_LOAD, 0x7000, EXTRA_VADDR, 0, PAGE_SIZE, PF_R | PF_W, PAGE_SIZE);
	expect_ok(&out);
	assert_int_equal(out.nseg, 3);
}

static void test_valid_larger_ehsize(void **state)
{
	struct elf_image out;

	(void)state;
	build(2);
	eh()->e_ehsize = EHDR_SIZE + 12;
	expect_ok(&out);
}

/* Packed structs: any alignment of the image works (UBSan would object otherwise). */
static void test_valid_unaligned_image(void **state)
{
	uint8_t *buf = malloc(IMG_SIZE + 1);
	struct elf_image out;

	(void)state;
	assert_non_null(buf);
	build(2);
	memcpy(buf + 1, M.b, IMG_SIZE);
	assert_int_equal(elf_check(buf + 1, IMG_SIZE, &out), 0);
	assert_int_equal(out.entry, ENTRY);
	free(buf);
}

/* ---- a real binary ---- */

/* Read $ELF_SAMPLE whole; NULL (test skipped) when the variable is unset. */
static uint8_t *read_sample(uint32_t *size)
{
	const char *path = getenv("ELF_SAMPLE");
	uint8_t *buf;
	FILE *f;
	long n;

	if (path == NULL || *path == '\0')
		return NULL;
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0 && (unsigned long)n <= SAMPLE_MAX);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*size = (uint32_t)n;
	return buf;
}

/* What any accepted file must look like, checked independently of the checker. */
static void check_image_invariants(const struct elf_image *out)
{
	uint32_t top = 0;
	bool entry_ok = false;
	int i, j;

	assert_true(out->nseg >= 1 && out->nseg <= ELF_MAX_SEGMENTS);
	for (i = 0; i < out->nseg; i++) {
		const struct elf_segment *s = &out->seg[i];

		assert_true(s->memsz > 0 && s->filesz <= s->memsz);
		assert_true(s->vaddr >= USER_BASE);
		assert_true((uint64_t)s->vaddr + s->memsz <= USER_TOP);
		assert_int_equal(s->vaddr % PAGE_SIZE, s->offset % PAGE_SIZE);
		for (j = 0; j < i; j++)
			assert_true(s->vaddr >= out->seg[j].vaddr + out->seg[j].memsz ||
				    out->seg[j].vaddr >= s->vaddr + s->memsz);
		if ((s->flags & PF_X) && out->entry >= s->vaddr && out->entry - s->vaddr < s->memsz)
			entry_ok = true;
		if (s->vaddr + s->memsz > top)
			top = s->vaddr + s->memsz;
	}
	assert_true(entry_ok);
	assert_int_equal(out->brk_start % PAGE_SIZE, 0);
	assert_true(out->brk_start >= top && out->brk_start - top < PAGE_SIZE);
}

static void test_real_sample(void **state)
{
	struct elf_image out;
	uint32_t size = 0, end = 0, cut;
	uint8_t *buf = read_sample(&size);
	int i;

	(void)state;
	if (buf == NULL)
		skip();
	assert_int_equal(elf_check(buf, size, &out), 0);
	assert_false(out.has_interp);
	check_image_invariants(&out);
	for (i = 0; i < out.nseg; i++)
		if (out.seg[i].filesz > 0 && out.seg[i].offset + out.seg[i].filesz > end)
			end = out.seg[i].offset + out.seg[i].filesz;
	/* Every truncation that cuts into a segment's file bytes is refused. */
	for (cut = 0; cut < end; cut += (cut < PAGE_SIZE ? 1 : PREFIX_STEP))
		assert_int_equal(elf_check(buf, cut, &out), -ENOEXEC);
	assert_int_equal(elf_check(buf, end - 1, &out), -ENOEXEC);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_minimal),
		cmocka_unit_test(test_valid_file_order_kept),
		cmocka_unit_test(test_valid_shared_page),
		cmocka_unit_test(test_valid_zero_memsz_load_skipped),
		cmocka_unit_test(test_valid_max_segments),
		cmocka_unit_test(test_valid_max_phnum),
		cmocka_unit_test(test_valid_segment_ends_at_stack_bottom),
		cmocka_unit_test(test_valid_lowest_user_page),
		cmocka_unit_test(test_valid_gnu_stack),
		cmocka_unit_test(test_valid_interp_flagged),
		cmocka_unit_test(test_dyn_relocated),
		cmocka_unit_test(test_dyn_relocate_refused),
		cmocka_unit_test(test_dyn_linked_high),
		cmocka_unit_test(test_valid_tls),
		cmocka_unit_test(test_valid_pt_phdr),
		cmocka_unit_test(test_valid_phdrs_not_mapped),
		cmocka_unit_test(test_valid_phdrs_in_data_segment),
		cmocka_unit_test(test_valid_flags_masked),
		cmocka_unit_test(test_valid_align_zero_and_one),
		cmocka_unit_test(test_valid_bss_only_offset_past_end),
		cmocka_unit_test(test_valid_larger_ehsize),
		cmocka_unit_test(test_valid_unaligned_image),
		cmocka_unit_test(test_real_sample),
	};

	size_t n = sizeof tests / sizeof tests[0];

	/*
	 * cmocka 1.1.5 reports a skip as "not ok N # SKIP", which
	 * tests/run_all.sh counts as a failure, so without a sample the
	 * real-binary test (last in the table) is not run at all.
	 */
	if (getenv("ELF_SAMPLE") == NULL) {
		printf("# ELF_SAMPLE unset: test_real_sample not run\n");
		n--;
	}
	return _cmocka_run_group_tests("elf_check", tests, n, NULL, NULL);
}
