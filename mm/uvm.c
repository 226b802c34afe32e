/*
 * uvm.c - user memory areas (see uvm.h). The list is short (a static
 * program has a handful of areas), so a sorted linked list is enough.
 */
#include "mm/uvm.h"
#include "fs/vfs.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/pte.h"
#include "mm/tmt.h"
#include "mm/vmm.h"
#include "uapi/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "proc/proc.h"

/* uvm.h's rule, checked at every entry point that touches pages: mm is
 * the current process's, and its address space is the one loaded. */
#define assert_current_mm(mm) \
	KASSERT((mm) == current_process()->mm && current_process()->vm == vmm_current())
/* The same, for the entry points that threads sharing mm race on: its lock is held. */
#define assert_current_mm_locked(mm)   \
	do {                           \
		assert_current_mm(mm); \
		assert_sleeplock_held(&(mm)->lock); \
	} while (0)

/*
 * The one rule for a user page's entry, used wherever one is written:
 * the area's protections, except that
 *  - PROT_NONE is not present (i386 has no NX: a present page is readable),
 *    with the frame kept in the entry (PTE_PROTNONE) for mprotect back;
 *  - a frame shared since fork (PTE_COW in marks, the old entry's bits)
 *    stays write-protected whatever prot says, until a write fault.
 */
static pte_t user_pte(paddr_t pa, uint32_t prot, bool shared, pte_t marks)
{
	pte_t pte = (pa & PTE_FRAME) | (shared ? PTE_SHARED : 0);
	if (prot == PROT_NONE)
		pte |= PTE_PROTNONE;
	else
		pte |= PTE_P | PTE_U | ((prot & PROT_WRITE) ? PTE_W : 0);
	return (marks & PTE_COW) ? pte_cow_protect(pte) : pte;
}

static pte_t area_pte(const struct vma *v, paddr_t pa, pte_t marks)
{
	return user_pte(pa, v->prot, v->shared, marks);
}

/* The index of the first of n entries from pt on that holds a frame, or
 * n: four at a time while none is in sight (a thread's 8 MiB stack that
 * madvise(MADV_DONTNEED) walks at every pthread exit is mostly empty). */
static uint32_t first_held(const pte_t *pt, uint32_t n)
{
	uint32_t j = 0;
	while (j + 4 <= n && !((pt[j] | pt[j + 1] | pt[j + 2] | pt[j + 3]) & (PTE_P | PTE_PROTNONE)))
		j += 4;
	while (j < n && !pte_holds_frame(pt[j]))
		j++;
	return j;
}

/* The first page in [va, end) whose entry holds a frame, or end; 4 MiB at
 * a time where there is no page table. */
static uint32_t next_held(uint32_t va, uint32_t end)
{
	for (uint32_t stop; va < end; va = stop) {
		stop = table_stop(va, end);
		if (!(self_pd()[pde_index(va)] & PTE_P))
			continue;
		uint32_t n = (stop - va) / PAGE_SIZE, j = first_held(self_pte(va), n);
		if (j < n)
			return va + j * PAGE_SIZE;
	}
	return end;
}

#define for_each_held(va, start, end) \
	for (uint32_t va = next_held(start, end); va < (end); va = next_held(va + PAGE_SIZE, end))

struct mm *mm_create(void)
{
	struct mm *mm = kzalloc(sizeof(struct mm));
	if (mm) {
		mm->lock = (struct sleeplock)SLEEPLOCK_INIT("mm");
		mm->users = 1;
		mm->mmap_top = USER_MMAP_TOP;     /* execve may randomize it (mm/aslr.h) */
	}
	return mm;
}

struct vma *mm_find_area(struct mm *mm, uint32_t addr)
{
	for (struct vma *v = mm->vmas; v && v->start <= addr; v = v->next)
		if (addr < v->end)
			return v;
	return NULL;
}

static bool range_free(struct mm *mm, uint32_t start, uint32_t end)
{
	for (struct vma *v = mm->vmas; v; v = v->next)
		if (v->start < end && start < v->end)
			return false;
	return true;
}

