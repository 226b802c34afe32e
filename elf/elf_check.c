/*
 * elf_check.c - decide whether an ELF file may be loaded, and describe it.
 *
 * The file comes from user space (or a file system user space wrote), so
 * nothing in it is believed until checked: every offset and size is
 * compared with what remains of the file or of user space, never added to
 * another untrusted value first and checked afterwards, so a hostile value
 * such as 0xfffff000 cannot wrap the 32-bit arithmetic into a "valid" one.
 * No byte outside image[0..size) is ever read, and a program header is
 * read only after the whole table is known to lie inside the file.
 *
 * The rules, and the choices made where the specification leaves room,
 * are listed in elf_check.h. Every refusal names its rule (enum elf_fault)
 * so the loader can log why and tests can check that the right rule fired.
 *
 * Built for the kernel (freestanding, no libc) and for host unit tests
 * (-DHOST_TEST), so it calls no library functions and assumes nothing
 * about pointer size: file offsets stay uint32_t, pointers are formed only
 * from offsets already checked against size.
 */
#include "elf/elf_check.h"
#include "elf/elf32.h"
#include "uapi/errno.h"
#include "uapi/limits.h"
#include "mm/layout.h"

#include <stddef.h>

/* What the scan of the program headers carries between entries. */
struct scan {
	const uint8_t *base;            /* the file */
	uint32_t size;
	const struct elf32_ehdr *eh;
	struct elf_image *out;
	bool seen_pt_phdr;
	uint32_t pt_phdr_vaddr;
	bool seen_tls;
};

#define INTERP_MIN_LEN 2                /* one character and the NUL (Linux: < 2 is ENOEXEC) */

static const char *const fault_names[ELF_FAULT_COUNT] = {
	[ELF_OK]               = "ok",
	[ELF_BAD_ARGS]         = "null image or output",
	[ELF_TOO_SHORT]        = "file shorter than an ELF header",
	[ELF_BAD_MAGIC]        = "not an ELF file (bad magic)",
	[ELF_BAD_CLASS]        = "not a 32-bit ELF file",
	[ELF_BAD_DATA]         = "not little-endian",
	[ELF_BAD_VERSION]      = "unknown ELF version",
	[ELF_BAD_MACHINE]      = "not an i386 program",
	[ELF_BAD_TYPE]         = "neither an executable nor a shared object",
	[ELF_BAD_EHSIZE]       = "e_ehsize smaller than the ELF header",
	[ELF_BAD_PHENTSIZE]    = "e_phentsize is not the size of a program header",
	[ELF_BAD_PHNUM]        = "e_phnum is 0 or too large",
	[ELF_PHDRS_OUTSIDE]    = "program header table outside the file",
	[ELF_NO_LOAD]          = "no loadable segment",
	[ELF_TOO_MANY_LOADS]   = "too many loadable segments",
	[ELF_FILESZ_GT_MEMSZ]  = "segment has p_filesz > p_memsz",
	[ELF_SEG_OUTSIDE_FILE] = "segment's file bytes outside the file",
	[ELF_SEG_LOW]          = "segment below the first user page",
	[ELF_SEG_HIGH]         = "segment wraps or reaches kernel space",
	[ELF_SEG_STACK]        = "segment overlaps the stack area",
	[ELF_BAD_ALIGN]        = "p_align is not a power of two",
	[ELF_MISALIGNED]       = "p_vaddr and p_offset differ modulo the page size",
	[ELF_OVERLAP]          = "loadable segments overlap",
	[ELF_BAD_ENTRY]        = "entry point not in an executable segment",
	[ELF_BAD_PT_PHDR]      = "PT_PHDR repeated or not where the headers are mapped",
	[ELF_BAD_TLS]          = "PT_TLS repeated or malformed",
	[ELF_BAD_INTERP]       = "PT_INTERP repeated, outside the file or of a bad length",
};

const char *elf_fault_str(enum elf_fault f)
{
	if ((unsigned)f >= ELF_FAULT_COUNT)
		return "unknown fault";
	return fault_names[f];
}

/* Byte-wise zeroing: the kernel has no memset to lean on here. */
static void elf_zero(void *p, size_t n)
{
	uint8_t *b = p;

	while (n-- > 0)
		*b++ = 0;
}

/*
 * Is [off, off+len) inside a file of size bytes? Compared with what remains
 * after off, so off+len is never formed. An empty range reads nothing, so
 * it is inside wherever it starts (a bss-only segment's p_offset).
 */
static bool in_file(uint32_t off, uint32_t len, uint32_t size)
{
	if (len == 0)
		return true;
	return off <= size && len <= size - off;
}

