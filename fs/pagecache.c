/*
 * pagecache.c - a regular file's data: frames owned by its inode, one per
 * page, found by page number (fs/page_tree.c; FRAME_NONE: a hole, which reads
 * as zeros). The same frames are what read and write copy from and to,
 * what exec fills its pages from, and what a file mapping maps: a
 * MAP_SHARED page maps the frame itself, a MAP_PRIVATE one maps it
 * copy-on-write (mm/uvm.c). Each holder counts in the frame stack's
 * reference count, so a frame freed from the file (truncation, the last
 * reference to a deleted file) lives on in the mappings that still hold it.
 * Each frame in the tree counts against its file system (vfs_dev_charge):
 * a tmpfs mounted with size= is full at that many, and writes get ENOSPC
 * as on Linux; any file system is full when no frame is left.
 *
 * Locking: the page tree and size are the vfs lock's. User memory is
 * never touched with it held (a fault on a file mapping takes it): a user
 * copy maps up to IO_BATCH frames in a copy window under the lock
 * (mm/copywin.h: all the batch's frames at consecutive addresses, one
 * copy; copywin_map does not sleep), or takes them for a copy page by
 * page through TMT slots, drops it, and copies. The frames it copies are pinned, not referenced one by one
 * (that cost a third of a 64 KiB read): while ino->io_pins is not 0 no
 * frame leaves the tree (truncation zeroes them instead, and they go when
 * the last copy ends), and the open file's reference keeps the inode.
 */
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "mm/copywin.h"
#include "mm/layout.h"
#include "mm/tmt.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

#define IO_BATCH       16           /* frames one lock hold gathers for a user copy */

static uint32_t pages_for(uint64_t bytes) { return (uint32_t)((bytes + PAGE_SIZE - 1) / PAGE_SIZE); }

static paddr_t lookup(const struct inode *ino, uint32_t pg)
{
	return page_tree_get(ino, pg);
}

/* The device ino's frames count against: none for shared anonymous
 * memory's nameless files (inode.accounted). */
static uint32_t charged_dev(const struct inode *ino)
{
	return ino->accounted ? ino->dev : 0;
}

/* Has ino's file system as many pages as its size= lets it own? */
static bool fs_full(const struct inode *ino)
{
	uint32_t limit, used = vfs_dev_used(charged_dev(ino), DEV_PAGES, &limit);
	return limit && used >= limit;
}

/* The frame of page pg, a zeroed one made for a hole; FRAME_NONE when no
 * frame (or no memory for the tree) is left, or its file system is full
 * (fs_full). */
static paddr_t get_frame(struct inode *ino, uint32_t pg)
{
	paddr_t *slot = page_tree_slot(ino, pg);
	if (!slot)
		return FRAME_NONE;
	if (*slot == FRAME_NONE) {
		if (!vfs_dev_charge(charged_dev(ino), DEV_PAGES))
			return FRAME_NONE;           /* its tmpfs is full (size=) */
		paddr_t pa = frame_alloc();
		if (pa == FRAME_NONE) {
			vfs_dev_uncharge(charged_dev(ino), DEV_PAGES);
			return FRAME_NONE;
		}
		frame_zero(pa);
		*slot = pa;
		ino->nframes++;
	}
	return *slot;
}

/* A frame past a truncation's end: freed, or while a copy may be using
 * it (io_pins), zeroed so that it reads as a hole, and freed later. */
static void trim_frame(paddr_t *slot, void *arg)
{
	struct inode *ino = arg;
	if (ino->io_pins) {
		frame_zero(*slot);
		ino->trim_pending = true;
	} else {
		frame_free(*slot);
		*slot = FRAME_NONE;
		ino->nframes--;
		vfs_dev_uncharge(charged_dev(ino), DEV_PAGES);
	}
}

void inode_truncate_pages(struct inode *ino, uint64_t size)
{
	page_tree_trim(ino, pages_for(size), trim_frame, ino);
	pagecache_zero_tail(ino, size);
}

void pagecache_zero_tail(struct inode *ino, uint64_t from)
{
	uint32_t in = (uint32_t)(from % PAGE_SIZE);
	paddr_t pa = lookup(ino, (uint32_t)(from / PAGE_SIZE));
	if (in && pa != FRAME_NONE) {
		uint8_t *p = tmt_map(pa);
		memset(p + in, 0, PAGE_SIZE - in);
		tmt_unmap(p);
	}
}