static bool same_area(const struct vma *a, const struct vma *b)
{
	return a->prot == b->prot && a->kind == b->kind && a->shared == b->shared &&
	       a->no_write == b->no_write && a->back.file == b->back.file &&
	       a->back.pgoff == b->back.pgoff && a->back.src_vaddr == b->back.src_vaddr &&
	       a->back.src_len == b->back.src_len && a->back.mapped == b->back.mapped &&
	       a->back.writer == b->back.writer;
}

/* A new area like `like`, holding its own reference to the backing file. */
static struct vma *vma_dup(const struct vma *like)
{
	struct vma *v = kmalloc(sizeof(*v));
	if (v) {
		*v = *like;
		vfs_area_hold(v->back.file, v->back.writer);
	}
	return v;
}

static void vma_free(struct vma *v)
{
	vfs_area_release(v->back.file, v->back.writer);
	kfree(v);
}

/* Join neighbours that touch and agree, so brk and stack growth stay one area. */
static void merge_areas(struct mm *mm)
{
	mm->last_fault = NULL;
	for (struct vma *v = mm->vmas; v && v->next; ) {
		struct vma *n = v->next;
		if (v->end == n->start && same_area(v, n)) {
			v->end = n->end;
			v->next = n->next;
			vma_free(n);
		} else {
			v = n;
		}
	}
}

/* Link a copy of like (its start and end included) into the sorted list,
 * unmerged. -ENOMEM if it overlaps another area or no memory. */
static int insert_area(struct mm *mm, const struct vma *like)
{
	if (like->start >= like->end || like->end > USER_TOP || like->start < USER_BASE ||
	    !range_free(mm, like->start, like->end))
		return -ENOMEM;
	struct vma *v = vma_dup(like);
	if (!v)
		return -ENOMEM;
	struct vma **pp = &mm->vmas;
	while (*pp && (*pp)->start < v->start)
		pp = &(*pp)->next;
	v->next = *pp;
	*pp = v;
	mm->last_fault = NULL;
	return 0;
}

int mm_add_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot, enum vma_kind kind)
{
	static const struct vma_backing none;
	return mm_add_backed_area(mm, start, end, prot, kind, &none);
}

/* insert_area, then merge it with its neighbours where they agree. */
static int add_area(struct mm *mm, const struct vma *like)
{
	int err = insert_area(mm, like);
	if (!err)
		merge_areas(mm);
	return err;
}

int mm_add_backed_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot,
		       enum vma_kind kind, const struct vma_backing *back)
{
	struct vma like = { .start = start, .end = end, .prot = prot, .kind = kind, .back = *back };
	return add_area(mm, &like);
}

/* Unmap and free the pages of [start, end) in the current space. */
static void unmap_pages(struct mm *mm, uint32_t start, uint32_t end)
{
	for_each_held(va, start, end) {
		frame_free(vmm_unmap(va));
		mm->pages--;
	}
}

/* Split the area containing addr (strictly inside it) into two at addr. */
static int split_at(struct mm *mm, uint32_t addr)
{
	struct vma *v = mm_find_area(mm, addr);
	if (!v || v->start == addr)
		return 0;
	struct vma *n = vma_dup(v);
	if (!n)
		return -ENOMEM;
	n->start = addr;
	v->end = addr;
	v->next = n;
	mm->last_fault = NULL;
	return 0;
}

int mm_unmap(struct mm *mm, uint32_t start, uint32_t end)
{
	assert_current_mm_locked(mm);
	if (split_at(mm, start) || split_at(mm, end))
		return -ENOMEM;
	for (struct vma **pp = &mm->vmas; *pp; ) {
		struct vma *v = *pp;
		if (v->start >= start && v->end <= end) {
			*pp = v->next;
			mm->last_fault = NULL;
			vma_free(v);
		} else {
			pp = &v->next;
		}
	}
	unmap_pages(mm, start, end);
	return 0;
}

