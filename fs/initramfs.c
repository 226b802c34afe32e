/*
 * initramfs.c - find files in the boot archive (see initramfs.h).
 *
 * The module's frames stay reserved (the frame allocator never hands them
 * out) and are mapped read-only at KMODULE_BASE, so lookups read the
 * archive in place with no copy. The archive is walked once at boot into an
 * index of its entries; lookups search the index, not the ASCII headers.
 */
#include "fs/initramfs.h"
#include "fs/cpio.h"
#include "kernel/console.h"
#include "uapi/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "uapi/stat.h"
#include "mm/layout.h"
#include "mm/kheap.h"
#include "mm/vmm.h"

#define SYMLINK_DEPTH 8
#define PATH_MAX_LEN  256

/* Set once by initramfs_init at boot, read-only after: no lock. */
static const uint8_t *archive;
static uint32_t archive_size, entries;
static struct cpio_entry *index;       /* entries, in archive order */

void initramfs_init(const struct boot_info *bi)
{
	if (bi->module_count == 0) {
		pr_warn("initramfs: no boot module; the root file system is empty\n");
		return;
	}
	const struct boot_module *m = &bi->modules[0];
	uint32_t first = page_down(m->start), size = m->end - m->start;
	uint32_t span = page_up(m->end) - first;
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
	index = r == 0 ? kmalloc(entries * sizeof(*index) + 1) : NULL;
	if (!index) {
		pr_err("initramfs: the archive is %s after %u entries; ignoring it\n",
		       r < 0 ? "malformed" : "too big to index", entries);
		archive = NULL;
		archive_size = entries = 0;
		return;
	}
	cpio_iter_init(&it, archive, archive_size);
	for (uint32_t i = 0; i < entries; i++)
		cpio_next(&it, &index[i]);
	kprintf("initramfs: %u entries, %u bytes\n", entries, size);
}

/* Like cpio_find on the index: the last entry of that name wins. */
static int index_find(const char *path, struct cpio_entry *e)
{
	while (*path == '/')
		path++;
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	for (uint32_t i = entries; i-- > 0; )
		if (strcmp(index[i].name, path) == 0) {
			*e = index[i];
			return 0;
		}
	return -ENOENT;
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

static void fill(struct initramfs_file *out, const struct cpio_entry *e)
{
	out->data = e->data;
	out->size = e->size;
	out->mode = e->mode;
	out->ino = e->ino;
	out->mtime = e->mtime;
}

int initramfs_lookup_nofollow(const char *path, struct initramfs_file *out)
{
	struct cpio_entry e;
	int r = archive ? index_find(path, &e) : -ENOENT;
	if (r == 0)
		fill(out, &e);
	return r;
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
		int r = index_find(cur, &e);
		if (r < 0)
			return r;
		if ((e.mode & S_IFMT) != S_IFLNK) {
			fill(out, &e);
			return 0;
		}
		char *next = buf[(depth + 1) & 1];
		join_target(next, cur, e.data, e.size);
		cur = next;
	}
	return -ELOOP;
}
