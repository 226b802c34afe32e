/*
 * kheap.c - kmalloc/kfree (see kheap.h).
 *
 * Slab pages: a struct slab header at the start of the page, then objects
 * of one size class at multiples of the class size (so each is aligned to
 * it, and none is page aligned). Free objects form a list through their
 * first word; their second word holds FREE_POISON, which makes the common
 * kfree check for a double free O(1).
 * Large blocks: whole pages, page aligned. Their first PTE carries
 * BLOCK_START and their last BLOCK_END (PTE bits left for the OS), so kfree
 * finds a block's size in the page tables and needs no header.
 */
#include "mm/kheap.h"
#include "mm/kvspace.h"
#include "mm/layout.h"
#include "mm/vmm.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"

#define SLAB_MAGIC    0x51ab51abu
#define FREE_POISON   0xf4eef4eeu
#define BLOCK_START   PTE_AVL0
#define BLOCK_END     PTE_AVL1
#define SLAB_CLASSES  7            /* 16, 32, ..., 1024 */
#define MIN_SHIFT     4
#define HEAP_PAGES    ((KHEAP_END - KHEAP_BASE) / PAGE_SIZE)

struct slab {
	uint32_t magic;
	uint16_t class_idx;
	uint16_t free_count;
	void **freelist;
	struct slab *next, *prev;      /* the class's list of slabs with free objects */
};

struct free_obj {
	struct free_obj *next;
	uint32_t poison;
};

static uint32_t heap_bitmap[HEAP_PAGES / 32];
static struct kvspace heap_vspace = { HEAP_PAGES, heap_bitmap, 0 };
static struct slab *partial[SLAB_CLASSES];
/* Per class, whether an empty slab is kept on the partial list (at most
 * one: see slab_free). Guarded by heap_lock, like everything here. */
static bool empty_kept[SLAB_CLASSES];
static struct kheap_stats stats;
static struct spinlock heap_lock = SPINLOCK_INIT("kheap");

static uint32_t class_size(unsigned c) { return 1u << (c + MIN_SHIFT); }
static uint32_t first_offset(unsigned c) { return (sizeof(struct slab) + class_size(c) - 1) & ~(class_size(c) - 1); }

static uint32_t capacity(unsigned c) { return (PAGE_SIZE - first_offset(c)) / class_size(c); }

static unsigned class_of(size_t size)
{
	unsigned c = 0;
	while (class_size(c) < size)
		c++;
	return c;
}

static void report_bad_free(void *p, const char *why)
{
	stats.bad_frees++;
	pr_err("kfree(%p): %s\n", p, why);
	backtrace_print(0, read_ebp());
}

/* Map n fresh pages at a free run of heap addresses; 0 when out of memory. */
static uint32_t heap_pages_get(uint32_t n, uint32_t first_flags, uint32_t last_flags)
{
	uint32_t first;
	if (!kvspace_take(&heap_vspace, n, &first))
		return 0;
	uint32_t va = KHEAP_BASE + first * PAGE_SIZE;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t flags = VMM_WRITE | (i == 0 ? first_flags : 0) | (i == n - 1 ? last_flags : 0);
		paddr_t pa = frame_alloc();
		if (pa == FRAME_NONE || vmm_map(va + i * PAGE_SIZE, pa, flags) != 0) {
			if (pa != FRAME_NONE)
				frame_free(pa);
			for (uint32_t j = 0; j < i; j++)
				vmm_unmap_free(va + j * PAGE_SIZE);
			kvspace_give(&heap_vspace, first, n);
			return 0;
		}
	}
	stats.pages += n;
	if (stats.pages > stats.peak_pages)
		stats.peak_pages = stats.pages;
	return va;
}

static void heap_pages_put(uint32_t va, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		vmm_unmap_free(va + i * PAGE_SIZE);
	kvspace_give(&heap_vspace, (va - KHEAP_BASE) / PAGE_SIZE, n);
	stats.pages -= n;
}

