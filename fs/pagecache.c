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
 * copy first takes a reference on up to IO_BATCH frames under the lock,
 * drops it, copies through a copy window (mm/copywin.h: all the batch's
 * frames at consecutive addresses, one copy) or else page by page through
 * TMT slots. The frames it copies are pinned, not referenced one by one
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

/* The frames of pages first.. first+n-1 into pa: whether one is a hole.
 * A batch within one leaf (all but those across a leaf's edge) reads its
 * slots in a row, without a lookup each: a page of read_1m costs about
 * 21 instructions besides the copy, and a lookup each would add ten. */
static bool read_frames(const struct inode *ino, uint32_t first, uint32_t n, paddr_t *pa)
{
	const paddr_t *run = page_tree_run(ino, first, n);
	bool hole = false;
	for (uint32_t i = 0; i < n; i++) {
		pa[i] = run ? run[i] : lookup(ino, first + i);
		hole |= pa[i] == FRAME_NONE;
	}
	return hole;
}

/* Under the lock: the frames of the pages from first on (as many as
 * `pages`, at most IO_BATCH), pinned: FRAME_NONE for a hole a read finds
 * (*hole is then set), while a write makes its frames. The count held
 * (short: no frame left). */
static uint32_t hold_frames(struct inode *ino, uint32_t first, uint32_t pages, bool write,
			    paddr_t *pa, bool *hole)
{
	uint32_t n = pages < IO_BATCH ? pages : IO_BATCH, i;
	*hole = false;
	ino->io_pins++;
	if (!write) {
		*hole = read_frames(ino, first, n, pa);
		return n;
	}
	for (i = 0; i < n && (pa[i] = get_frame(ino, first + i)) != FRAME_NONE; i++)
		;
	return i;
}

/* The copy is over: the pin goes, and with the last one the frames a
 * truncation left past the end. Takes the lock. */
static void unpin_frames(struct inode *ino)
{
	vfs_lock();
	if (--ino->io_pins == 0 && ino->trim_pending) {
		ino->trim_pending = false;
		inode_truncate_pages(ino, ino->size);
	}
	vfs_unlock();
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

/* The held pages' bytes [in, in+n) in one copy through a copy window: 0,
 * or -1 when there is no window free, or the copy faulted (the caller
 * then goes page by page, which finds how far it gets). */
static int window_copy(const paddr_t *pa, uint32_t held, uint32_t in, user_ptr_t ubuf,
		       uint32_t n, bool write)
{
	uint8_t *w = copywin_map(pa, held);
	if (!w)
		return -1;
	int err = write ? copy_from_user(w + in, ubuf, n) : copy_to_user(ubuf, w + in, n);
	copywin_unmap(w, held);
	return err ? -1 : 0;
}

/* The same page by page through TMT slots: the count done, or -errno. */
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

/* One batch: the bytes [off, off+n) (within IO_BATCH pages of off's)
 * between user memory and the file. The count done, or -errno. */
static long batch_copy(struct inode *ino, user_ptr_t ubuf, uint32_t n, uint64_t off, bool write)
{
	paddr_t pa[IO_BATCH];
	bool hole;
	uint32_t first = (uint32_t)(off / PAGE_SIZE), in = (uint32_t)(off % PAGE_SIZE);
	vfs_lock();
	uint32_t held = hold_frames(ino, first, pages_for(in + (uint64_t)n), write, pa, &hole);
	vfs_unlock();
	if (held * PAGE_SIZE - in < n)
		n = held * PAGE_SIZE - in;       /* a write short of frames */
	long r = held ? (long)n : -ENOSPC;
	if (held && (hole || window_copy(pa, held, in, ubuf, n, write) != 0))
		r = pages_copy(pa, held, in, ubuf, n, write);
	unpin_frames(ino);
	return r;
}

long pagecache_copy_user(struct inode *ino, user_ptr_t ubuf, uint32_t n, uint64_t off, bool write)
{
	uint32_t done = 0;
	while (done < n) {
		uint32_t room = IO_BATCH * PAGE_SIZE - (uint32_t)((off + done) % PAGE_SIZE);
		uint32_t want = n - done < room ? n - done : room;
		long r = batch_copy(ino, user_ptr_add(ubuf, done), want, off + done, write);
		if (r <= 0)
			return done ? (long)done : r;
		done += (uint32_t)r;
		if ((uint32_t)r < want)
			break;                   /* a fault or no frame left: what was done */
	}
	return done;
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