void pagecache_write_begin(struct inode *ino, uint64_t off)
{
	if (off > ino->size)
		pagecache_zero_tail(ino, ino->size);
}

void pagecache_evict(struct inode *ino)
{
	inode_truncate_pages(ino, 0);
	page_tree_free(ino);
}

/* Copy between buf and the part [in, in+n) of page pg (a hole: zeros / a new frame). */
static int page_io(struct inode *ino, uint32_t pg, uint32_t in, void *buf, uint32_t n, bool write)
{
	paddr_t pa = write ? get_frame(ino, pg) : lookup(ino, pg);
	if (pa == FRAME_NONE) {
		if (write)
			return -ENOSPC;
		memset(buf, 0, n);
		return 0;
	}
	uint8_t *p = tmt_map(pa);
	if (write)
		memcpy(p + in, buf, n);
	else
		memcpy(buf, p + in, n);
	tmt_unmap(p);
	return 0;
}

long pagecache_io(struct inode *ino, void *buf, uint32_t n, uint64_t off, bool write)
{
	uint32_t done = 0;
	while (done < n) {
		uint64_t at = off + done;
		uint32_t in = (uint32_t)(at % PAGE_SIZE);
		uint32_t chunk = PAGE_SIZE - in < n - done ? PAGE_SIZE - in : n - done;
		int err = page_io(ino, (uint32_t)(at / PAGE_SIZE), in, (uint8_t *)buf + done, chunk, write);
		if (err)
			return done ? (long)done : err;
		done += chunk;
	}
	return done;
}

int pagecache_get_page(struct inode *ino, uint32_t pg, paddr_t *pa)
{
	if (pg >= pages_for(ino->size))
		return -EIO;                     /* wholly past the end: SIGBUS */
	*pa = get_frame(ino, pg);
	if (*pa == FRAME_NONE)
		return fs_full(ino) ? -EIO : -ENOMEM;   /* a full tmpfs: SIGBUS, as shmem_fault */
	frame_ref(*pa);
	ino->mapped = true;                      /* a truncation must unmap it (vfs_truncate) */
	return 0;
}

bool pagecache_resident(const struct inode *ino, uint32_t pg)
{
	return pg < pages_for(ino->size) && lookup(ino, pg) != FRAME_NONE;
}

/* The frames of pages first.. first+n-1 into pa (FRAME_NONE: a hole).
 * A batch within one leaf (all but those across a leaf's edge) reads its
 * slots in a row, without a lookup each. */
static void read_frames(const struct inode *ino, uint32_t first, uint32_t n, paddr_t *pa)
{
	const paddr_t *run = page_tree_run(ino, first, n);
	for (uint32_t i = 0; i < n; i++)
		pa[i] = run ? run[i] : lookup(ino, first + i);
}

/* Under the lock: the frames of the pages from first on (as many as
 * `pages`, at most IO_BATCH) into pa: FRAME_NONE for a hole a read finds,
 * while a write makes its frames. The count got (short: no frame left). */
static uint32_t get_frames(struct inode *ino, uint32_t first, uint32_t pages, bool write, paddr_t *pa)
{
	uint32_t i;
	if (!write) {
		read_frames(ino, first, pages, pa);
		return pages;
	}
	for (i = 0; i < pages && (pa[i] = get_frame(ino, first + i)) != FRAME_NONE; i++)
		;
	return i;
}

/* The copy is over (the lock is held): the pin goes, and with the last
 * one the frames a truncation left past the end. */
static void unpin_frames(struct inode *ino)
{
	if (--ino->io_pins == 0 && ino->trim_pending) {
		ino->trim_pending = false;
		inode_truncate_pages(ino, ino->size);
	}
}

/* Copy n bytes between user memory and offset in of frame pa (FRAME_NONE:
 * zeros to the user). 0, or -EFAULT/-ENOMEM. */
static int frame_user_copy(paddr_t pa, uint32_t in, user_ptr_t ubuf, uint32_t n, bool write)
{
	if (pa == FRAME_NONE)
		return clear_user(ubuf, n);
	uint8_t *p = tmt_map(pa);
	int err = write ? copy_from_user(p + in, ubuf, n) : copy_to_user(ubuf, p + in, n);
	tmt_unmap(p);
	return err;
}

static int user_copy(uint8_t *k, user_ptr_t ubuf, uint32_t n, bool write)
{
	return write ? copy_from_user(k, ubuf, n) : copy_to_user(ubuf, k, n);
}