static void list_remove(struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		partial[s->class_idx] = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

static void list_push(struct slab *s)
{
	s->prev = NULL;
	s->next = partial[s->class_idx];
	if (s->next)
		s->next->prev = s;
	partial[s->class_idx] = s;
}

static struct slab *slab_new(unsigned c)
{
	uint32_t va = heap_pages_get(1, 0, 0);
	if (!va)
		return NULL;
	struct slab *s = (struct slab *)va;
	s->magic = SLAB_MAGIC;
	s->class_idx = (uint16_t)c;
	s->free_count = 0;
	s->freelist = NULL;
	for (uint32_t off = PAGE_SIZE - class_size(c); off >= first_offset(c); off -= class_size(c)) {
		struct free_obj *o = (struct free_obj *)(va + off);
		o->next = (struct free_obj *)s->freelist;
		o->poison = FREE_POISON;
		s->freelist = (void **)o;
		s->free_count++;
	}
	stats.slab_pages++;
	stats.slabs_made++;
	list_push(s);
	return s;
}

static void *slab_alloc(unsigned c)
{
	struct slab *s = partial[c];
	if (!s && !(s = slab_new(c)))
		return NULL;
	if (s->free_count == capacity(c))
		empty_kept[c] = false;           /* the kept empty slab is in use again */
	struct free_obj *o = (struct free_obj *)s->freelist;
	s->freelist = (void **)o->next;
	o->poison = 0;
	if (--s->free_count == 0)
		list_remove(s);
	stats.objects++;
	stats.bytes += class_size(c);
	return o;
}

static bool on_freelist(struct slab *s, void *p)
{
	for (struct free_obj *o = (struct free_obj *)s->freelist; o; o = o->next)
		if (o == p)
			return true;
	return false;
}

static void slab_free(struct slab *s, void *p)
{
	unsigned c = s->class_idx;
	uint32_t off = page_offset((uint32_t)p);
	if (c >= SLAB_CLASSES || off < first_offset(c) || (off & (class_size(c) - 1)))
		return report_bad_free(p, "not the start of a heap object");
	struct free_obj *o = p;
	if (o->poison == FREE_POISON && on_freelist(s, p))
		return report_bad_free(p, "double free");
	if (s->free_count == 0)
		list_push(s);
	o->next = (struct free_obj *)s->freelist;
	o->poison = FREE_POISON;
	s->freelist = (void **)o;
	stats.objects--;
	stats.bytes -= class_size(c);
	/* Keep one empty slab per class and give any other back. Giving
	 * back all but the class's only slab made a class whose objects come
	 * and go across a slab's edge build and free a slab per allocation:
	 * 254 free-list links, 3,600 of file_create's 13,152 instructions. */
	if (++s->free_count < capacity(c))
		return;
	if (!empty_kept[c]) {
		empty_kept[c] = true;
		return;
	}
	list_remove(s);
	s->magic = 0;
	stats.slab_pages--;
	heap_pages_put((uint32_t)s, 1);
}

static void *large_alloc(size_t size)
{
	uint32_t n = (uint32_t)((size + PAGE_SIZE - 1) / PAGE_SIZE);
	uint32_t va = heap_pages_get(n, BLOCK_START, BLOCK_END);
	if (va) {
		stats.large_pages += n;
		stats.objects++;
		stats.bytes += n * PAGE_SIZE;
	}
	return (void *)va;
}

static void large_free(void *p)
{
	uint32_t flags, va = (uint32_t)p;
	if (!vmm_translate(va, NULL, &flags) || !(flags & BLOCK_START))
		return report_bad_free(p, "not a heap block (double free?)");
	uint32_t n = 1;
	while (!(flags & BLOCK_END) && vmm_translate(va + n * PAGE_SIZE, NULL, &flags))
		n++;
	heap_pages_put(va, n);
	stats.large_pages -= n;
	stats.objects--;
	stats.bytes -= n * PAGE_SIZE;
}

void *kmalloc(size_t size)
{
	if (size == 0 || size > KHEAP_END - KHEAP_BASE)
		return NULL;
	spin_lock(&heap_lock);
	void *p = size <= KHEAP_SLAB_MAX ? slab_alloc(class_of(size)) : large_alloc(size);
	spin_unlock(&heap_lock);
	return p;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);
	if (p)
		memset(p, 0, size);
	return p;
}

void *kmalloc_aligned(size_t size, size_t align)
{
	if (align > PAGE_SIZE || (align & (align - 1)))
		return NULL;
	/* Slab objects are aligned to their class size; blocks to a page. */
	return kmalloc(size < align ? align : size);
}

void kfree(void *p)
{
	if (!p)
		return;
	uint32_t va = (uint32_t)p;
	if (va < KHEAP_BASE || va >= KHEAP_END)
		return report_bad_free(p, "not a heap address");
	spin_lock(&heap_lock);
	if (page_offset(va) == 0) {
		large_free(p);
	} else {
		struct slab *s = (struct slab *)(va & PAGE_MASK);
		if (!vmm_translate(va, NULL, NULL) || s->magic != SLAB_MAGIC)
			report_bad_free(p, "not a heap object");
		else
			slab_free(s, p);
	}
	spin_unlock(&heap_lock);
}

void kheap_get_stats(struct kheap_stats *st)
{
	spin_lock(&heap_lock);
	*st = stats;
	spin_unlock(&heap_lock);
}

void kheap_reset_peak(void)
{
	spin_lock(&heap_lock);
	stats.peak_pages = stats.pages;
	spin_unlock(&heap_lock);
}
