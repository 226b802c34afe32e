/*
 * test_elf_check_malformed.c - host unit tests for the ELF checker
 * (elf/elf_check.c): files it must refuse. Each test starts from the valid
 * image of elf_builder.h, changes ONE thing - in the file header, a
 * segment, PT_PHDR or PT_TLS - and checks both that the file is refused
 * and which rule fired (enum elf_fault), so a malformation refused for the
 * wrong reason fails; test_fault_strings checks every rule has a name.
 * Files it must accept are in test_elf_check.c.
 *
 * The image is checked from a heap copy of exactly its size, so under
 * AddressSanitizer a read past what the checker was told is readable is
 * caught.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "elf/elf32.h"
#include "elf/elf_check.h"
#include "uapi/errno.h"
#include "mm/layout.h"
#include "tests/unit/elf_builder.h"

/* ---- the file header ---- */

static void test_null_arguments(void **state)
{
	struct elf_image out;
	enum elf_fault why = ELF_OK;

	(void)state;
	build(2);
	assert_int_equal(elf_check_why(NULL, 0, &out, &why), -EINVAL);
	assert_int_equal(why, ELF_BAD_ARGS);
	assert_int_equal(elf_check(M.b, M.size, NULL), -EINVAL);
}

static void test_too_short(void **state)
{
	(void)state;
	build(2);
	M.size = EHDR_SIZE - 1;
	expect_fault(ELF_TOO_SHORT);
	M.size = 0;
	expect_fault(ELF_TOO_SHORT);
}

static void test_bad_magic(void **state)
{
	int i;

	(void)state;
	for (i = EI_MAG0; i <= EI_MAG3; i++) {
		build(2);
		M.b[i] ^= 0x20;
		expect_fault(ELF_BAD_MAGIC);
	}
}

static void test_bad_class(void **state)
{
	(void)state;
	build(2);
	eh()->e_ident[EI_CLASS] = ELFCLASS64;
	expect_fault(ELF_BAD_CLASS);
	eh()->e_ident[EI_CLASS] = ELFCLASSNONE;
	expect_fault(ELF_BAD_CLASS);
}

static void test_big_endian(void **state)
{
	(void)state;
	build(2);
	eh()->e_ident[EI_DATA] = ELFDATA2MSB;
	expect_fault(ELF_BAD_DATA);
}

static void test_bad_version(void **state)
{
	(void)state;
	build(2);
	eh()->e_ident[EI_VERSION] = EV_NONE;
	expect_fault(ELF_BAD_VERSION);
	build(2);
	eh()->e_version = EV_CURRENT + 1;
	expect_fault(ELF_BAD_VERSION);
}

static void test_wrong_machine(void **state)
{
	(void)state;
	build(2);
	eh()->e_machine = EM_X86_64;
	expect_fault(ELF_BAD_MACHINE);
}

static void test_wrong_type(void **state)
{
	(void)state;
	build(2);
	eh()->e_type = ET_REL;
	expect_fault(ELF_BAD_TYPE);
	eh()->e_type = ET_CORE;
	expect_fault(ELF_BAD_TYPE);
}

/* PT_INTERP's bounds, as Linux's load_elf_binary: 2..PATH_MAX bytes, in
 * the file, and only one. */
static void test_bad_interp(void **state)
{
	(void)state;
	build(4);
	set_ph(2, PT_INTERP, 0x100, 0, 1, 1, PF_R, 1);
	expect_fault(ELF_BAD_INTERP);                   /* too short for a path */
	set_ph(2, PT_INTERP, 0x100, 0, PATH_MAX + 1, PATH_MAX + 1, PF_R, 1);
	expect_fault(ELF_BAD_INTERP);                   /* longer than PATH_MAX */
	set_ph(2, PT_INTERP, IMG_SIZE - 4, 0, 0x13, 0x13, PF_R, 1);
	expect_fault(ELF_BAD_INTERP);                   /* runs past the file's end */
	set_ph(2, PT_INTERP, 0x100, 0, 0x13, 0x13, PF_R, 1);
	set_ph(3, PT_INTERP, 0x200, 0, 0x13, 0x13, PF_R, 1);
	expect_fault(ELF_BAD_INTERP);                   /* two of them */
}

static void test_ehsize_small(void **state)
{
	(void)state;
	build(2);
	eh()->e_ehsize = EHDR_SIZE - 1;
	expect_fault(ELF_BAD_EHSIZE);
}

