/*
 * frame.c - the kernel's frame allocator: the pure pool (frame_pool.c) fed
 * from the boot memory map (physmap.c), with its metadata mapped at
 * FRAME_META_BASE, behind a lock.
 *
 * The metadata (free stack + reference counts) takes one contiguous run of
 * frames carved out of usable RAM; the first frames of that run become the
 * page tables that map it, so setting it up allocates nothing.
 */
#include "mm/frame.h"
#include "mm/frame_pool.h"
#include "mm/physmap.h"
#include "mm/layout.h"
#include "mm/pte.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"

#define META_MIN_ADDR 0x100000u   /* keep the metadata out of low memory */

extern char _kernel_end[];

static struct frame_pool pool;
static uint32_t reserved_frames;
static struct spinlock frame_lock = SPINLOCK_INIT("frame");
static struct physmap pm;          /* static: too big for the boot stack's comfort */

static uint32_t div_round_up(uint64_t n, uint32_t d) { return (uint32_t)((n + d - 1) / d); }

/* Ranges of available RAM already in use before the allocator exists. */
static int boot_reserved(const struct boot_info *bi, struct phys_range *r)
{
	int n = 0;
	r[n].start = KERNEL_PHYS_LOAD;
	r[n++].end = virt_to_phys_boot(_kernel_end);
	for (int i = 0; i < bi->module_count; i++) {
		r[n].start = bi->modules[i].start & PAGE_MASK;
		r[n++].end = bi->modules[i].end;
	}
	return n;
}

/* Map meta_pages frames starting at phys, using the first pt_pages of the
 * run as the page tables for FRAME_META_BASE. */
static void map_metadata(uint64_t phys, uint32_t pt_pages, uint32_t meta_pages)
{
	for (uint32_t k = 0; k < pt_pages; k++) {
		uint32_t va = FRAME_META_BASE + k * PDE_SPAN;
		self_pd()[pde_index(va)] = (uint32_t)(phys + k * PAGE_SIZE) | PDE_KTABLE_FLAGS;
		invlpg((uint32_t)self_pt(va));
		memset(self_pt(va), 0, PAGE_SIZE);
	}
	for (uint32_t i = 0; i < meta_pages; i++) {
		uint32_t va = FRAME_META_BASE + i * PAGE_SIZE;
		*self_pte(va) = (uint32_t)(phys + (pt_pages + i) * PAGE_SIZE) | PTE_P | PTE_W | PTE_G;
	}
}

void frame_init(const struct boot_info *bi)
{
	struct phys_range reserved[1 + BOOT_MODULES_MAX];
	physmap_build(&pm, bi->mmap, bi->mmap_count, NULL, 0);
	uint32_t available = physmap_frames(&pm);
	physmap_build(&pm, bi->mmap, bi->mmap_count, reserved, boot_reserved(bi, reserved));
	if (pm.ignored_above_limit)
		kprintf("frame: ignoring %llu MiB of RAM above 4 GiB (no PAE)\n",
			pm.ignored_above_limit >> 20);
	if (pm.overflow)
		pr_warn("frame: memory map too fragmented, %d ranges dropped\n", pm.overflow);

	uint32_t usable = physmap_frames(&pm), nframes = physmap_pfn_limit(&pm);
	/* Stack slots for every RAM frame: boot modules come back later. */
	uint32_t meta_pages = div_round_up(frame_pool_meta_bytes(available, nframes), PAGE_SIZE);
	uint32_t pt_pages = div_round_up(meta_pages, PT_ENTRIES);
	uint64_t phys;
	if (meta_pages * PAGE_SIZE > FRAME_META_END - FRAME_META_BASE)
		panic("frame: metadata for %u frames does not fit its window", nframes);
	if (usable < 2 * (meta_pages + pt_pages) ||
	    physmap_take(&pm, meta_pages + pt_pages, META_MIN_ADDR, &phys) != 0)
		panic("frame: too little memory to run (%u usable frames)", usable);
	map_metadata(phys, pt_pages, meta_pages);

	frame_pool_init(&pool, (void *)FRAME_META_BASE, available, nframes);
	frame_pool_add_physmap(&pool, &pm);
	reserved_frames = available - pool.total;
	kprintf("frame: %u frames free (%u MiB), %u reserved, metadata %u KiB at %08llx\n",
		pool.total, pool.total >> 8, reserved_frames,
		(meta_pages + pt_pages) * 4, phys);
}

/* Tests only (frame_fail_after): allocations left before one fails; 0: none. */
static uint32_t fail_countdown;
static uint32_t alloc_calls;         /* allocations that reached the pool; frame_lock */

void frame_fail_after(uint32_t n)
{
	fail_countdown = n;
}

paddr_t frame_alloc(void)
{
	if (fail_countdown && --fail_countdown == 0)
		return FRAME_NONE;               /* an injected failure (tests) */
	spin_lock(&frame_lock);
	alloc_calls++;
	paddr_t pa = frame_pool_alloc(&pool);
	spin_unlock(&frame_lock);
	return pa;
}

static void report_bad(const char *what, paddr_t pa, const char *why)
{
	pr_err("%s(%08x): %s\n", what, pa, why);
	backtrace_print(0, read_ebp());
}

void frame_free(paddr_t pa)
{
	spin_lock(&frame_lock);
	enum frame_put_result r = frame_pool_put(&pool, pa);
	spin_unlock(&frame_lock);
	if (r == FRAME_PUT_DOUBLE)
		report_bad("frame_free", pa, "double free");
	else if (r == FRAME_PUT_BAD)
		report_bad("frame_free", pa, "not a frame the allocator gave out");
}

void frame_ref(paddr_t pa)
{
	spin_lock(&frame_lock);
	int r = frame_pool_get(&pool, pa);
	spin_unlock(&frame_lock);
	if (r != 0)
		report_bad("frame_ref", pa, "frame not allocated (or too many references)");
}

unsigned frame_refcount(paddr_t pa)
{
	return frame_pool_refcount(&pool, pa);
}

uint32_t frame_release_boot(paddr_t start, paddr_t end)
{
	spin_lock(&frame_lock);
	uint32_t n = frame_pool_add_range(&pool, page_up(start) >> PAGE_SHIFT, page_down(end) >> PAGE_SHIFT);
	reserved_frames -= n;
	spin_unlock(&frame_lock);
	return n;
}

uint32_t frame_free_count(void)
{
	return frame_pool_free_count(&pool);
}

void frame_get_stats(struct frame_stats *st)
{
	spin_lock(&frame_lock);
	st->total = pool.total;
	st->free = frame_pool_free_count(&pool);
	st->used = pool.total - st->free;
	st->reserved = reserved_frames;
	st->bad_frees = pool.bad_frees;
	st->alloc_calls = alloc_calls;
	spin_unlock(&frame_lock);
}
