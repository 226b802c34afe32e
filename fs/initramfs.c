/*
 * initramfs.c - unpack the boot archive into the root tmpfs (see
 * initramfs.h). The module is mapped read-only at KMODULE_BASE for the
 * unpacking; as the entries are copied into the tmpfs, the module's whole
 * frames behind them are unmapped and given to the frame allocator, so
 * the archive and its unpacked copy need not fit in memory together.
 *
 * Entries come in archive order, a directory before what it holds (as
 * `find` lists them); a later entry of the same name replaces the earlier
 * one, as when extracting. Hard links: newc gives every name of one inode
 * the same c_ino and the data only with the last name, so names with
 * nlink > 1 are matched by c_ino and share the inode made for the first.
 */
#include "fs/initramfs.h"
#include "fs/chrdev.h"
#include "fs/cpio.h"
#include "fs/vfs.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/vmm.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

#define HARDLINKS_MAX   256              /* multiply-linked inodes remembered */
#define BAD_NAME_SHOWN  64               /* bytes of a bad entry's name in the report */

struct hardlink {
	uint32_t cpio_ino;
	struct inode *ino;
};

/* Boot only, one thread: no lock beyond the vfs lock taken around it. */
static struct hardlink links[HARDLINKS_MAX];
static uint32_t nlinks;

/* Map the module read-only; its bytes, or NULL without one. */
static const uint8_t *map_module(const struct boot_info *bi, uint32_t *size)
{
	if (bi->module_count == 0)
		return NULL;
	const struct boot_module *m = &bi->modules[0];
	uint32_t first = page_down(m->start), span = page_up(m->end) - first;
	if (span > KMODULE_END - KMODULE_BASE)
		panic("initramfs: module of %u bytes is larger than its window", m->end - m->start);
	for (uint32_t off = 0; off < span; off += PAGE_SIZE)
		if (vmm_map(KMODULE_BASE + off, first + off, 0) != 0)
			panic("initramfs: cannot map the module");
	*size = m->end - m->start;
	return (const uint8_t *)(KMODULE_BASE + (m->start - first));
}

static struct inode *hardlink_find(const struct cpio_entry *e)
{
	for (uint32_t i = 0; e->nlink > 1 && i < nlinks; i++)
		if (links[i].cpio_ino == e->ino)
			return links[i].ino;
	return NULL;
}

static void hardlink_remember(const struct cpio_entry *e, struct inode *ino)
{
	if (e->nlink > 1 && !S_ISDIR(e->mode) && nlinks < HARDLINKS_MAX)
		links[nlinks++] = (struct hardlink){ e->ino, ino };
}

/* The archive's attributes, and a file's data or a link's target. */
static int fill(struct inode *ino, const struct cpio_entry *e)
{
	ino->mode = e->mode;
	ino->uid = e->uid;
	ino->gid = e->gid;
	if (S_ISLNK(e->mode) && !ino->target) {
		ino->target = kmalloc(e->size + 1);
		if (!ino->target)
			return -ENOMEM;
		memcpy(ino->target, e->data, e->size);
		ino->target[e->size] = '\0';
		ino->size = e->size;
	} else if (S_ISREG(e->mode) && e->size) {
		long r = ino->ops->write(ino, e->data, e->size, 0);
		if (r != (long)e->size)
			return r < 0 ? (int)r : -ENOSPC;
	}
	ino->atime = ino->mtime = ino->ctime = (struct vfs_time){ e->mtime, 0 };
	return 0;
}

/* Make (or replace, or link) the entry's name: 0 or -errno. */
static int unpack_entry(const struct cpio_entry *e)
{
	struct inode *parent, *ino;
	char last[NAME_MAX + 1];
	bool slash;
	if (e->namelen == 0)                     /* "." of `find .`: the root itself */
		return S_ISDIR(e->mode) ? fill(vfs_root_locked(), e) : -EINVAL;
	int err = vfs_lookup_parent(NULL, e->name, &parent, last, &slash);
	if (err)
		return err;
	if (vfs_lookup(parent, last, 0, &ino) == 0) {
		if (S_ISDIR(ino->mode) && S_ISDIR(e->mode))
			return fill(ino, e);             /* a directory listed again */
		err = vfs_unlink(parent, last, S_ISDIR(ino->mode));
		if (err)
			return err;
	}
	ino = hardlink_find(e);
	if (ino)
		return vfs_add_link(parent, last, ino) ?: fill(ino, e);
	err = vfs_create(parent, last, e->mode, &ino);
	if (!err && (S_ISCHR(e->mode) || S_ISBLK(e->mode)))
		ino->rdev = MKDEV(e->rdevmajor, e->rdevminor);
	if (!err)
		hardlink_remember(e, ino);
	return err ?: fill(ino, e);
}

/* The module's whole frames from *done up to to (physical, page aligned)
 * are behind the unpacking: unmap them and give them to the allocator. */
static uint32_t release_upto(const struct boot_module *m, paddr_t *done, paddr_t to)
{
	if (to <= *done)
		return 0;
	for (paddr_t pa = *done; pa < to; pa += PAGE_SIZE)
		vmm_unmap(KMODULE_BASE + (pa - page_down(m->start)));
	uint32_t n = frame_release_boot(*done, to);
	*done = to;
	return n;
}

/* Unmap what is left of the window (the partial pages stay reserved). */
static void unmap_window(const struct boot_module *m)
{
	for (uint32_t off = 0; off < page_up(m->end) - page_down(m->start); off += PAGE_SIZE)
		if (pte_holds_frame(vmm_get_pte(KMODULE_BASE + off)))
			vmm_unmap(KMODULE_BASE + off);
}

/* Say which entry is malformed: the name its header gives, if readable. */
static void report_bad(const struct cpio_iter *it, uint32_t good)
{
	char name[BAD_NAME_SHOWN + 1];
	uint32_t at = it->off + CPIO_HEADER_SIZE, n = 0;
	while (at + n < it->size && n < BAD_NAME_SHOWN && it->base[at + n] >= ' ' &&
	       it->base[at + n] < 0x7f) {
		name[n] = (char)it->base[at + n];
		n++;
	}
	name[n] = '\0';
	pr_err("initramfs: malformed entry \"%s\" at offset %u; keeping the %u entries before it\n",
	       name, it->off, good);
}

void initramfs_init(const struct boot_info *bi)
{
	uint32_t size = 0, good = 0, failed = 0;
	vfs_init();
	const uint8_t *archive = map_module(bi, &size);
	if (!archive) {
		pr_warn("initramfs: no boot module; the root file system is empty\n");
		return;
	}
	struct cpio_iter it;
	struct cpio_entry e;
	int r;
	const struct boot_module *m = &bi->modules[0];
	paddr_t done = page_up(m->start);
	uint32_t given = 0;
	cpio_iter_init(&it, archive, size);
	vfs_lock();
	while ((r = cpio_next(&it, &e)) == 1) {
		int err = unpack_entry(&e);
		if (err) {
			pr_err("initramfs: cannot make \"%s\": error %d\n", e.name, -err);
			failed++;
		} else {
			good++;
		}
		given += release_upto(m, &done, page_down(m->start + it.off));
	}
	vfs_unlock();
	if (r < 0)
		report_bad(&it, good);
	given += release_upto(m, &done, page_down(m->end));
	unmap_window(m);
	kprintf("initramfs: %u entries unpacked (%u refused) from %u bytes; %u frames given back\n",
		good, failed, size, given);
}
