/*
 * uvm.h - a process's user memory areas (the "mm"): what the user half of
 * its address space may contain, page by page filled on first touch.
 *
 * An area is a range [start, end) with protections (PROT_*). Nothing is
 * mapped until it is touched: the page-fault handler calls uvm_fault(),
 * which maps a zeroed frame when the access is allowed. An area may be
 * backed by a file:
 *  - an ELF segment's bytes: the file's bytes from its offset on belong at
 *    [src_vaddr, src_vaddr + src_len) and are copied from its pages into
 *    each page as it is first touched; the rest stays zero;
 *  - a file mapping (mmap, back.mapped): page by page, the file's page
 *    cache frames themselves, shared (MAP_SHARED) or copy-on-write
 *    (MAP_PRIVATE: mapped read-only, PTE_COW, until a write copies it);
 *    a page wholly past the end of the file is SIGBUS. MAP_SHARED|
 *    MAP_ANONYMOUS is such a mapping of a nameless file (vfs_anon_inode).
 * Every area naming a file holds a reference to its inode.
 * All functions act on the current address space, which must be mm's.
 *
 * The threads of a process, and the processes clone(CLONE_VM) made, share
 * one mm: its lock guards the areas and the pages. Whoever changes or
 * resolves anything in a space that others may use holds it: the memory
 * system calls, the page-fault handler and fork (uvm_fault, mm_unmap,
 * mm_protect, mm_remap and mm_advise assert it). It is a sleeplock: a
 * fault may read a file (the VFS lock sleeps); the order is mm, then VFS.
 * An mm being built (execve, before it is installed) or torn down by its
 * last user (mm_destroy) is no one else's and needs no lock.
 */
#ifndef MM_UVM_H
#define MM_UVM_H

#include "kernel/sleeplock.h"
#include "mm/layout.h"
#include <stdbool.h>
#include <stdint.h>
#include "uapi/mman.h"             /* PROT_* */

#define USER_MMAP_TOP    (USER_STACK_BOTTOM - 0x01000000u) /* a gap below the stack */

enum vma_kind { VMA_ANON, VMA_ELF, VMA_HEAP, VMA_STACK, VMA_FILE };

struct inode;

struct vma_backing {
	struct inode *file;        /* whose bytes belong at src_vaddr; NULL: none */
	uint32_t pgoff;            /* the file page at src_vaddr's page: a page number, as
				    * Linux's vm_pgoff, so files past 4 GiB map (backing_off) */
	uint32_t src_vaddr, src_len;   /* src_len: an ELF segment's file bytes */
	bool mapped;               /* a file mapping: the page cache's frames (src_len unused) */
	bool writer;               /* its file was opened for writing: the area counts as a
				    * writer of the file's device while it lives (remount,ro
				    * is EBUSY), as Linux's vm_file keeps its FMODE_WRITER */
};

/* The file offset of the byte at address va of an area backed by b (va
 * may lie below src_vaddr: an area split off before it; the result is
 * then negative when no file byte belongs there). src_vaddr and its file
 * offset agree modulo the page size (mmap's are page aligned, and an ELF
 * segment's must, elf/elf_check.c). */
static inline int64_t backing_off(const struct vma_backing *b, uint32_t va)
{
	return ((int64_t)b->pgoff << PAGE_SHIFT) + (int64_t)va - (int64_t)page_down(b->src_vaddr);
}

/* Every field is guarded by its mm's lock (read by fork from the parent,
 * under the parent's lock). */
struct vma {
	uint32_t start, end;
	uint32_t prot;
	enum vma_kind kind;
	bool shared;               /* MAP_SHARED: fork shares the frames, writable in both */
	bool no_write;             /* MAP_SHARED of a file opened read-only: mprotect may not add PROT_WRITE */
	struct vma_backing back;
	struct vma *next;          /* sorted by start */
};

struct mm {
	struct sleeplock lock;     /* guards everything below, and the space's user pages */
	uint32_t users;            /* lock: processes using this mm (1, more after clone CLONE_VM) */
	struct vma *vmas;          /* lock */
	struct vma *last_fault;    /* lock: the area of the last fault (a hint; NULL after any list change) */
	uint32_t brk_start, brk;   /* lock: the heap is [brk_start, page_up(brk)) */
	uint32_t mmap_top;         /* fixed after execve: mmap searches down from here (mm/aslr.h) */
	uint32_t pages;            /* lock: user pages holding a frame (for /proc later) */
	/* The list of installed mms (mm/mm_list.c), which a truncation walks
	 * to unmap a file's pages from every space: */
	struct vm_space *space;    /* lock: the space its pages are in, from mm_install; NULL once destroyed */
	uint64_t serial;           /* fixed by mm_install: later mms have larger ones */
	uint32_t pins;             /* mm_list_lock: walkers holding it; the last frees it once dead */
	bool installed, dead;      /* mm_list_lock: in the list; freed by its owner while pinned */
	struct mm *list_next;      /* mm_list_lock */
};

/* mm's pages are now in space s (execve, fork; under the lock of the mm
 * they were copied from, if any): it joins the list mm_zap_file walks. */
void mm_install(struct mm *mm, struct vm_space *s);
/* Unmap the pages of every file mapping of ino at file offsets from `from`
 * (page aligned) on, in every installed mm, private copies too: the next
 * touch faults, which is SIGBUS past the end of the file (a truncation,
 * as Linux's unmap_mapping_range). Takes each mm's lock in turn: call it
 * with no lock held, holding a reference to ino. */
