/*
 * frame.h - the physical frame allocator: the contract for everyone else.
 *
 * A stack of free frame numbers, filled at boot from the multiboot2 memory
 * map minus everything in use (kernel image, modules, the allocator's own
 * metadata, frame 0). alloc and free are O(1). Frames carry a reference
 * count so several mappings can share one (copy-on-write, page cache):
 * frame_ref() adds one, frame_free() drops one and frees at zero.
 * A double free, or freeing a frame the allocator never gave out, is
 * reported on the console and ignored; the kernel keeps running.
 */
#ifndef MM_FRAME_H
#define MM_FRAME_H

#include "boot/bootinfo.h"
#include <stdint.h>

typedef uint32_t paddr_t;
#define FRAME_NONE 0u            /* physical frame 0 is never handed out */

struct frame_stats {
	uint32_t total;              /* usable frames the allocator manages */
	uint32_t free;               /* on the stack now */
	uint32_t used;               /* total - free */
	uint32_t reserved;           /* available RAM withheld: kernel, modules, metadata */
	uint32_t bad_frees;          /* double/foreign frees caught so far */
	uint32_t alloc_calls;        /* allocations so far (tests size their frame_fail_after sweeps) */
};

/* Build the allocator from the boot information; panics with the cause when
 * memory is too small to run. */
void frame_init(const struct boot_info *bi);
paddr_t frame_alloc(void);          /* FRAME_NONE when memory is exhausted */
void frame_free(paddr_t pa);        /* drop one reference */
void frame_ref(paddr_t pa);         /* add one reference */
unsigned frame_refcount(paddr_t pa);
/* Fault injection for in-guest tests: the n-th allocation from now fails
 * (once); 0 cancels. */
void frame_fail_after(uint32_t n);
void frame_get_stats(struct frame_stats *st);
uint32_t frame_free_count(void);
/* Give the allocator the whole frames of [start, end), boot-reserved
 * memory no longer needed (the initramfs module once unpacked): how many. */
uint32_t frame_release_boot(paddr_t start, paddr_t end);

#endif