/* The bytes [in, in+n) of a copy window w in one copy: the count done,
 * or -EFAULT. A copy that faults is done again page by page, which
 * finds how far it gets. */
static long window_copy(uint8_t *w, uint32_t in, user_ptr_t ubuf, uint32_t n, bool write)
{
	if (user_copy(w + in, ubuf, n, write) == 0)
		return n;
	uint32_t done = 0;
	while (done < n) {
		uint32_t room = PAGE_SIZE - page_offset(in + done);
		uint32_t chunk = n - done < room ? n - done : room;
		if (user_copy(w + in + done, user_ptr_add(ubuf, done), chunk, write))
			break;
		done += chunk;
	}
	return done ? (long)done : -EFAULT;
}

/* The same page by page through TMT slots (no window free, or a hole):
 * the count done, or -errno. */
static long pages_copy(const paddr_t *pa, uint32_t held, uint32_t in, user_ptr_t ubuf,
		       uint32_t n, bool write)
{
	uint32_t done = 0;
	for (uint32_t i = 0; i < held && done < n; i++, in = 0) {
		uint32_t chunk = PAGE_SIZE - in < n - done ? PAGE_SIZE - in : n - done;
		int err = frame_user_copy(pa[i], in, user_ptr_add(ubuf, done), chunk, write);
		if (err)
			return done ? (long)done : err;
		done += chunk;
	}
	return done;
}

/* Under the lock: the batch of `pages` pages from first on mapped in a
 * copy window, the frames pinned: the window, or NULL (no window free, or
 * a hole) with the frames in pa instead. *held: how many pages it got (a
 * write short of frames gets fewer). A read maps straight from the leaf's
 * slots when the batch lies in one (page_tree_run), so a page costs one
 * pass: the window's entry compared, and written only when it changed. */
static uint8_t *hold_batch(struct inode *ino, uint32_t first, uint32_t pages, bool write,
			   paddr_t *pa, uint32_t *held)
{
	const paddr_t *run = write ? NULL : page_tree_run(ino, first, pages);
	uint8_t *w = NULL;
	ino->io_pins++;
	*held = pages;
	if (run && (w = copywin_map(run, pages)) != NULL)
		return w;
	*held = get_frames(ino, first, pages, write, pa);
	return *held ? copywin_map(pa, *held) : NULL;
}

/* One batch: the bytes [off, off+n) (within IO_BATCH pages of off's)
 * between user memory and the file. Called with the lock held, lets it
 * go for the copy and takes it back. The count done, or -errno. */
static long batch_copy(struct inode *ino, user_ptr_t ubuf, uint32_t n, uint64_t off, bool write)
{
	paddr_t pa[IO_BATCH];
	uint32_t first = (uint32_t)(off / PAGE_SIZE), in = (uint32_t)(off % PAGE_SIZE), held;
	uint8_t *w = hold_batch(ino, first, pages_for(in + (uint64_t)n), write, pa, &held);
	vfs_unlock();
	if (held * PAGE_SIZE - in < n)
		n = held * PAGE_SIZE - in;       /* a write short of frames */
	long r = !held ? -ENOSPC : w ? window_copy(w, in, ubuf, n, write)
		 : pages_copy(pa, held, in, ubuf, n, write);
	if (w)
		copywin_unmap(w, held);
	vfs_lock();
	unpin_frames(ino);
	return r;
}

long pagecache_copy_user(struct inode *ino, user_ptr_t ubuf, uint32_t n, uint64_t off, bool write)
{
	uint32_t done = 0;
	long r = 0;
	while (done < n) {
		uint32_t room = IO_BATCH * PAGE_SIZE - (uint32_t)((off + done) % PAGE_SIZE);
		uint32_t want = n - done < room ? n - done : room;
		r = batch_copy(ino, user_ptr_add(ubuf, done), want, off + done, write);
		if (r <= 0)
			break;
		done += (uint32_t)r;
		if ((uint32_t)r < want)
			break;                   /* a fault or no frame left: what was done */
	}
	vfs_unlock();
	return done ? (long)done : r;
}

int vfs_map_page(struct inode *ino, uint32_t pg, paddr_t *pa)
{
	vfs_lock();
	int err = pagecache_get_page(ino, pg, pa);
	vfs_unlock();
	return err;
}

bool vfs_page_resident(struct inode *ino, uint32_t pg)
{
	vfs_lock();
	bool r = pagecache_resident(ino, pg);
	vfs_unlock();
	return r;
}