static void test_phentsize_wrong(void **state)
{
	(void)state;
	build(2);
	eh()->e_phentsize = PHDR_SIZE + 8;
	expect_fault(ELF_BAD_PHENTSIZE);
	eh()->e_phentsize = 0;
	expect_fault(ELF_BAD_PHENTSIZE);
}

static void test_phnum_bad(void **state)
{
	(void)state;
	build(2);
	eh()->e_phnum = 0;
	expect_fault(ELF_BAD_PHNUM);
	eh()->e_phnum = ELF_MAX_PHNUM + 1;
	expect_fault(ELF_BAD_PHNUM);
	eh()->e_phnum = PN_XNUM;
	expect_fault(ELF_BAD_PHNUM);
}

static void test_phdrs_outside_file(void **state)
{
	(void)state;
	build(2);
	eh()->e_phoff = IMG_SIZE;                       /* starts at the end */
	expect_fault(ELF_PHDRS_OUTSIDE);
	eh()->e_phoff = IMG_SIZE - PHDR_SIZE;           /* second header past the end */
	expect_fault(ELF_PHDRS_OUTSIDE);
	eh()->e_phoff = 0xffffffe0u;                    /* + 64 wraps to 0x20 */
	expect_fault(ELF_PHDRS_OUTSIDE);
}

/* ---- segments ---- */

static void test_no_load(void **state)
{
	(void)state;
	build(2);
	ph(TEXT_IX)->p_type = PT_NULL;
	ph(DATA_IX)->p_type = PT_NULL;
	expect_fault(ELF_NO_LOAD);
	build(2);                       /* only empty loads: nothing to run either */
	ph(TEXT_IX)->p_filesz = ph(TEXT_IX)->p_memsz = 0;
	ph(DATA_IX)->p_filesz = ph(DATA_IX)->p_memsz = 0;
	expect_fault(ELF_NO_LOAD);
}

static void test_too_many_loads(void **state)
{
	int i;

	(void)state;
	build(ELF_MAX_SEGMENTS + 1);
	for (i = FIRST_FREE; i <= ELF_MAX_SEGMENTS; i++)
		extra_load(i, (uint32_t)i);
	expect_fault(ELF_TOO_MANY_LOADS);
}

static void test_filesz_gt_memsz(void **state)
{
	(void)state;
	build(2);
	ph(DATA_IX)->p_memsz = DATA_FILESZ - 1;
	expect_fault(ELF_FILESZ_GT_MEMSZ);
	build(2);                       /* even a "skipped" empty load is checked for it */
	ph(DATA_IX)->p_memsz = 0;
	expect_fault(ELF_FILESZ_GT_MEMSZ);
}

static void test_segment_outside_file(void **state)
{
	(void)state;
	build(2);
	M.size = IMG_SIZE - 1;                          /* data's last byte cut off */
	expect_fault(ELF_SEG_OUTSIDE_FILE);
	build(2);
	ph(DATA_IX)->p_offset = IMG_SIZE + PAGE_SIZE;   /* congruent, but past the end */
	expect_fault(ELF_SEG_OUTSIDE_FILE);
	build(2);                                       /* offset + filesz wraps to 0 */
	ph(DATA_IX)->p_offset = 0u - DATA_FILESZ;
	ph(DATA_IX)->p_vaddr = 0x08049000u + ((0u - DATA_FILESZ) % PAGE_SIZE);
	expect_fault(ELF_SEG_OUTSIDE_FILE);
}

static void test_segment_in_page_zero(void **state)
{
	(void)state;
	build(2);
	ph(DATA_IX)->p_vaddr = DATA_OFF;                /* 0x900: page 0 */
	expect_fault(ELF_SEG_LOW);
	build(3);
	set_ph(2, PT_LOAD, 0, 0, 0, 0x10, PF_R, PAGE_SIZE);
	expect_fault(ELF_SEG_LOW);
}

static void test_segment_too_high(void **state)
{
	(void)state;
	build(3);
	set_ph(2, PT_LOAD, 0, USER_TOP, 0, 0x10, PF_R, PAGE_SIZE);       /* kernel space */
	expect_fault(ELF_SEG_HIGH);
	ph(2)->p_vaddr = USER_TOP - PAGE_SIZE;
	ph(2)->p_memsz = PAGE_SIZE + 1;                 /* one byte into the kernel */
	expect_fault(ELF_SEG_HIGH);
	ph(2)->p_vaddr = EXTRA_VADDR;
	ph(2)->p_memsz = 0u - EXTRA_VADDR + PAGE_SIZE;  /* vaddr + memsz wraps to 0x1000 */
	expect_fault(ELF_SEG_HIGH);
	ph(2)->p_vaddr = 0xfffff000u;
	ph(2)->p_memsz = 0x10;
	expect_fault(ELF_SEG_HIGH);
}

