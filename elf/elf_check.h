/*
 * elf_check.h - check an ELF executable completely, before anything is
 * mapped, and describe what is to be loaded.
 *
 * This is the pure half of the loader: it reads only the bytes it is given,
 * touches no page tables, and either accepts the whole file or refuses it.
 * A file it accepts can be loaded without further checks:
 *
 *  - it is a 32-bit little-endian i386 ET_EXEC (fixed addresses) or
 *    ET_DYN (a shared object such as ld.so, a PIE or static-pie: its
 *    addresses are offsets from a load base the loader chooses, and
 *    elf_relocate moves the description there);
 *  - every PT_LOAD in seg[] has 0 < memsz, filesz <= memsz, its file bytes
 *    [offset, offset+filesz) inside the file, its memory [vaddr, vaddr+memsz)
 *    inside [USER_BASE, USER_STACK_BOTTOM) with no 32-bit wrap (the
 *    stack area above it is the loader's; for ET_DYN [0, ...): the base
 *    is added later), and vaddr % PAGE_SIZE == offset % PAGE_SIZE;
 *  - the memory ranges of the PT_LOADs are pairwise DISJOINT as byte
 *    ranges. Two segments MAY share a page (one ending in it, the next
 *    starting in it): the loader must then map that page once, with the
 *    union of both segments' permissions, and must zero only the bytes
 *    [vaddr+filesz, vaddr+memsz) of each segment, never "to the end of the
 *    page", or it would wipe the neighbour's bytes;
 *  - e_entry lies in [vaddr, vaddr+memsz) of a PT_LOAD with PF_X.
 *
 * Rules chosen where the specification leaves room (and why):
 *  - A PT_LOAD with p_memsz == 0 maps nothing, so it is skipped: not an
 *    error, not in seg[], not counted towards ELF_MAX_SEGMENTS or towards
 *    "at least one PT_LOAD". Only p_filesz <= p_memsz is checked for it.
 *  - An empty file range (p_filesz == 0) is inside the file wherever it
 *    starts: no file byte is read for it (a bss-only segment).
 *  - Page congruence (vaddr % PAGE_SIZE == offset % PAGE_SIZE) is required
 *    of every PT_LOAD, whatever p_align says, so the loader may always work
 *    page by page. p_align must be 0, 1 or a power of two.
 *  - PT_INTERP: at most one; its bytes (the interpreter's path, with its
 *    NUL) in the file and 2..PATH_MAX of them, as Linux requires. Whether
 *    they end in a NUL is the caller's to check: they may lie past the
 *    head it has at hand.
 *  - PT_PHDR, if present, must be the only one and must point at the
 *    program header table as some PT_LOAD maps it (file offset e_phoff,
 *    whole table file-backed): AT_PHDR must not lie to user space.
 *  - PT_TLS: at most one; p_filesz <= p_memsz, its file bytes in the file,
 *    p_align 0, 1 or a power of two.
 *  - PT_GNU_STACK: the last one wins, as in Linux. Other types are ignored.
 *
 * *out is zeroed first and is only meaningful when 0 is returned.
 */
#ifndef ELF_ELF_CHECK_H
#define ELF_ELF_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16     /* non-empty PT_LOADs we keep (glibc static: 2-4) */
#define ELF_MAX_PHNUM    64     /* program headers we are willing to read */

/* One PT_LOAD, as it is to be mapped. */
struct elf_segment {
	uint32_t vaddr, memsz, filesz, offset;
	uint32_t flags;         /* PF_R|PF_W|PF_X only; other p_flags bits dropped */
};

struct elf_image {
	uint32_t entry;
	uint32_t phdr_vaddr;    /* program headers in memory (AT_PHDR); 0 if not mapped */
	uint32_t phnum, phentsize;
	struct elf_segment seg[ELF_MAX_SEGMENTS];   /* PT_LOAD, in file order */
	int nseg;
	uint32_t brk_start;     /* highest vaddr+memsz, rounded up to a page: heap start */
	bool exec_stack;        /* PT_GNU_STACK has PF_X; true without one (Linux i386) */
	bool has_interp;        /* PT_INTERP present: interp_off, interp_len say where */
	uint32_t interp_off, interp_len;    /* the interpreter's path in the file, NUL included */
	bool dyn;               /* ET_DYN: addresses are offsets from the load base */
	uint32_t max_align;     /* the largest PT_LOAD p_align, at least a page: the base's */
	uint32_t tls_vaddr, tls_filesz, tls_memsz, tls_align;  /* PT_TLS, if any */
};

