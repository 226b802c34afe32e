/*
 * mm_list.c - every installed mm, in install order, so that a truncation
 * can take a file's pages past its new end out of every space that maps
 * them (Linux's unmap_mapping_range): the next touch faults and finds the
 * page past the end (SIGBUS), and the frames come back to the stack.
 *
 * Walking: mm_zap_file visits the mms one at a time by increasing serial,
 * each under its own lock (the page tables are its lock's: uvm.h), pinned
 * meanwhile so it is not freed under the walker. Why every mapping is
 * reached: the truncation set the new size first, so a fault after that
 * sees it (-EIO); a fault before it holds its mm's lock until its page is
 * in, which the walk then takes away. fork installs the child under the
 * parent's lock, after copying its pages, with a larger serial: either the
 * walk passed the parent before (nothing stale to copy) or it reaches the
 * parent, then the child, later.
 *
 * Locking: mm_list_lock (a spinlock) guards the list, pins, installed and
 * dead; a pinned mm's own lock guards the rest (its areas, its space).
 */
#include "mm/uvm.h"
#include "kernel/spinlock.h"
#include "mm/kheap.h"
#include "mm/vmm.h"

static struct spinlock mm_list_lock = SPINLOCK_INIT("mm_list");
static struct mm *mm_list;           /* mm_list_lock: oldest first */
static struct mm **mm_list_tail = &mm_list;   /* mm_list_lock */
static uint64_t mm_serial;           /* mm_list_lock: the last serial given */

void mm_install(struct mm *mm, struct vm_space *s)
{
	mm->space = s;
	spin_lock(&mm_list_lock);
	mm->serial = ++mm_serial;
	mm->installed = true;
	mm->list_next = NULL;
	*mm_list_tail = mm;
	mm_list_tail = &mm->list_next;
	spin_unlock(&mm_list_lock);
}

static void list_remove(struct mm *mm)
{
	struct mm **pp = &mm_list;
	while (*pp != mm)
		pp = &(*pp)->list_next;
	*pp = mm->list_next;
	if (mm_list_tail == &mm->list_next)
		mm_list_tail = pp;
	mm->installed = false;
}

void mm_uninstall(struct mm *mm)
{
	spin_lock(&mm_list_lock);
	if (mm->installed)
		list_remove(mm);
	bool keep = mm->pins > 0;            /* a walker frees it */
	mm->dead = keep;
	spin_unlock(&mm_list_lock);
	if (!keep)
		kfree(mm);
}

/* The installed mm after serial `after`, pinned; NULL past the last. */
static struct mm *pin_next(uint64_t after)
{
	spin_lock(&mm_list_lock);
	struct mm *mm = mm_list;
	while (mm && mm->serial <= after)
		mm = mm->list_next;
	if (mm)
		mm->pins++;
	spin_unlock(&mm_list_lock);
	return mm;
}

static void unpin(struct mm *mm)
{
	spin_lock(&mm_list_lock);
	bool free = --mm->pins == 0 && mm->dead;
	spin_unlock(&mm_list_lock);
	if (free)
		kfree(mm);
}

/* The addresses of v whose file offsets are from `from` on: [*lo, v->end). */
static bool area_past(const struct vma *v, const struct inode *ino, uint64_t from, uint32_t *lo)
{
	if (!v->back.mapped || v->back.file != ino)
		return false;
	/* The file offset of v->start (src_vaddr may lie below it after a split). */
	int64_t start_off = backing_off(&v->back, v->start);
	int64_t end_off = start_off + (v->end - v->start);
	if (end_off <= (int64_t)from)
		return false;
	*lo = (int64_t)from <= start_off ? v->start : v->start + (uint32_t)((int64_t)from - start_off);
	return true;
}

/* mm's pages of ino from `from` on go (its lock held). */
static void zap_mm(struct mm *mm, struct inode *ino, uint64_t from)
{
	uint32_t lo;
	if (!mm->space)
		return;                          /* destroyed meanwhile */
	for (struct vma *v = mm->vmas; v; v = v->next)
		if (area_past(v, ino, from, &lo))
			mm->pages -= vmm_unmap_range_in(mm->space, lo, v->end);
}

void mm_zap_file(struct inode *ino, uint64_t from)
{
	uint64_t last = 0;
	for (struct mm *mm; (mm = pin_next(last)) != NULL; unpin(mm)) {
		last = mm->serial;
		sleeplock_acquire(&mm->lock);
		zap_mm(mm, ino, from);
		sleeplock_release(&mm->lock);
	}
}