/* Rewrite the entries of v's pages that hold a frame, after a change of v. */
static void reprotect_area(const struct vma *v)
{
	for_each_held(va, v->start, v->end) {
		pte_t pte = vmm_get_pte(va);
		vmm_set_pte(va, area_pte(v, pte & PTE_FRAME, pte));   /* the table exists */
	}
}

void uvm_protect_page(uint32_t va, uint32_t prot)
{
	pte_t pte = vmm_get_pte(va);
	if (pte_holds_frame(pte))
		vmm_set_pte(va, user_pte(pte & PTE_FRAME, prot, false, pte));
}

int mm_protect(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot)
{
	assert_current_mm_locked(mm);
	/* Linux refuses the whole call if any page of the range has no area. */
	for (uint32_t a = start; a < end; ) {
		struct vma *v = mm_find_area(mm, a);
		if (!v)
			return -ENOMEM;
		if (v->no_write && (prot & PROT_WRITE))
			return -EACCES;          /* the file was opened read-only */
		a = v->end;
	}
	if (split_at(mm, start) || split_at(mm, end))
		return -ENOMEM;
	for (struct vma *v = mm->vmas; v; v = v->next)
		if (v->start >= start && v->end <= end) {
			v->prot = prot;
			reprotect_area(v);
		}
	merge_areas(mm);
	return 0;
}

uint32_t mm_find_free(struct mm *mm, uint32_t len, uint32_t hint)
{
	hint &= PAGE_MASK;
	if (hint >= USER_BASE && hint + len > hint && hint + len <= mm->mmap_top &&
	    range_free(mm, hint, hint + len))
		return hint;
	/* Top down from the mmap base, as Linux's legacy-free layout does. */
	uint32_t top = mm->mmap_top;
	for (;;) {
		if (top < len + USER_BASE)
			return 0;
		uint32_t start = top - len;
		struct vma *clash = NULL;
		for (struct vma *v = mm->vmas; v; v = v->next)
			if (v->start < top && start < v->end)
				clash = v;               /* the highest overlapping area */
		if (!clash)
			return start;
		top = clash->start;
	}
}

/* b's bytes as seen from address to instead of from (an area moved by
 * mremap). The part below from is cut off first, so no address wraps. */
static struct vma_backing backing_moved(const struct vma_backing *b, uint32_t from, uint32_t to)
{
	struct vma_backing m = *b;
	if (!m.file || from == to)
		return m;
	if (m.src_vaddr < from) {
		uint32_t cut = from - m.src_vaddr;
		if (!m.mapped && cut >= m.src_len)   /* a mapping goes on in the file */
			return (struct vma_backing){ 0 };
		m.pgoff = (uint32_t)(backing_off(b, from) >> PAGE_SHIFT);   /* from is page aligned */
		m.src_len = m.mapped ? m.src_len : m.src_len - cut;
		m.src_vaddr = from;
	}
	m.src_vaddr = m.src_vaddr - from + to;
	return m;
}

/* Where the next area after addr starts, capped at end. */
static uint32_t next_area_start(struct mm *mm, uint32_t addr, uint32_t end)
{
	for (struct vma *v = mm->vmas; v; v = v->next)
		if (v->start > addr)
			return v->start < end ? v->start : end;
	return end;
}

/* A fresh page's contents: zeros, with back's bytes where they overlap it. */
static void fill_page(paddr_t pa, uint32_t page, const struct vma_backing *b)
{
	uint8_t *p = tmt_map(pa);
	uint32_t lo = page, hi = page + PAGE_SIZE;
	if (b->file && b->src_vaddr > lo)
		lo = b->src_vaddr;
	if (b->file && b->src_vaddr + b->src_len < hi)
		hi = b->src_vaddr + b->src_len;
	if (!b->file || lo >= hi) {
		page_clear(p);
	} else {
		memset(p, 0, PAGE_SIZE);         /* bytes past a shortened file stay zero too */
		vfs_inode_read(b->file, p + (lo - page), hi - lo, (uint64_t)backing_off(b, lo));
	}
	tmt_unmap(p);
}

