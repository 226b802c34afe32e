/*
 * elf_builder.h - helpers shared by the ELF checker tests
 * (test_elf_check.c, test_elf_check_malformed.c): the in-memory
 * executable every test starts from, and wrappers that run the checker.
 *
 * build() makes one small valid executable in M: an ELF header, the
 * program header table right after it, a text segment that maps the first
 * TEXT_SIZE bytes of the file (headers included, as real linkers do) and a
 * data segment with some bss; eh(), ph() and set_ph() let a test change
 * it. expect_ok() and expect_fault() run elf_check_why() (and elf_check(),
 * which must agree) on a heap copy of exactly M.size bytes, so under
 * AddressSanitizer a read past what the checker was told is readable is
 * caught; expect_fault() also checks which rule fired (enum elf_fault).
 * Header-only: everything is static inline and needs cmocka.h.
 */
#ifndef TESTS_UNIT_ELF_BUILDER_H
#define TESTS_UNIT_ELF_BUILDER_H

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
#include "uapi/limits.h"
#include "mm/layout.h"

/* The valid image (see the header comment). */
#define EHDR_SIZE    52u                /* sizeof(struct elf32_ehdr) */
#define PHDR_SIZE    32u                /* sizeof(struct elf32_phdr) */
#define PHOFF        EHDR_SIZE          /* table right after the header */
#define TEXT_VADDR   0x08048000u
#define TEXT_SIZE    0x900u             /* room for ELF_MAX_PHNUM headers */
#define ENTRY        (TEXT_VADDR + 0x880u)
#define DATA_OFF     TEXT_SIZE
#define DATA_VADDR   (0x08049000u + DATA_OFF)   /* next page, same page offset */
#define DATA_FILESZ  0x100u
#define DATA_MEMSZ   0x1000u            /* the rest is bss */
#define IMG_SIZE     (DATA_OFF + DATA_FILESZ)
#define BRK          0x0804b000u        /* DATA_VADDR + DATA_MEMSZ, page-rounded */
#define IMG_MAX      0x4000u
#define FILL_BYTE    0x90               /* nop: the contents do not matter */
#define TEXT_IX      0
#define DATA_IX      1
#define FIRST_FREE   2                  /* first program header a test may use */
#define EXTRA_VADDR  0x10000000u        /* where extra test segments go */
#define TLS_OFF      (DATA_OFF + 0x10u)

struct img {
	uint8_t b[IMG_MAX];
	uint32_t size;
};

/* ---- builders ---- */

static struct img M;    /* the image under test; build() resets it */

static inline struct elf32_ehdr *eh(void) { return (struct elf32_ehdr *)(void *)M.b; }

static inline struct elf32_phdr *ph(int i)
{
	return (struct elf32_phdr *)(void *)(M.b + eh()->e_phoff + (size_t)i * PHDR_SIZE);
}

static inline void set_ph(int i, uint32_t type, uint32_t off, uint32_t vaddr, uint32_t filesz,
			  uint32_t memsz, uint32_t flags, uint32_t align)
{
	struct elf32_phdr *p = ph(i);

	p->p_type = type;
	p->p_offset = off;
	p->p_vaddr = vaddr;
	p->p_paddr = vaddr;
	p->p_filesz = filesz;
	p->p_memsz = memsz;
	p->p_flags = flags;
	p->p_align = align;
}

/* The valid image with nph program headers: text, data, then PT_NULLs. */
static inline void build(int nph)
{
	struct elf32_ehdr *e = eh();

	memset(&M, 0, sizeof M);
	memset(M.b, FILL_BYTE, IMG_SIZE);
	M.size = IMG_SIZE;
	memset(e, 0, sizeof *e);
	memcpy(e->e_ident, ELFMAG, SELFMAG);
	e->e_ident[EI_CLASS] = ELFCLASS32;
	e->e_ident[EI_DATA] = ELFDATA2LSB;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = ET_EXEC;
	e->e_machine = EM_386;
	e->e_version = EV_CURRENT;
	e->e_entry = ENTRY;
	e->e_phoff = PHOFF;
	e->e_ehsize = EHDR_SIZE;
	e->e_phentsize = PHDR_SIZE;
	e->e_phnum = (uint16_t)nph;
	memset(M.b + PHOFF, 0, (size_t)nph * PHDR_SIZE);
	set_ph(TEXT_IX, PT_LOAD, 0, TEXT_VADDR, TEXT_SIZE, TEXT_SIZE, PF_R | PF_X, PAGE_SIZE);
	set_ph(DATA_IX, PT_LOAD, DATA_OFF, DATA_VADDR, DATA_FILESZ, DATA_MEMSZ, PF_R | PF_W, PAGE_SIZE);
}

/* An extra small R segment, page k above EXTRA_VADDR (for count tests). */
static inline void extra_load(int i, uint32_t k)
{
	set_ph(i, PT_LOAD, 0, EXTRA_VADDR + k * PAGE_SIZE, 0, 0x10, PF_R, PAGE_SIZE);
}

/* ---- running the checker ---- */

/* Check data[0..size) from an exact-size heap copy; elf_check must agree. */
static inline int run_bytes(const void *data, uint32_t size, struct elf_image *out, enum elf_fault *why)
{
	uint8_t *copy = malloc(size ? size : 1);
	struct elf_image out2;
	int rc;

	assert_non_null(copy);
	memcpy(copy, data, size);
	rc = elf_check_why(copy, size, out, why);
	assert_int_equal(elf_check(copy, size, &out2), rc);
	free(copy);
	return rc;
}

static inline void expect_ok(struct elf_image *out)
{
	enum elf_fault why = ELF_FAULT_COUNT;
	int rc = run_bytes(M.b, M.size, out, &why);

	assert_string_equal(elf_fault_str(why), elf_fault_str(ELF_OK));
	assert_int_equal(rc, 0);
}

/* Refused, and by the rule f (compared by name so a failure reads well). */
static inline void expect_fault(enum elf_fault f)
{
	struct elf_image out;
	enum elf_fault why = ELF_OK;
	int rc = run_bytes(M.b, M.size, &out, &why);

	assert_string_equal(elf_fault_str(why), elf_fault_str(f));
	assert_int_equal(rc, -ENOEXEC);
}

#endif /* TESTS_UNIT_ELF_BUILDER_H */