/* The specification allows 0 and 1 (no constraint) or a power of two. */
static bool align_ok(uint32_t align)
{
	return align <= 1 || (align & (align - 1)) == 0;
}

static enum elf_fault check_ident(const struct elf32_ehdr *eh)
{
	const uint8_t *id = eh->e_ident;

	if (id[EI_MAG0] != ELFMAG0 || id[EI_MAG1] != ELFMAG1 ||
	    id[EI_MAG2] != ELFMAG2 || id[EI_MAG3] != ELFMAG3)
		return ELF_BAD_MAGIC;
	if (id[EI_CLASS] != ELFCLASS32)
		return ELF_BAD_CLASS;
	if (id[EI_DATA] != ELFDATA2LSB)
		return ELF_BAD_DATA;
	if (id[EI_VERSION] != EV_CURRENT)
		return ELF_BAD_VERSION;
	return ELF_OK;
}

/* The file header, and that the program header table can be read. */
static enum elf_fault check_ehdr(const struct elf32_ehdr *eh, uint32_t size)
{
	enum elf_fault f = check_ident(eh);

	if (f != ELF_OK)
		return f;
	if (eh->e_version != EV_CURRENT)
		return ELF_BAD_VERSION;
	if (eh->e_machine != EM_386)
		return ELF_BAD_MACHINE;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return ELF_BAD_TYPE;
	if (eh->e_ehsize < sizeof(struct elf32_ehdr))
		return ELF_BAD_EHSIZE;
	if (eh->e_phentsize != sizeof(struct elf32_phdr))
		return ELF_BAD_PHENTSIZE;
	/* Also refuses PN_XNUM: we never look in section header 0 for the count. */
	if (eh->e_phnum < 1 || eh->e_phnum > ELF_MAX_PHNUM)
		return ELF_BAD_PHNUM;
	/* Both factors are now small (<= 64 * 32), so the product cannot wrap. */
	if (!in_file(eh->e_phoff, (uint32_t)eh->e_phnum * eh->e_phentsize, size))
		return ELF_PHDRS_OUTSIDE;
	return ELF_OK;
}

/* Program header i; only called once the whole table is known to be in the file. */
static const struct elf32_phdr *phdr_at(const struct scan *s, uint32_t i)
{
	return (const void *)(s->base + s->eh->e_phoff + (size_t)i * s->eh->e_phentsize);
}

/* A non-empty PT_LOAD taken alone: file bytes, address range, alignment.
 * An ET_DYN's addresses are offsets from a base still to be added, so
 * only its upper end is checked here (elf_relocate does the rest). */
static enum elf_fault check_load(const struct elf32_phdr *ph, uint32_t size, bool dyn)
{
	if (!in_file(ph->p_offset, ph->p_filesz, size))
		return ELF_SEG_OUTSIDE_FILE;
	if (ph->p_vaddr < USER_BASE && !dyn)
		return ELF_SEG_LOW;
	/* p_vaddr + p_memsz <= USER_TOP, without forming the (wrappable) sum. */
	if (ph->p_vaddr > USER_TOP || ph->p_memsz > USER_TOP - ph->p_vaddr)
		return ELF_SEG_HIGH;
	/* The stack area is added after the old image is gone: a clash found
	 * then could only kill the caller. (The sum is <= USER_TOP now.) */
	if (ph->p_vaddr + ph->p_memsz > USER_STACK_BOTTOM)
		return ELF_SEG_STACK;
	if (!align_ok(ph->p_align))
		return ELF_BAD_ALIGN;
	/* A file page must land on a memory page at the same offset within it. */
	if (ph->p_vaddr % PAGE_SIZE != ph->p_offset % PAGE_SIZE)
		return ELF_MISALIGNED;
	return ELF_OK;
}

/*
 * Do the byte ranges [a->vaddr, +memsz) and [vaddr, +memsz) share a byte?
 * Both ends are <= USER_TOP (checked), so the sums cannot wrap. Sharing a
 * page without sharing a byte is allowed: see elf_check.h.
 */
static bool overlaps(const struct elf_segment *a, uint32_t vaddr, uint32_t memsz)
{
	return a->vaddr < vaddr + memsz && vaddr < a->vaddr + a->memsz;
}

/* PT_LOAD: check it, and against every segment kept so far; then keep it. */
static enum elf_fault add_load(struct scan *s, const struct elf32_phdr *ph)
{
	struct elf_image *out = s->out;
	struct elf_segment *seg;
	enum elf_fault f;
	int i;

