/*
 * initramfs.c - find files in the boot archive (see initramfs.h).
 *
 * The module's frames stay reserved (the frame allocator never hands them
 * out) and are mapped read-only at KMODULE_BASE, so lookups read the
 * archive in place with no copy.
 */
#include "fs/initramfs.h"
#include "fs/cpio.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "mm/layout.h"
#include "mm/vmm.h"

#define SYMLINK_DEPTH 8
#define PATH_MAX_LEN  256

static const uint8_t *archive;
static uint32_t archive_size, entries;

void initramfs_init(const struct boot_info *bi)
{
	if (bi->module_count == 0) {
		pr_warn("initramfs: no boot module; the root file system is empty\n");
		return;
	}
	const struct boot_module *m = &bi->modules[0];
	uint32_t first = m->start & PAGE_MASK, size = m->end - m->start;
	uint32_t span = ((m->end + PAGE_SIZE - 1) & PAGE_MASK) - first;
	if (span > KMODULE_END - KMODULE_BASE)
		panic("initramfs: module of %u bytes is larger than its window", size);
	for (uint32_t off = 0; off < span; off += PAGE_SIZE)
		if (vmm_map(KMODULE_BASE + off, first + off, 0) != 0)
			panic("initramfs: cannot map the module");
	archive = (const uint8_t *)(KMODULE_BASE + (m->start - first));
	archive_size = size;

	struct cpio_iter it;
	struct cpio_entry e;
	int r;
	cpio_iter_init(&it, archive, archive_size);
	while ((r = cpio_next(&it, &e)) == 1)
		entries++;
	if (r < 0) {
		pr_err("initramfs: the archive is malformed after %u entries; ignoring it\n", entries);
		archive = NULL;
		archive_size = entries = 0;
		return;
	}
	kprintf("initramfs: %u entries, %u bytes\n", entries, size);
}

uint32_t initramfs_entries(void)
{
	return entries;
}

/* Resolve a symlink's target against the directory of the link's path. */
static void join_target(char *out, const char *link_path, const char *target, uint32_t tlen)
{
	size_t n = 0;
	if (target[0] != '/') {
		const char *slash = NULL;
		for (const char *p = link_path; *p; p++)
			if (*p == '/')
				slash = p;
		if (slash) {
			n = (size_t)(slash - link_path) + 1;
			if (n >= PATH_MAX_LEN)
				n = 0;
			memcpy(out, link_path, n);
		}
	}
	if (n + tlen >= PATH_MAX_LEN)
		tlen = PATH_MAX_LEN - 1 - (uint32_t)n;
	memcpy(out + n, target, tlen);
	out[n + tlen] = '\0';
}

int initramfs_lookup(const char *path, struct initramfs_file *out)
{
	char buf[2][PATH_MAX_LEN];
	strlcpy(buf[0], path, PATH_MAX_LEN);
	const char *cur = buf[0];
	for (int depth = 0; depth <= SYMLINK_DEPTH; depth++) {
		struct cpio_entry e;
		if (!archive)
			return -ENOENT;
		int r = cpio_find(archive, archive_size, cur, &e);
		if (r < 0)
			return r;
		if ((e.mode & CPIO_S_IFMT) != CPIO_S_IFLNK) {
			out->data = e.data;
			out->size = e.size;
			out->mode = e.mode;
			return 0;
		}
		char *next = buf[(depth + 1) & 1];
		join_target(next, cur, e.data, e.size);
		cur = next;
	}
	return -ELOOP;
}
