/*
 * kheap.h - the kernel heap: kmalloc/kfree.
 *
 * Small requests (up to KHEAP_SLAB_MAX bytes) come from slab pages of
 * power-of-two size classes, each object aligned to its class size; larger
 * ones are whole pages. The heap grows on demand in [KHEAP_BASE, KHEAP_END)
 * and returns pages to the frame allocator when they empty. kmalloc can
 * fail: it returns NULL and every caller handles that.
 */
#ifndef MM_KHEAP_H
#define MM_KHEAP_H

#include <stddef.h>
#include <stdint.h>

#define KHEAP_SLAB_MIN  16
#define KHEAP_SLAB_MAX  1024

void *kmalloc(size_t size);
void *kzalloc(size_t size);
/* align: a power of two up to the page size. */
void *kmalloc_aligned(size_t size, size_t align);
void kfree(void *p);                 /* NULL is fine; a bad pointer is reported */

struct kheap_stats {
	uint32_t pages;                  /* heap pages mapped now */
	uint32_t slab_pages;
	uint32_t large_pages;
	uint32_t bad_frees;
	uint32_t peak_pages;             /* most pages mapped at once since kheap_reset_peak */
	uint32_t objects;                /* allocations not freed yet (slab objects and blocks) */
	uint32_t bytes;                  /* what they take: class sizes, whole pages */
	uint32_t slabs_made;             /* slab pages set up since boot */
};
void kheap_get_stats(struct kheap_stats *st);
/* Start a new peak from the current size (tests: what did this step cost?). */
void kheap_reset_peak(void);

#endif
