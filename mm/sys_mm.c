/*
 * sys_mm.c - the memory system calls: brk, mmap2, munmap, mprotect,
 * mremap, madvise, msync, mincore. Arguments are checked as Linux checks them, and the
 * results (addresses, -errno) are Linux's.
 */
#include "gen/syscalls.h"
#include "fs/fd.h"
#include "fs/vfs.h"
#include "mm/uvm.h"
#include "mm/layout.h"
#include "mm/usercopy.h"
#include "mm/vmm.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"

#define PROT_ALL            (PROT_READ | PROT_WRITE | PROT_EXEC)
#define MINCORE_CHUNK       256      /* vec bytes made per copy out */

static struct mm *cur_mm(void) { return current_process()->mm; }

/* Each call runs under the mm's lock (the wrappers at the end): the
 * process's other threads may fault, map or unmap at the same time. */
#define LOCKED(call)                                       \
	({                                                 \
		struct mm *locked_mm_ = cur_mm();          \
		sleeplock_acquire(&locked_mm_->lock);              \
		long locked_r_ = (call);                   \
		sleeplock_release(&locked_mm_->lock);            \
		locked_r_;                                 \
	})

static long do_brk(uint32_t addr)
{
	struct mm *mm = cur_mm();
	uint32_t old_end = page_up(mm->brk), new_end = page_up(addr);
	if (addr < mm->brk_start || addr >= mm->mmap_top)
		return mm->brk;                          /* Linux: unchanged brk */
	if (new_end > old_end && (!mm_may_grow(mm, new_end - old_end) ||
				  mm_add_area(mm, old_end, new_end, PROT_READ | PROT_WRITE, VMA_HEAP) != 0))
		return mm->brk;
	if (new_end < old_end)
		mm_unmap(mm, new_end, old_end);
	mm->brk = addr;
	return addr;
}

/* What a file mapping may be, as Linux's do_mmap checks it: -EBADF,
 * -ENODEV (no page cache: a pipe, a directory, the console), -EACCES
 * (not open for reading; shared and writable, but not open for writing;
 * shared and append-only). fm: the file, no_write (shared, read-only
 * file) and writer (opened for writing: the area keeps it so). */
static int check_file_map(uint32_t fd, uint32_t prot, struct file_map *fm)
{
	bool shared = fm->shared;
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	uint32_t acc = f->flags & O_ACCMODE;
	if (!file_page_cache(f))
		return -ENODEV;
	if (acc == O_WRONLY)
		return -EACCES;
	if (shared && (((prot & PROT_WRITE) && acc != O_RDWR) || (acc == O_RDWR && (f->flags & O_APPEND))))
		return -EACCES;
	fm->no_write = shared && acc != O_RDWR;
	fm->writer = f->writer;
	fm->file = file_inode(f);
	return 0;
}

/* Where a new area of len bytes goes: addr for MAP_FIXED (what was there
 * goes, unless MAP_FIXED_NOREPLACE), else a free range near the hint. */
static int place_area(struct mm *mm, uint32_t addr, uint32_t len, uint32_t flags, uint32_t *start)
{
	if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))) {
		*start = mm_find_free(mm, len, addr);
		return !*start || !mm_may_map(mm, *start, *start + len) ? -ENOMEM : 0;
	}
	if (addr < USER_BASE || addr + len > USER_TOP || addr + len < addr)
		return -EINVAL;
	if (!mm_may_map(mm, addr, addr + len))
		return -ENOMEM;                  /* RLIMIT_AS: before anything is unmapped */
	if (!(flags & MAP_FIXED_NOREPLACE))
		mm_unmap(mm, addr, addr + len);
	*start = addr;
	return 0;
}

static long do_mmap2(uint32_t addr, unsigned long len, unsigned long prot, unsigned long flags,
	       unsigned long fd, unsigned long pgoff)
{
	struct mm *mm = cur_mm();
	bool shared = (flags & MAP_TYPE) == MAP_SHARED;
	struct file_map fm = { .shared = shared, .pgoff = pgoff };
	if (!(flags & MAP_ANONYMOUS) && !fd_file(fd))
		return -EBADF;                   /* Linux looks the file up first */
	if (len == 0 || page_offset(addr) || (prot & ~PROT_ALL))
		return -EINVAL;
	uint32_t type = flags & MAP_TYPE;
	if (type != MAP_PRIVATE && type != MAP_SHARED)
		return -EINVAL;
	len = page_up(len);
	if (len == 0 || len > USER_TOP - USER_BASE)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;               /* its end past the last page number (16 TiB), as Linux */
	if (!(flags & MAP_ANONYMOUS)) {
		int err = check_file_map(fd, prot, &fm);
		if (err)
			return err;
	}
	uint32_t s;
	int err = place_area(mm, addr, len, flags, &s);
	if (err)
		return err;
	uint32_t e = s + len;
	err = fm.file ? mm_add_file_area(mm, s, e, prot, &fm)
		  : shared ? mm_add_shared_area(mm, s, e, prot)
		  : mm_add_area(mm, s, e, prot, VMA_ANON);
	if (err)
		return (flags & MAP_FIXED_NOREPLACE) ? -EEXIST : err;
	return s;
}