/* Why a file was refused: one value per rule, for log messages and tests. */
enum elf_fault {
	ELF_OK = 0,
	ELF_BAD_ARGS,           /* null image or out (a caller bug: -EINVAL) */
	ELF_TOO_SHORT,          /* smaller than an ELF header */
	ELF_BAD_MAGIC,
	ELF_BAD_CLASS,          /* not ELFCLASS32 */
	ELF_BAD_DATA,           /* not little-endian */
	ELF_BAD_VERSION,        /* e_ident[EI_VERSION] or e_version */
	ELF_BAD_MACHINE,        /* not EM_386 */
	ELF_BAD_TYPE,           /* neither ET_EXEC nor ET_DYN */
	ELF_BAD_EHSIZE,
	ELF_BAD_PHENTSIZE,
	ELF_BAD_PHNUM,          /* 0, or more than ELF_MAX_PHNUM */
	ELF_PHDRS_OUTSIDE,      /* program header table not inside the file */
	ELF_NO_LOAD,            /* no non-empty PT_LOAD */
	ELF_TOO_MANY_LOADS,     /* more than ELF_MAX_SEGMENTS */
	ELF_FILESZ_GT_MEMSZ,
	ELF_SEG_OUTSIDE_FILE,   /* p_offset + p_filesz past the end of the file */
	ELF_SEG_LOW,            /* below USER_BASE: page 0 is never mapped */
	ELF_SEG_HIGH,           /* wraps, or reaches past USER_TOP */
	ELF_SEG_STACK,          /* reaches into [USER_STACK_BOTTOM, USER_STACK_TOP) */
	ELF_BAD_ALIGN,          /* p_align not 0, 1 or a power of two */
	ELF_MISALIGNED,         /* p_vaddr, p_offset not congruent modulo a page */
	ELF_OVERLAP,            /* two PT_LOADs share a byte of memory */
	ELF_BAD_ENTRY,          /* e_entry not in an executable PT_LOAD */
	ELF_BAD_PT_PHDR,        /* PT_PHDR repeated or not where the table is mapped */
	ELF_BAD_TLS,            /* PT_TLS repeated or malformed */
	ELF_BAD_INTERP,         /* PT_INTERP repeated, outside the file, or of a bad length */
	ELF_FAULT_COUNT
};

/* Check the ELF file image[0..size) and describe it. 0, or -ENOEXEC for anything malformed. */
int elf_check(const void *image, uint32_t size, struct elf_image *out);

/* elf_check, also saying which rule refused the file (*why may be NULL). */
int elf_check_why(const void *image, uint32_t size, struct elf_image *out, enum elf_fault *why);

/* elf_check of a file of file_size bytes of which only its start,
 * head[0..head_len), is at hand: the ELF header and the program headers
 * must lie in it (else ELF_PHDRS_OUTSIDE); the segments are checked
 * against file_size. */
int elf_check_head(const void *head, uint32_t head_len, uint32_t file_size, struct elf_image *out);

/* The bytes an image's PT_LOADs span in memory, from the page of the
 * lowest to the end of the page of the highest (a multiple of a page). */
uint32_t elf_span(const struct elf_image *img);
/* The lowest PT_LOAD address, rounded down to its page. */
uint32_t elf_low(const struct elf_image *img);
/* Move an ET_DYN image's description so that its lowest page lies at at
 * (page aligned): every address gains the load bias, at - elf_low(img)
 * modulo 2^32, which *bias receives (AT_BASE, for an interpreter). 0, or
 * -ENOMEM when the image would not fit in [USER_BASE, USER_STACK_BOTTOM)
 * there (nothing changed then); -EINVAL for an ET_EXEC image, whose
 * addresses are its own. */
int elf_relocate(struct elf_image *img, uint32_t at, uint32_t *bias);

/* A short English description of a fault, for the kernel log. */
const char *elf_fault_str(enum elf_fault f);

#endif
