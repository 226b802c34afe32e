/*
 * kstack.c - kernel stacks in [KSTACK_BASE, KSTACK_END), in fixed slots of
 * one guard page (never mapped) followed by KSTACK_PAGES mapped pages.
 * Thread 0 (kmain) keeps the boot stack, whose guard page is in the image
 * (boot/entry.asm, unmapped by mm/kimage.c); kstack_is_guard knows both.
 */
#include "mm/kstack.h"
#include "mm/kimage.h"
#include "mm/kvspace.h"
#include "mm/layout.h"
#include "mm/vmm.h"
#include "kernel/panic.h"
#include "kernel/spinlock.h"

#define SLOTS ((KSTACK_END - KSTACK_BASE) / KSTACK_SLOT)

static uint32_t slot_bitmap[(SLOTS + 31) / 32];
static struct kvspace slots = { SLOTS, slot_bitmap, 0 };
static struct spinlock kstack_lock = SPINLOCK_INIT("kstack");

static uint32_t slot_base(uint32_t slot) { return KSTACK_BASE + slot * KSTACK_SLOT; }

uint32_t kstack_alloc(void)
{
	uint32_t slot;
	spin_lock(&kstack_lock);
	bool ok = kvspace_take(&slots, 1, &slot);
	spin_unlock(&kstack_lock);
	if (!ok)
		return 0;
	uint32_t stack = slot_base(slot) + PAGE_SIZE;           /* above the guard */
	/* Not zeroed: a kernel stack is never shown to user space. */
	for (uint32_t i = 0; i < KSTACK_PAGES; i++) {
		paddr_t pa = frame_alloc();
		if (pa == FRAME_NONE || vmm_map(stack + i * PAGE_SIZE, pa, VMM_WRITE) != 0) {
			if (pa != FRAME_NONE)
				frame_free(pa);
			while (i--)
				vmm_unmap_free(stack + i * PAGE_SIZE);
			spin_lock(&kstack_lock);
			kvspace_give(&slots, slot, 1);
			spin_unlock(&kstack_lock);
			return 0;
		}
	}
	return stack + KSTACK_SIZE;
}

void kstack_free(uint32_t top)
{
	uint32_t stack = top - KSTACK_SIZE;
	uint32_t slot = (stack - PAGE_SIZE - KSTACK_BASE) / KSTACK_SLOT;
	KASSERT(slot_base(slot) + PAGE_SIZE == stack);
	for (uint32_t i = 0; i < KSTACK_PAGES; i++)
		vmm_unmap_free(stack + i * PAGE_SIZE);
	spin_lock(&kstack_lock);
	kvspace_give(&slots, slot, 1);
	spin_unlock(&kstack_lock);
}

bool kstack_is_guard(uint32_t addr)
{
	if (kimage_is_boot_stack_guard(addr))   /* thread 0's, in the image */
		return true;
	if (addr < KSTACK_BASE || addr >= KSTACK_BASE + SLOTS * KSTACK_SLOT)
		return false;
	return (addr - KSTACK_BASE) % KSTACK_SLOT < PAGE_SIZE;
}