/* Give the page at page (in v, holding nothing) its first frame. */
static int fault_in(struct mm *mm, const struct vma *v, uint32_t page)
{
	paddr_t pa = frame_alloc();
	if (pa == FRAME_NONE)
		return -ENOMEM;
	fill_page(pa, page, &v->back);
	if (vmm_set_pte(page, area_pte(v, pa, 0)) != 0) {
		frame_free(pa);
		return -ENOMEM;
	}
	mm->pages++;
	return 0;
}

/* The page cache frame a file mapping's page maps, with a reference: the
 * frame itself for a shared page; for a private one the same frame kept
 * read-only (PTE_COW, *marks) until a write, which copies it. */
static int mapped_frame(const struct vma *v, uint32_t page, bool write, paddr_t *pa, pte_t *marks)
{
	const struct vma_backing *b = &v->back;
	uint64_t off = (uint64_t)backing_off(b, page);   /* mapped areas start at src_vaddr */
	if (off >> PAGE_SHIFT >= UINT32_MAX)
		return -EIO;
	int err = vfs_map_page(b->file, (uint32_t)(off >> PAGE_SHIFT), pa);
	*marks = 0;
	if (err || v->shared)
		return err;
	if (!write) {
		*marks = PTE_COW;
		return 0;
	}
	paddr_t copy = frame_alloc();
	if (copy != FRAME_NONE)
		frame_copy(copy, *pa);
	frame_free(*pa);
	*pa = copy;
	return copy == FRAME_NONE ? -ENOMEM : 0;
}

/* Give the page at page (in v, a file mapping, holding nothing) its frame. */
static int fault_mapped(struct mm *mm, const struct vma *v, uint32_t page, bool write)
{
	paddr_t pa;
	pte_t marks;
	int err = mapped_frame(v, page, write, &pa, &marks);
	if (err)
		return err;
	if (pte_holds_frame(vmm_get_pte(page))) {
		frame_free(pa);                  /* made meanwhile (the vfs lock can sleep) */
		return 0;
	}
	if (vmm_set_pte(page, area_pte(v, pa, marks)) != 0) {
		frame_free(pa);
		return -ENOMEM;
	}
	mm->pages++;
	return 0;
}

/* An ELF segment's page wholly inside its file bytes (which start at a
 * page boundary of the file there, as src_vaddr and the offset agree
 * modulo the page size): it maps the page cache's frame copy-on-write,
 * like a MAP_PRIVATE page, instead of a copy (so every process running
 * the program shares its text, and exec copies nothing it does not
 * write). */
static bool elf_page_cached(const struct vma_backing *b, uint32_t page)
{
	return b->file && page >= b->src_vaddr && page - b->src_vaddr <= b->src_len &&
	       b->src_len - (page - b->src_vaddr) >= PAGE_SIZE;
}

static bool access_allowed(const struct vma *v, bool write)
{
	return v->prot != PROT_NONE && (!write || (v->prot & PROT_WRITE));
}

/* The area of a fault: faults come in runs over one area (a loop filling
 * a buffer), so the last one is tried before the list. */
static struct vma *fault_area(struct mm *mm, uint32_t addr)
{
	struct vma *v = mm->last_fault;
	if (v && v->start <= addr && addr < v->end)
		return v;
	return mm->last_fault = mm_find_area(mm, addr);
}

/* Whether the entry already allows the access: another thread's fault
 * on the same page got there first (its frame is in, its copy made). */
static bool pte_allows(pte_t pte, bool write)
{
	return (pte & PTE_P) && (pte & PTE_U) && (!write || (pte & PTE_W));
}

int uvm_fault(struct mm *mm, uint32_t addr, bool write)
{
	assert_current_mm_locked(mm);
	struct vma *v = mm ? fault_area(mm, addr) : NULL;
	if (!v || !access_allowed(v, write))
		return -EFAULT;
	pte_t pte = vmm_get_pte(addr);
	if (pte_allows(pte, write))
		return 0;
	if (pte_holds_frame(pte))
		/* Present and allowed: only a write to a page shared since fork is fixable. */
		return (write && (pte & PTE_COW)) ? vmm_cow_break(addr) : -EFAULT;
	uint32_t page = page_down(addr);
	if (v->back.mapped)
		return fault_mapped(mm, v, page, write);
	if (elf_page_cached(&v->back, page)) {
		int err = fault_mapped(mm, v, page, write);
		if (err != -EIO)
			return err;              /* else the file shrank: zeros past its end */
	}
	return fault_in(mm, v, page);
}