/*
 * segment_over_stack_refused_before_exec: a PT_LOAD reaching into the
 * stack area passed the checker; exec found the clash only when it added
 * the stack, after the caller's image was gone, so execve killed the
 * caller (SIGKILL) instead of failing with ENOEXEC.
 */
static void test_segment_over_stack(void **state)
{
	(void)state;
	build(3);
	set_ph(2, PT_LOAD, 0, USER_STACK_BOTTOM, 0, 0x10, PF_R, PAGE_SIZE);
	expect_fault(ELF_SEG_STACK);
	ph(2)->p_vaddr = USER_STACK_TOP - PAGE_SIZE;    /* the stack's top page */
	ph(2)->p_memsz = PAGE_SIZE;
	expect_fault(ELF_SEG_STACK);
	ph(2)->p_vaddr = USER_STACK_BOTTOM - PAGE_SIZE;
	ph(2)->p_memsz = PAGE_SIZE + 1;                 /* one byte into it */
	expect_fault(ELF_SEG_STACK);
	ph(2)->p_vaddr = EXTRA_VADDR;                   /* a bss that grows into it */
	ph(2)->p_memsz = USER_STACK_BOTTOM - EXTRA_VADDR + PAGE_SIZE;
	expect_fault(ELF_SEG_STACK);
}

static void test_align_not_power_of_two(void **state)
{
	(void)state;
	build(2);
	ph(DATA_IX)->p_align = 3;
	expect_fault(ELF_BAD_ALIGN);
	ph(DATA_IX)->p_align = PAGE_SIZE + 1;
	expect_fault(ELF_BAD_ALIGN);
}

static void test_misaligned(void **state)
{
	(void)state;
	build(2);
	ph(DATA_IX)->p_offset -= 0x10;
	expect_fault(ELF_MISALIGNED);
	ph(DATA_IX)->p_align = 0;       /* required whatever p_align says (our choice) */
	expect_fault(ELF_MISALIGNED);
}

static void test_overlap(void **state)
{
	(void)state;
	build(2);                                       /* exactly on top */
	ph(DATA_IX)->p_offset = 0;
	ph(DATA_IX)->p_vaddr = TEXT_VADDR;
	expect_fault(ELF_OVERLAP);
	build(2);                                       /* one shared byte */
	ph(DATA_IX)->p_offset = DATA_OFF - 1;
	ph(DATA_IX)->p_vaddr = TEXT_VADDR + DATA_OFF - 1;
	expect_fault(ELF_OVERLAP);
	build(2);                                       /* second inside the first */
	ph(DATA_IX)->p_offset = 0x100;
	ph(DATA_IX)->p_vaddr = TEXT_VADDR + 0x100;
	ph(DATA_IX)->p_filesz = ph(DATA_IX)->p_memsz = 0x10;
	expect_fault(ELF_OVERLAP);
	build(2);                                       /* second below, its bss reaching in */
	ph(DATA_IX)->p_vaddr = TEXT_VADDR - PAGE_SIZE + DATA_OFF;
	expect_fault(ELF_OVERLAP);
}

/* Overlap is checked against every earlier segment, not just the previous one. */
static void test_overlap_not_adjacent(void **state)
{
	(void)state;
	build(4);
	extra_load(2, 0);
	set_ph(3, PT_LOAD, 0, TEXT_VADDR, 0, 0x10, PF_R, PAGE_SIZE);
	expect_fault(ELF_OVERLAP);
}

static void test_entry_outside(void **state)
{
	(void)state;
	build(2);
	eh()->e_entry = USER_BASE;
	expect_fault(ELF_BAD_ENTRY);
	eh()->e_entry = TEXT_VADDR + TEXT_SIZE;         /* one past the text */
	expect_fault(ELF_BAD_ENTRY);
	eh()->e_entry = TEXT_VADDR - 1;
	expect_fault(ELF_BAD_ENTRY);
	eh()->e_entry = 0;
	expect_fault(ELF_BAD_ENTRY);
}

