/*
 * kimage.c - the kernel image's own mapping, made from the boot map.
 *
 * boot/entry.asm maps the whole first KERNEL_BOOT_MAP bytes of physical
 * memory read-write at KERNEL_VBASE, because it runs before anything knows
 * where the image ends. That window must not outlive boot: the frame
 * allocator hands out the frames below 1 MiB and above the image, and a
 * frame that is also mapped read-write (and global) in the kernel half is
 * one stray pointer away from another owner's data. So kimage_init rewrites
 * the boot page tables once, before frame_init, and afterwards
 *   - [_text_start, _rodata_end): code, multiboot header, rodata, the test
 *     and bench tables, read-only (CR0.WP: ring 0 faults on a write too);
 *   - [_rodata_end, _kernel_end): data, symbols and bss, read-write, except
 *     boot_stack_guard, the page below thread 0's stack, which is unmapped;
 *   - VGA_TEXT_VADDR: the VGA text page (an I/O hole, not allocator RAM);
 *   - nothing else. The multiboot information was copied through the TMT,
 *     and every other frame is reached through the TMT as well.
 * Every kept entry is global: the kernel half is the same in every space.
 */
#include "mm/kimage.h"
#include "mm/layout.h"
#include "mm/pte.h"

extern char _text_start[], _rodata_end[], _kernel_end[];
extern char boot_stack_guard[];          /* boot/entry.asm */

static uint32_t addr(const char *sym) { return (uint32_t)(uintptr_t)sym; }

bool kimage_is_readonly(uint32_t a)
{
	return a >= addr(_text_start) && a < addr(_rodata_end);
}

bool kimage_is_boot_stack_guard(uint32_t a)
{
	return page_down(a) == addr(boot_stack_guard);
}

/* What the boot window's page at va becomes. */
static pte_t image_pte(uint32_t va)
{
	if (va == VGA_TEXT_VADDR)
		return VGA_TEXT_PHYS | PTE_P | PTE_W | PTE_G;
	if (va < addr(_text_start) || va >= addr(_kernel_end) || kimage_is_boot_stack_guard(va))
		return 0;
	return virt_to_phys_boot((void *)va) | PTE_P | PTE_G | (kimage_is_readonly(va) ? 0 : PTE_W);
}

void kimage_init(void)
{
	for (uint32_t va = KERNEL_VBASE; va < KERNEL_VBASE + KERNEL_BOOT_MAP; va += PAGE_SIZE)
		*self_pte(va) = image_pte(va);
}