/* Add [start, end) as an area like `like`, its backing bytes moved along
 * with its address from `from` to start. */
static int add_like(struct mm *mm, const struct vma *like, uint32_t start, uint32_t end, uint32_t from)
{
	struct vma v = *like;
	v.start = start;
	v.end = end;
	v.back = backing_moved(&like->back, from, start);
	return add_area(mm, &v);
}

/* An area of kind mapping file from page pgoff on. */
static struct vma file_area(uint32_t start, uint32_t end, uint32_t prot, enum vma_kind kind,
			    struct inode *file, uint32_t pgoff)
{
	return (struct vma){ .start = start, .end = end, .prot = prot, .kind = kind,
			     .back = { .file = file, .pgoff = pgoff, .src_vaddr = start,
				       .src_len = end - start, .mapped = true } };
}

int mm_add_file_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot,
		     const struct file_map *fm)
{
	struct vma like = file_area(start, end, prot, VMA_FILE, fm->file, fm->pgoff);
	like.shared = fm->shared;
	like.no_write = fm->no_write;
	like.back.writer = fm->writer;
	return add_area(mm, &like);
}

int mm_add_shared_area(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot)
{
	struct inode *anon = vfs_anon_inode(end - start);
	if (!anon)
		return -ENOMEM;
	struct vma like = file_area(start, end, prot, VMA_ANON, anon, 0);   /* no file of its own */
	like.shared = true;
	int err = add_area(mm, &like);
	vfs_release(anon);                   /* the area holds its own reference */
	return err;
}

/* Move the pages of [old, old+len) to new (tables already there), frames
 * and marks unchanged; only the address changes. */
static void move_pages(const struct vma *v, uint32_t old, uint32_t new, uint32_t len)
{
	for_each_held(va, old, old + len) {
		pte_t pte = vmm_get_pte(va);
		vmm_unmap(va);
		vmm_set_pte(new + (va - old), area_pte(v, pte & PTE_FRAME, pte));
	}
}

long mm_remap(struct mm *mm, uint32_t old, uint32_t old_len, uint32_t new_len, bool may_move)
{
	assert_current_mm_locked(mm);
	struct vma *v = mm_find_area(mm, old);
	uint32_t old_end = old + old_len;
	if (!v || old_end > v->end || old_end < old)
		return -EFAULT;
	if (new_len <= old_len) {
		int err = mm_unmap(mm, old + new_len, old_end);
		return err ? err : (long)old;
	}
	struct vma like = *v;                /* v may be merged away below */
	if (add_like(mm, &like, old_end, old + new_len, old_end) == 0)
		return old;                      /* grown in place */
	uint32_t dst = may_move ? mm_find_free(mm, new_len, 0) : 0;
	/* Everything that can fail comes before the first page moves. */
	if (!dst || split_at(mm, old) || split_at(mm, old_end) ||
	    add_like(mm, &like, dst, dst + new_len, old) != 0)
		return -ENOMEM;
	if (vmm_reserve_tables(dst, dst + old_len) != 0) {
		mm_unmap(mm, dst, dst + new_len);
		return -ENOMEM;
	}
	move_pages(mm_find_area(mm, dst), old, dst, old_len);
	mm_unmap(mm, old, old_end);          /* areas only: split above, no memory needed */
	return dst;
}

int mm_advise(struct mm *mm, uint32_t start, uint32_t end, bool drop)
{
	assert_current_mm_locked(mm);
	int err = 0;
	for (uint32_t a = start; a < end; ) {
		struct vma *v = mm_find_area(mm, a);
		uint32_t next = v ? (v->end < end ? v->end : end) : next_area_start(mm, a, end);
		if (!v)
			err = -ENOMEM;
		else if (drop && !v->shared)   /* shared pages are the shared contents */
			unmap_pages(mm, a, next);
		a = next;
	}
	return err;
}