static void test_entry_not_executable(void **state)
{
	(void)state;
	build(2);
	eh()->e_entry = DATA_VADDR;
	expect_fault(ELF_BAD_ENTRY);
	build(2);
	ph(TEXT_IX)->p_flags = PF_R;
	expect_fault(ELF_BAD_ENTRY);
}

/* ---- PT_PHDR and PT_TLS ---- */

static void test_pt_phdr_wrong_address(void **state)
{
	(void)state;
	build(3);
	set_ph(2, PT_PHDR, PHOFF, TEXT_VADDR + PHOFF + 4, 3 * PHDR_SIZE, 3 * PHDR_SIZE, PF_R, 4);
	expect_fault(ELF_BAD_PT_PHDR);
	build(3);                       /* right address, but the table is not file-backed */
	set_ph(2, PT_PHDR, PHOFF, TEXT_VADDR + PHOFF, 3 * PHDR_SIZE, 3 * PHDR_SIZE, PF_R, 4);
	ph(TEXT_IX)->p_filesz = PHOFF + PHDR_SIZE;
	expect_fault(ELF_BAD_PT_PHDR);
}

static void test_pt_phdr_twice(void **state)
{
	(void)state;
	build(4);
	set_ph(2, PT_PHDR, PHOFF, TEXT_VADDR + PHOFF, 4 * PHDR_SIZE, 4 * PHDR_SIZE, PF_R, 4);
	set_ph(3, PT_PHDR, PHOFF, TEXT_VADDR + PHOFF, 4 * PHDR_SIZE, 4 * PHDR_SIZE, PF_R, 4);
	expect_fault(ELF_BAD_PT_PHDR);
}

static void test_tls_bad(void **state)
{
	(void)state;
	build(4);
	set_ph(2, PT_TLS, TLS_OFF, DATA_VADDR + 0x10, 0xc, 0x30, PF_R, 4);
	set_ph(3, PT_TLS, TLS_OFF, DATA_VADDR + 0x10, 0xc, 0x30, PF_R, 4);
	expect_fault(ELF_BAD_TLS);                      /* twice */
	build(3);
	set_ph(2, PT_TLS, TLS_OFF, DATA_VADDR + 0x10, 0x31, 0x30, PF_R, 4);
	expect_fault(ELF_BAD_TLS);                      /* filesz > memsz */
	ph(2)->p_filesz = 0xc;
	ph(2)->p_offset = IMG_SIZE;
	expect_fault(ELF_BAD_TLS);                      /* template past the end */
	ph(2)->p_offset = TLS_OFF;
	ph(2)->p_align = 6;
	expect_fault(ELF_BAD_TLS);
}

static void test_fault_strings(void **state)
{
	int f;

	(void)state;
	for (f = 0; f < ELF_FAULT_COUNT; f++) {
		assert_non_null(elf_fault_str((enum elf_fault)f));
		assert_string_not_equal(elf_fault_str((enum elf_fault)f), "unknown fault");
	}
	assert_string_equal(elf_fault_str(ELF_FAULT_COUNT), "unknown fault");
	assert_string_equal(elf_fault_str((enum elf_fault)-1), "unknown fault");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_arguments),
		cmocka_unit_test(test_too_short),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_bad_class),
		cmocka_unit_test(test_big_endian),
		cmocka_unit_test(test_bad_version),
		cmocka_unit_test(test_wrong_machine),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_bad_interp),
		cmocka_unit_test(test_ehsize_small),
		cmocka_unit_test(test_phentsize_wrong),
		cmocka_unit_test(test_phnum_bad),
		cmocka_unit_test(test_phdrs_outside_file),
		cmocka_unit_test(test_no_load),
		cmocka_unit_test(test_too_many_loads),
		cmocka_unit_test(test_filesz_gt_memsz),
		cmocka_unit_test(test_segment_outside_file),
		cmocka_unit_test(test_segment_in_page_zero),
		cmocka_unit_test(test_segment_too_high),
		cmocka_unit_test(test_segment_over_stack),
		cmocka_unit_test(test_align_not_power_of_two),
		cmocka_unit_test(test_misaligned),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_overlap_not_adjacent),
		cmocka_unit_test(test_entry_outside),
		cmocka_unit_test(test_entry_not_executable),
		cmocka_unit_test(test_pt_phdr_wrong_address),
		cmocka_unit_test(test_pt_phdr_twice),
		cmocka_unit_test(test_tls_bad),
		cmocka_unit_test(test_fault_strings),
	};

	return cmocka_run_group_tests_name("elf_check_malformed", tests, NULL, NULL);
}