void mm_zap_file(struct inode *ino, uint64_t from);
/* Out of the list, and freed unless a walker holds it (mm_free_areas). */
void mm_uninstall(struct mm *mm);

/* A new mm with one user and no areas; NULL when out of memory. */
struct mm *mm_create(void);
/* Unmap every user page and table of the current space, free the areas
 * and mm; the current process's mm is NULL from before mm is freed. */
void mm_destroy(struct mm *mm);

/* Add an area over a free range; -ENOMEM if it overlaps or no memory. */
int mm_add_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot, enum vma_kind kind);
/* The same, for an area whose pages start as copies of back's bytes (the
 * area takes its own reference to back's file). */
int mm_add_backed_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot,
		       enum vma_kind kind, const struct vma_backing *back);
/* A MAP_SHARED anonymous area: a mapping of a new nameless file of its
 * size, so that its pages, made at first touch by whichever process,
 * are shared with every child forked before or after; -ENOMEM. */
int mm_add_shared_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot);
/* What mmap maps of a file. */
struct file_map {
	struct inode *file;
	uint32_t pgoff;            /* from this page of the file on */
	bool shared;               /* MAP_SHARED */
	bool no_write;             /* see struct vma */
	bool writer;               /* see struct vma_backing */
};

/* mmap of a file: an area mapping fm's file. -ENOMEM. */
int mm_add_file_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot,
		     const struct file_map *fm);
/* msync over [start, end): -ENOMEM when part of it has no area (at once
 * for MS_SYNC alone, as Linux), else 0; RAM files have nothing to write. */
int mm_sync(struct mm *mm, uint32_t start, uint32_t end, bool sync_only);
/* mincore: one byte per page of [start, start + n pages) (n at most
 * what vec holds), 1 when the page is in memory: mapped here, or in the
 * page cache of the file an area maps. The pages done before the first
 * with no area (then -ENOMEM if none was done). */
long mm_mincore(struct mm *mm, uint32_t start, uint32_t n, uint8_t *vec);
struct vma *mm_find_area(struct mm *mm, uint32_t addr);
/* Remove [start, end) from the areas and unmap its pages (splitting areas). */
int mm_unmap(struct mm *mm, uint32_t start, uint32_t end);
int mm_protect(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot);
/* Give the page at va (if it holds a frame) the entry prot calls for, for
 * a page outside any area yet (the ELF loader's eager path). */
void uvm_protect_page(uint32_t va, uint32_t prot);
/* mremap: resize [old, old+old_len) (inside one area) to new_len, moving it
 * when may_move and it cannot grow in place. The area keeps its backing and
 * sharing. Returns the address, or -EFAULT/-ENOMEM with nothing changed. */
long mm_remap(struct mm *mm, uint32_t old, uint32_t old_len, uint32_t new_len, bool may_move);
/* madvise over [start, end): with drop (MADV_DONTNEED), the private pages
 * go; the next touch refills them (zeros, or the area's backing bytes).
 * Shared pages stay. -ENOMEM when part of the range has no area, as Linux
 * says for any advice (the rest is still done). */
int mm_advise(struct mm *mm, uint32_t start, uint32_t end, bool drop);
/* A free range of len bytes at hint if possible, else the highest one below mm->mmap_top; 0 if none. */
uint32_t mm_find_free(struct mm *mm, uint32_t len, uint32_t hint);
/* Resolve a fault at addr: 0 when the page is there now (retry: mapped
 * here, or by another thread's fault first), -EFAULT when the access is
 * not allowed (no area, or against its protection), -EIO when a file
 * mapping's page lies wholly past the end of its file (SIGBUS), -ENOMEM
 * when no frame is left. */
int uvm_fault(struct mm *mm, uint32_t addr, bool write);
/* --- limits (mm/vm_limits.c), under mm's lock --- */
/* Would mapping [start, end) (replacing what areas cover of it) keep the
 * space within RLIMIT_AS? */
bool mm_may_map(struct mm *mm, uint32_t start, uint32_t end);
/* Would bytes more keep it within RLIMIT_AS? */
bool mm_may_grow(struct mm *mm, uint32_t bytes);
/* execve: the size of the new stack area when its arguments take need
 * bytes (Linux: those pages plus STACK_EXPAND, within RLIMIT_STACK). */
uint32_t mm_stack_initial(uint32_t need);
/* A fault at addr below the stack area: grow the area down to it if
 * RLIMIT_STACK, RLIMIT_AS and the guard gap allow. */
bool mm_grow_stack(struct mm *mm, uint32_t addr);
#define STACK_EXPAND (128u << 10)          /* Linux's stack_expand: room over the arguments */

/* A copy of mm's areas for a forked child (the pages are shared by
 * mm_clone_pages). NULL when out of memory. */
struct mm *mm_clone(const struct mm *mm);
/* Give child the pages of mm's areas (the current space's), shared copy-on-
 * write (vmm_clone_user over the areas only). 0 or -ENOMEM. */
struct vm_space;
int mm_clone_pages(const struct mm *mm, struct vm_space *child);
/* Free the area list and mm itself, leaving the pages alone. */
void mm_free_areas(struct mm *mm);

#endif