	if (ph->p_filesz > ph->p_memsz)
		return ELF_FILESZ_GT_MEMSZ;
	if (ph->p_memsz == 0)
		return ELF_OK;          /* maps nothing: skipped, see elf_check.h */
	f = check_load(ph, s->size, out->dyn);
	if (f != ELF_OK)
		return f;
	if (out->nseg >= ELF_MAX_SEGMENTS)
		return ELF_TOO_MANY_LOADS;
	for (i = 0; i < out->nseg; i++)
		if (overlaps(&out->seg[i], ph->p_vaddr, ph->p_memsz))
			return ELF_OVERLAP;
	seg = &out->seg[out->nseg++];
	seg->vaddr = ph->p_vaddr;
	seg->memsz = ph->p_memsz;
	seg->filesz = ph->p_filesz;
	seg->offset = ph->p_offset;
	seg->flags = ph->p_flags & (PF_R | PF_W | PF_X);
	if (ph->p_align > out->max_align)
		out->max_align = ph->p_align;
	return ELF_OK;
}

/* PT_TLS: only described to the caller, but still not believed blindly. */
static enum elf_fault note_tls(struct scan *s, const struct elf32_phdr *ph)
{
	if (s->seen_tls || ph->p_filesz > ph->p_memsz ||
	    !in_file(ph->p_offset, ph->p_filesz, s->size) || !align_ok(ph->p_align))
		return ELF_BAD_TLS;
	s->seen_tls = true;
	s->out->tls_vaddr = ph->p_vaddr;
	s->out->tls_filesz = ph->p_filesz;
	s->out->tls_memsz = ph->p_memsz;
	s->out->tls_align = ph->p_align;
	return ELF_OK;
}

/* PT_INTERP: where the interpreter's path is; Linux's bounds on it. */
static enum elf_fault note_interp(struct scan *s, const struct elf32_phdr *ph)
{
	if (s->out->has_interp || ph->p_filesz < INTERP_MIN_LEN || ph->p_filesz > PATH_MAX ||
	    !in_file(ph->p_offset, ph->p_filesz, s->size))
		return ELF_BAD_INTERP;
	s->out->has_interp = true;
	s->out->interp_off = ph->p_offset;
	s->out->interp_len = ph->p_filesz;
	return ELF_OK;
}

/* One program header of any type. Types we have no use for are ignored. */
static enum elf_fault note_phdr(struct scan *s, const struct elf32_phdr *ph)
{
	switch (ph->p_type) {
	case PT_LOAD:
		return add_load(s, ph);
	case PT_TLS:
		return note_tls(s, ph);
	case PT_INTERP:
		return note_interp(s, ph);
	case PT_GNU_STACK:
		s->out->exec_stack = (ph->p_flags & PF_X) != 0;
		return ELF_OK;
	case PT_PHDR:
		if (s->seen_pt_phdr)
			return ELF_BAD_PT_PHDR;
		s->seen_pt_phdr = true;
		s->pt_phdr_vaddr = ph->p_vaddr;
		return ELF_OK;
	default:
		return ELF_OK;
	}
}

static enum elf_fault scan_phdrs(struct scan *s)
{
	enum elf_fault f;
	uint32_t i;

	for (i = 0; i < s->eh->e_phnum; i++) {
		f = note_phdr(s, phdr_at(s, i));
		if (f != ELF_OK)
			return f;
	}
	return s->out->nseg > 0 ? ELF_OK : ELF_NO_LOAD;
}

/* The entry point must be inside an executable segment's memory. */
static enum elf_fault check_entry(const struct elf_image *out)
{
	const struct elf_segment *seg;
	int i;

	for (i = 0; i < out->nseg; i++) {
		seg = &out->seg[i];
		if ((seg->flags & PF_X) && out->entry >= seg->vaddr &&
		    out->entry - seg->vaddr < seg->memsz)
			return ELF_OK;
	}
	return ELF_BAD_ENTRY;
}

/*
 * Does seg take file bytes [off, off+len) from the file? If so, *vaddr is
 * where the first of them lands. Kept segments have offset+filesz inside
 * the file and vaddr+memsz <= USER_TOP, so nothing here can wrap.
 */
static bool seg_maps_file(const struct elf_segment *seg, uint32_t off, uint32_t len,
			  uint32_t *vaddr)
{
	uint32_t delta;

	if (off < seg->offset)
		return false;
	delta = off - seg->offset;
	if (delta > seg->filesz || len > seg->filesz - delta)
		return false;
	*vaddr = seg->vaddr + delta;
	return true;
}

