/*
 * mb2_parse.c - turn the multiboot2 information block into struct boot_info.
 *
 * The block comes from the boot loader and is believed no further than its
 * own sizes allow: total_size is checked against the bytes the caller says
 * are readable, and every tag against total_size, before anything they
 * cover is read. Offsets are never formed by adding an untrusted size first
 * and checking afterwards; sizes are compared with what remains instead, so
 * a hostile size such as 0xFFFFFFF8 cannot wrap the arithmetic.
 *
 * Everything we keep is copied into *out, so the block may be overwritten
 * once this returns. On error *out holds whatever was parsed before the bad
 * tag and should not be used.
 *
 * Built for the kernel (freestanding, no libc) and for host unit tests
 * (-DHOST_TEST), so it calls no library functions and assumes nothing
 * about pointer size.
 */
#include "bootinfo.h"
#include "multiboot2.h"

/* Error messages; static because *err outlives the call. */
static const char ERR_ARGS[]        = "multiboot2: null block or output";
static const char ERR_SHORT[]       = "multiboot2: block shorter than its fixed header";
static const char ERR_TOTAL_SMALL[] = "multiboot2: total_size smaller than the fixed header";
static const char ERR_TOTAL_AVAIL[] = "multiboot2: total_size exceeds the readable bytes";
static const char ERR_TAG_SMALL[]   = "multiboot2: tag size smaller than a tag header";
static const char ERR_TAG_OVERRUN[] = "multiboot2: tag overruns the block";
static const char ERR_NO_END[]      = "multiboot2: no END tag before the end of the block";
static const char ERR_TYPE_SMALL[]  = "multiboot2: tag too small for its type";
static const char ERR_MMAP_ENTRY[]  = "multiboot2: mmap entry_size smaller than an entry";
static const char ERR_MMAP_FIT[]    = "multiboot2: mmap entries do not fit the tag";
static const char ERR_MODULE[]      = "multiboot2: module ends before it starts";

/* Byte-wise zeroing: the kernel has no memset to lean on. */
static void mb2_zero(void *p, size_t n)
{
	uint8_t *b = p;

	while (n-- > 0)
		*b++ = 0;
}

/*
 * Copy the string in src[0..src_len) into dst[0..dst_size), stopping at the
 * first NUL. The loader should have terminated it inside the tag, but if it
 * did not we still never read past src_len. dst is always terminated, so
 * a long string is truncated.
 */