/* The old mmap: one pointer to six arguments, the offset in bytes. */
long sys_old_mmap(user_ptr_t arg)
{
	uint32_t a[6];
	if (copy_from_user(a, arg, sizeof(a)))
		return -EFAULT;
	if (page_offset(a[5]))
		return -EINVAL;
	return sys_mmap2(a[0], a[1], a[2], a[3], a[4], a[5] >> MMAP_PAGE_SHIFT);
}

static bool range_ok(uint32_t addr, uint32_t len)
{
	return !page_offset(addr) && addr >= USER_BASE && user_range_ok(addr, len);
}

static long do_munmap(uint32_t addr, size_t len)
{
	len = page_up(len);
	if (len == 0 || !range_ok(addr, len))
		return -EINVAL;
	return mm_unmap(cur_mm(), addr, addr + len);
}

static long do_mprotect(uint32_t addr, size_t len, unsigned long prot)
{
	if (page_offset(addr) || (prot & ~PROT_ALL))
		return -EINVAL;
	len = page_up(len);
	if (len == 0)
		return 0;
	if (!range_ok(addr, len))
		return -ENOMEM;
	return mm_protect(cur_mm(), addr, addr + len, prot);
}

static long do_mremap(uint32_t old, unsigned long old_len, unsigned long new_len, unsigned long flags,
		uint32_t new_addr)
{
	(void)new_addr;                          /* only with MREMAP_FIXED, refused below */
	if (page_offset(old) || (flags & ~MREMAP_MAYMOVE))     /* MREMAP_FIXED: not yet */
		return -EINVAL;
	old_len = page_up(old_len);
	new_len = page_up(new_len);
	if (new_len == 0)
		return -EFAULT;
	if (old_len == 0)
		return -EINVAL;                  /* Linux: only a shared area may be duplicated so */
	if (new_len > old_len && !mm_may_grow(cur_mm(), new_len - old_len))
		return -ENOMEM;                  /* RLIMIT_AS */
	return mm_remap(cur_mm(), old, old_len, new_len, flags & MREMAP_MAYMOVE);
}

/* Hints that a kernel may ignore, as Linux does when it has nothing to do. */
static bool advice_is_hint(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTDUMP: case MADV_DODUMP: case MADV_COLD: case MADV_PAGEOUT:
		return true;
	}
	return false;
}

static long do_madvise(uint32_t addr, size_t len, int advice)
{
	/* MADV_FREE lets the kernel drop the pages whenever it likes: now. */
	bool drop = advice == MADV_DONTNEED || advice == MADV_FREE;
	if (page_offset(addr) || (!drop && !advice_is_hint(advice)))
		return -EINVAL;                  /* unknown advice: EINVAL, as Linux */
	uint32_t end = addr + page_up(len);
	if (end < addr || (len && page_up(len) == 0))
		return -EINVAL;
	if (end == addr)
		return 0;
	if (!range_ok(addr, end - addr))
		return -ENOMEM;
	return mm_advise(cur_mm(), addr, end, drop);
}

long sys_msync(uint32_t addr, size_t len, int flags)
{
	if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) || page_offset(addr) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	uint32_t end = addr + page_up(len);
	if (end < addr || (len && page_up(len) == 0))
		return -ENOMEM;
	if (end == addr)
		return 0;
	return LOCKED(mm_sync(cur_mm(), addr, end, flags == MS_SYNC));
}

long sys_mincore(uint32_t addr, size_t len, user_ptr_t vec)
{
	uint8_t buf[MINCORE_CHUNK];
	if (page_offset(addr))
		return -EINVAL;
	if (!user_range_ok(addr, len))
		return -ENOMEM;
	uint32_t pages = page_up(len) >> PAGE_SHIFT;    /* no wrap: len < USER_TOP */
	if (!user_range_ok(vec.addr, pages))
		return -EFAULT;
	for (uint32_t done = 0; done < pages; ) {
		uint32_t want = pages - done < MINCORE_CHUNK ? pages - done : MINCORE_CHUNK;
		long r = LOCKED(mm_mincore(cur_mm(), addr + done * PAGE_SIZE, want, buf));
		if (r < 0)
			return r;
		if (copy_to_user(user_ptr_add(vec, done), buf, (size_t)r))
			return -EFAULT;
		done += (uint32_t)r;
	}
	return 0;
}

long sys_brk(uint32_t addr) { return LOCKED(do_brk(addr)); }
long sys_munmap(uint32_t addr, size_t len) { return LOCKED(do_munmap(addr, len)); }
long sys_madvise(uint32_t addr, size_t len, int advice) { return LOCKED(do_madvise(addr, len, advice)); }

long sys_mmap2(uint32_t addr, unsigned long len, unsigned long prot, unsigned long flags,
	       unsigned long fd, unsigned long pgoff)
{
	return LOCKED(do_mmap2(addr, len, prot, flags, fd, pgoff));
}

long sys_mprotect(uint32_t addr, size_t len, unsigned long prot)
{
	return LOCKED(do_mprotect(addr, len, prot));
}

long sys_mremap(uint32_t old, unsigned long old_len, unsigned long new_len, unsigned long flags,
		uint32_t new_addr)
{
	return LOCKED(do_mremap(old, old_len, new_len, flags, new_addr));
}
