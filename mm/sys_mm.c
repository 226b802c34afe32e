/*
 * sys_mm.c - the memory system calls: brk, mmap2, munmap, mprotect,
 * mremap, madvise. Arguments are checked as Linux checks them, and the
 * results (addresses, -errno) are Linux's.
 */
#include "gen/syscalls.h"
#include "mm/uvm.h"
#include "mm/layout.h"
#include "mm/usercopy.h"
#include "mm/vmm.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

#define PROT_ALL            (PROT_READ | PROT_WRITE | PROT_EXEC)

static struct mm *cur_mm(void) { return current_process()->mm; }

long sys_brk(uint32_t addr)
{
	struct mm *mm = cur_mm();
	uint32_t old_end = page_up(mm->brk), new_end = page_up(addr);
	if (addr < mm->brk_start || addr >= USER_MMAP_TOP)
		return mm->brk;                          /* Linux: unchanged brk */
	if (new_end > old_end &&
	    mm_add_area(mm, old_end, new_end, PROT_READ | PROT_WRITE, VMA_HEAP) != 0)
		return mm->brk;
	if (new_end < old_end)
		mm_unmap(mm, new_end, old_end);
	mm->brk = addr;
	return addr;
}

long sys_mmap2(uint32_t addr, unsigned long len, unsigned long prot, unsigned long flags,
	       unsigned long fd, unsigned long pgoff)
{
	struct mm *mm = cur_mm();
	(void)pgoff;
	if (len == 0 || page_offset(addr) || (prot & ~PROT_ALL))
		return -EINVAL;
	uint32_t type = flags & MAP_TYPE;
	if (type != MAP_PRIVATE && type != MAP_SHARED)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return (int32_t)fd < 0 ? -EBADF : -ENODEV;   /* file mappings come with the VFS */
	len = page_up(len);
	if (len == 0 || len > USER_TOP - USER_BASE)
		return -ENOMEM;
	uint32_t start;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr < USER_BASE || addr + len > USER_TOP || addr + len < addr)
			return -EINVAL;
		start = addr;
		if (!(flags & MAP_FIXED_NOREPLACE))
			mm_unmap(mm, start, start + len);
	} else {
		start = mm_find_free(mm, len, addr);
		if (!start)
			return -ENOMEM;
	}
	int err = type == MAP_SHARED ? mm_add_shared_area(mm, start, start + len, prot)
				     : mm_add_area(mm, start, start + len, prot, VMA_ANON);
	if (err)
		return (flags & MAP_FIXED_NOREPLACE) ? -EEXIST : err;
	return start;
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

long sys_munmap(uint32_t addr, size_t len)
{
	len = page_up(len);
	if (len == 0 || !range_ok(addr, len))
		return -EINVAL;
	return mm_unmap(cur_mm(), addr, addr + len);
}

long sys_mprotect(uint32_t addr, size_t len, unsigned long prot)
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

long sys_mremap(uint32_t old, unsigned long old_len, unsigned long new_len, unsigned long flags,
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

long sys_madvise(uint32_t addr, size_t len, int advice)
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