static void mb2_copy_string(char *dst, size_t dst_size, const char *src, size_t src_len)
{
	size_t i;

	for (i = 0; i + 1 < dst_size && i < src_len && src[i] != '\0'; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

/* CMDLINE, BOOT_LOADER_NAME: the payload is the string. */
static const char *parse_string(const struct mb2_tag *tag, char *dst, size_t dst_size)
{
	const struct mb2_tag_string *s = (const void *)tag;

	/* Any size >= sizeof(struct mb2_tag) == sizeof *s will do: an empty string. */
	mb2_copy_string(dst, dst_size, s->string, tag->size - sizeof *s);
	return NULL;
}

/* MODULE: validated even when dropped, so a bad block never passes. */
static const char *parse_module(const struct mb2_tag *tag, struct boot_info *out)
{
	const struct mb2_tag_module *m = (const void *)tag;
	struct boot_module *bm;

	if (tag->size < sizeof *m)
		return ERR_TYPE_SMALL;
	if (m->mod_end < m->mod_start)
		return ERR_MODULE;
	if (out->module_count >= BOOT_MODULES_MAX) {
		out->modules_dropped++;
		return NULL;
	}
	bm = &out->modules[out->module_count++];
	bm->start = m->mod_start;
	bm->end = m->mod_end;
	mb2_copy_string(bm->cmdline, sizeof bm->cmdline, m->string, tag->size - sizeof *m);
	return NULL;
}

static const char *parse_meminfo(const struct mb2_tag *tag, struct boot_info *out)
{
	const struct mb2_tag_basic_meminfo *mi = (const void *)tag;

	if (tag->size < sizeof *mi)
		return ERR_TYPE_SMALL;
	out->has_meminfo = true;
	out->mem_lower_kb = mi->mem_lower;
	out->mem_upper_kb = mi->mem_upper;
	return NULL;
}

static void add_mmap_entry(struct boot_info *out, const struct mb2_mmap_entry *e)
{
	struct boot_mmap_entry *be;

	if (out->mmap_count >= BOOT_MMAP_MAX) {
		out->mmap_dropped++;
		return;
	}
	be = &out->mmap[out->mmap_count++];
	be->base = e->base_addr;
	be->len = e->length;
	be->type = e->type;
}

/*
 * MMAP: entries follow the fixed part at a stride of entry_size, which may
 * exceed the version-0 entry we understand; we read only its prefix. A
 * trailing partial entry means the sizes disagree, so it is an error
 * rather than something to guess about.
 */
static const char *parse_mmap(const struct mb2_tag *tag, struct boot_info *out)
{
	const struct mb2_tag_mmap *mm = (const void *)tag;
	const uint8_t *p;
	size_t left;

	if (tag->size < sizeof *mm)
		return ERR_TYPE_SMALL;
	if (mm->entry_size < sizeof(struct mb2_mmap_entry))
		return ERR_MMAP_ENTRY;
	left = tag->size - sizeof *mm;
	if (left % mm->entry_size != 0)
		return ERR_MMAP_FIT;
	for (p = (const uint8_t *)(mm + 1); left > 0; p += mm->entry_size, left -= mm->entry_size)
		add_mmap_entry(out, (const struct mb2_mmap_entry *)p);
	return NULL;
}

/* FRAMEBUFFER: only the common part; color_info is not needed yet. */
static const char *parse_framebuffer(const struct mb2_tag *tag, struct boot_info *out)
{
	const struct mb2_tag_framebuffer_common *fb = (const void *)tag;

	if (tag->size < sizeof *fb)
		return ERR_TYPE_SMALL;
	out->has_fb = true;
	out->fb_addr = fb->framebuffer_addr;
	out->fb_pitch = fb->framebuffer_pitch;
	out->fb_width = fb->framebuffer_width;
	out->fb_height = fb->framebuffer_height;
	out->fb_bpp = fb->framebuffer_bpp;
	out->fb_type = fb->framebuffer_type;
	return NULL;
}

/*
 * Dispatch one tag that is known to lie inside the block and to be at
 * least a tag header long. Returns an error message or NULL.
 */
static const char *parse_tag(const struct mb2_tag *tag, struct boot_info *out)
{
	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		return parse_string(tag, out->cmdline, sizeof out->cmdline);
	case MB2_TAG_BOOT_LOADER_NAME:
		return parse_string(tag, out->loader, sizeof out->loader);
	case MB2_TAG_MODULE:
		return parse_module(tag, out);
	case MB2_TAG_BASIC_MEMINFO:
		return parse_meminfo(tag, out);
	case MB2_TAG_MMAP:
		return parse_mmap(tag, out);
	case MB2_TAG_FRAMEBUFFER:
		return parse_framebuffer(tag, out);
	default:
		/* Unknown, or known but unused (ACPI, ELF sections...): skip. */
		out->unknown_tags++;
		return NULL;
	}
}

/*
 * Offset of the tag after one of tag_size bytes at off. The caller has
 * checked tag_size <= total - off, so the addition cannot pass total; if
 * the alignment padding would, the result clamps to total, ending the walk.
 */
static size_t next_tag_offset(size_t off, uint32_t tag_size, size_t total)
{
	size_t pad;

	off += tag_size;
	pad = (MB2_TAG_ALIGN - off % MB2_TAG_ALIGN) % MB2_TAG_ALIGN;
	return pad > total - off ? total : off + pad;
}

/* Walk the tags of a block whose first total bytes are readable. */
static const char *walk_tags(const uint8_t *block, size_t total, struct boot_info *out)
{
	size_t off = sizeof(struct mb2_info_header);

	/* Invariant: off <= total, so total - off never wraps. */
	while (total - off >= sizeof(struct mb2_tag)) {
		const struct mb2_tag *tag = (const void *)(block + off);
		const char *why;

		if (tag->size < sizeof *tag)
			return ERR_TAG_SMALL;
		if (tag->size > total - off)
			return ERR_TAG_OVERRUN;
		if (tag->type == MB2_TAG_END)
			return NULL;    /* any size >= 8 accepted; the spec says 8 */
		why = parse_tag(tag, out);
		if (why != NULL)
			return why;
		off = next_tag_offset(off, tag->size, total);
	}
	return ERR_NO_END;
}

/* Check the fixed header and return in *total how many bytes the tags may use. */
static const char *check_header(const void *mbi, size_t avail, size_t *total)
{
	const struct mb2_info_header *h = mbi;

	if (avail < sizeof *h)
		return ERR_SHORT;
	if (h->total_size < sizeof *h)
		return ERR_TOTAL_SMALL;
	if (h->total_size > avail)
		return ERR_TOTAL_AVAIL;
	/* Not required to be a multiple of MB2_TAG_ALIGN: some loaders differ. */
	*total = h->total_size;
	return NULL;
}

int mb2_parse(const void *mbi, size_t avail, struct boot_info *out, const char **err)
{
	const char *why;
	size_t total;

	if (mbi == NULL || out == NULL) {
		why = ERR_ARGS;
	} else {
		mb2_zero(out, sizeof *out);
		why = check_header(mbi, avail, &total);
		if (why == NULL)
			why = walk_tags(mbi, total, out);
	}
	if (why == NULL)
		return 0;
	if (err != NULL)
		*err = why;
	return -1;
}