/*
 * Where the program header table is in memory (AT_PHDR). Without PT_PHDR:
 * the first PT_LOAD that maps the whole table, else 0. With PT_PHDR: its
 * p_vaddr, which must be where some PT_LOAD maps the table.
 */
static enum elf_fault locate_phdrs(struct scan *s)
{
	struct elf_image *out = s->out;
	uint32_t len = out->phnum * out->phentsize;
	uint32_t vaddr;
	int i;

	for (i = 0; i < out->nseg; i++) {
		if (!seg_maps_file(&out->seg[i], s->eh->e_phoff, len, &vaddr))
			continue;
		if (!s->seen_pt_phdr || vaddr == s->pt_phdr_vaddr) {
			out->phdr_vaddr = vaddr;
			return ELF_OK;
		}
	}
	return s->seen_pt_phdr ? ELF_BAD_PT_PHDR : ELF_OK;
}

/* The heap starts on the first page above every segment. */
static void set_brk(struct elf_image *out)
{
	uint32_t top = 0, end;
	int i;

	for (i = 0; i < out->nseg; i++) {
		end = out->seg[i].vaddr + out->seg[i].memsz;
		if (end > top)
			top = end;
	}
	/* top <= USER_TOP, a page boundary, so rounding up cannot wrap. */
	out->brk_start = page_up(top);
}

/* The check proper: the headers are read from image[0..head_len), the
 * segments' file ranges are checked against size. */
static int check(const void *image, uint32_t head_len, uint32_t size, struct elf_image *out,
		 enum elf_fault *why)
{
	struct scan s = { .base = image, .size = size, .eh = image, .out = out };
	enum elf_fault f;

	if (image == NULL || out == NULL) {
		f = ELF_BAD_ARGS;
		goto done;
	}
	elf_zero(out, sizeof *out);
	out->exec_stack = true;         /* Linux i386 default without PT_GNU_STACK */
	if (head_len < sizeof(struct elf32_ehdr)) {
		f = ELF_TOO_SHORT;
		goto done;
	}
	f = check_ehdr(s.eh, head_len);
	if (f != ELF_OK)
		goto done;
	out->entry = s.eh->e_entry;
	out->dyn = s.eh->e_type == ET_DYN;
	out->max_align = PAGE_SIZE;
	out->phnum = s.eh->e_phnum;
	out->phentsize = s.eh->e_phentsize;
	f = scan_phdrs(&s);
	if (f == ELF_OK)
		f = check_entry(out);
	if (f == ELF_OK)
		f = locate_phdrs(&s);
	if (f == ELF_OK)
		set_brk(out);
done:
	if (why != NULL)
		*why = f;
	if (f == ELF_OK)
		return 0;
	return f == ELF_BAD_ARGS ? -EINVAL : -ENOEXEC;
}

uint32_t elf_low(const struct elf_image *img)
{
	uint32_t low = USER_TOP;
	for (int i = 0; i < img->nseg; i++)
		if (img->seg[i].vaddr < low)
			low = img->seg[i].vaddr;
	return page_down(low);
}

uint32_t elf_span(const struct elf_image *img)
{
	return img->brk_start - elf_low(img);
}

/* Every address of the image gains the bias: checked first, so that a
 * place too high leaves the image as it was. Each address lies within
 * the span above the lowest page, so with at + span <= USER_STACK_BOTTOM
 * the sums (modulo 2^32, as Linux's load_bias) land in place. */
int elf_relocate(struct elf_image *img, uint32_t at, uint32_t *bias)
{
	uint32_t d = at - elf_low(img);
	if (!img->dyn)
		return -EINVAL;
	if (at < USER_BASE || at > USER_STACK_BOTTOM || elf_span(img) > USER_STACK_BOTTOM - at)
		return -ENOMEM;
	for (int i = 0; i < img->nseg; i++)
		img->seg[i].vaddr += d;
	img->entry += d;
	if (img->phdr_vaddr)
		img->phdr_vaddr += d;
	if (img->tls_memsz)
		img->tls_vaddr += d;
	img->brk_start += d;
	*bias = d;
	return 0;
}

int elf_check_why(const void *image, uint32_t size, struct elf_image *out, enum elf_fault *why)
{
	return check(image, size, size, out, why);
}

int elf_check_head(const void *head, uint32_t head_len, uint32_t file_size, struct elf_image *out)
{
	return check(head, head_len < file_size ? head_len : file_size, file_size, out, NULL);
}

int elf_check(const void *image, uint32_t size, struct elf_image *out)
{
	return elf_check_why(image, size, out, NULL);
}