int mm_sync(struct mm *mm, uint32_t start, uint32_t end, bool sync_only)
{
	int unmapped = 0;
	while (start < end) {
		struct vma *v = mm->vmas;
		while (v && v->end <= start)
			v = v->next;
		if (!v)
			return -ENOMEM;
		if (start < v->start) {
			if (sync_only)
				return -ENOMEM;      /* Linux stops at the hole for MS_SYNC alone */
			unmapped = -ENOMEM;
		}
		start = v->end;                  /* RAM files: nothing to write back */
	}
	return unmapped;
}

/* Is page va of v in memory? */
static uint8_t page_resident(const struct vma *v, uint32_t va)
{
	if (pte_holds_frame(vmm_get_pte(va)))
		return 1;
	if (!v->back.mapped)
		return 0;
	uint64_t off = (uint64_t)backing_off(&v->back, va);
	return off >> PAGE_SHIFT < UINT32_MAX && vfs_page_resident(v->back.file, (uint32_t)(off >> PAGE_SHIFT));
}

long mm_mincore(struct mm *mm, uint32_t start, uint32_t n, uint8_t *vec)
{
	assert_current_mm(mm);
	uint32_t i = 0;
	for (struct vma *v = mm_find_area(mm, start); i < n && v; v = mm_find_area(mm, start + i * PAGE_SIZE))
		for (; i < n && start + i * PAGE_SIZE < v->end; i++)
			vec[i] = page_resident(v, start + i * PAGE_SIZE);
	return i ? (long)i : -ENOMEM;
}

/* Under the lock: a truncation's walk (mm/mm_list.c) may be looking at
 * the areas, and finds none (and no space) from here on. */
void mm_free_areas(struct mm *mm)
{
	sleeplock_acquire(&mm->lock);
	mm->space = NULL;
	while (mm->vmas) {
		struct vma *v = mm->vmas;
		mm->vmas = v->next;
		vma_free(v);
	}
	mm->last_fault = NULL;
	sleeplock_release(&mm->lock);
	mm_uninstall(mm);                /* and freed, once no walk holds it */
}

/* vmm_range_fn over a list of areas; ctx is the cursor (const struct vma **). */
static bool next_area(void *ctx, uint32_t *start, uint32_t *end)
{
	const struct vma **v = ctx;
	if (!*v)
		return false;
	*start = (*v)->start;
	*end = (*v)->end;
	*v = (*v)->next;
	return true;
}

void mm_destroy(struct mm *mm)
{
	if (!mm)
		return;
	assert_current_mm(mm);
	sleeplock_acquire(&mm->lock);
	mm->space = NULL;                /* a truncation's walk leaves the space alone now */
	sleeplock_release(&mm->lock);
	const struct vma *cursor = mm->vmas;
	vmm_free_user_tables(next_area, &cursor);   /* the areas' pages, then the tables */
	/* Let go of it before it is freed: the out-of-memory killer reads
	 * other processes' mm (with interrupts off, mm/oom.c). */
	current_process()->mm = NULL;
	mm_free_areas(mm);
}

int mm_clone_pages(const struct mm *mm, struct vm_space *child)
{
	const struct vma *cursor = mm->vmas;
	return vmm_clone_user(child, next_area, &cursor);
}

struct mm *mm_clone(const struct mm *mm)
{
	struct mm *c = mm_create();
	if (!c)
		return NULL;
	c->brk_start = mm->brk_start;
	c->brk = mm->brk;
	c->mmap_top = mm->mmap_top;
	c->pages = mm->pages;
	struct vma **tail = &c->vmas;
	for (const struct vma *v = mm->vmas; v; v = v->next) {
		struct vma *n = vma_dup(v);
		if (!n) {
			mm_free_areas(c);
			return NULL;
		}
		n->next = NULL;
		*tail = n;
		tail = &n->next;
	}
	return c;
}
