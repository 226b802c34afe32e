/*
 * kimage_test.c - in-guest checks of the kernel image's mapping after boot
 * (suite "boot"): what mm/kimage.c keeps of the boot window, and how.
 */
#include "kernel/ktest.h"
#include "mm/frame.h"
#include "mm/frame_pool.h"
#include "mm/kimage.h"
#include "mm/kstack.h"
#include "mm/layout.h"
#include "mm/pte.h"
#include "mm/vmm.h"

extern char _text_start[], _rodata_start[], _rodata_end[], _data_start[], _kernel_end[];
extern char boot_stack_guard[], boot_stack_bottom[], boot_stack_top[];

#define SAMPLE_FRAMES 32

static uint32_t va_of(const void *p) { return (uint32_t)(uintptr_t)p; }

static bool in_sample(paddr_t f, const paddr_t *sample, int n)
{
	for (int i = 0; i < n; i++)
		if (sample[i] == f)
			return true;
	return false;
}

/* Kernel-half pages (everything below the self-map) that map a free frame
 * or one of sample[]: there must be none. The first few are named. The
 * copy windows are left out: they unmap lazily, as Linux's kmap pool, so
 * an entry may name a frame freed since (mm/copywin.c); only copywin_map
 * reaches them, and it rewrites any entry it does not want. */
static uint32_t count_bad_mappings(const paddr_t *sample, int n)
{
	uint32_t bad = 0;
	for (uint32_t i = KERNEL_PDE_FIRST; i < SELF_PDE; i++) {
		if (!(self_pd()[i] & PTE_P) || i == COPYWIN_BASE / PDE_SPAN)
			continue;
		for (uint32_t j = 0; j < PT_ENTRIES; j++) {
			uint32_t va = i * PDE_SPAN + j * PAGE_SIZE;
			pte_t pte = *self_pte(va);
			paddr_t f = pte & PTE_FRAME;
			if (!(pte & PTE_P) || (frame_refcount(f) != FRAME_REF_FREE && !in_sample(f, sample, n)))
				continue;
			if (bad++ < 4)
				ktest_diag("kernel page %08x maps frame %08x (%s)", va, f,
					   in_sample(f, sample, n) ? "just allocated" : "free");
		}
	}
	return bad;
}

/*
 * Regression test "boot_window_mapped_allocator_frames_twice": the boot map
 * of physical 0-8 MiB stayed read-write and global at KERNEL_VBASE while
 * the frame allocator handed those frames out, so every frame below 8 MiB
 * had a second, forgotten kernel mapping (the design says: no direct map).
 * Now a frame the allocator hands out is mapped nowhere in the kernel half:
 * not the frames it just gave out, not the ones it still holds.
 */
KTEST(boot, boot_window_mapped_allocator_frames_twice)
{
	paddr_t sample[SAMPLE_FRAMES];
	for (int i = 0; i < SAMPLE_FRAMES; i++)
		sample[i] = frame_alloc();
	KEXPECT_EQ(count_bad_mappings(sample, SAMPLE_FRAMES), 0);
	for (int i = 0; i < SAMPLE_FRAMES; i++)
		frame_free(sample[i]);
}

/* The same bug seen from the window: at KERNEL_VBASE + the address of any
 * frame the allocator holds below KERNEL_BOOT_MAP, nothing is mapped (there
 * are such frames: low memory and the RAM above the image). */
KTEST(boot, boot_window_holds_no_allocator_frame)
{
	uint32_t checked = 0, mapped = 0;
	for (paddr_t pa = PAGE_SIZE; pa < KERNEL_BOOT_MAP; pa += PAGE_SIZE) {
		if (frame_refcount(pa) != FRAME_REF_FREE)
			continue;
		checked++;
		if (vmm_translate(KERNEL_VBASE + pa, NULL, NULL) && mapped++ < 4)
			ktest_diag("frame %08x is free and mapped at %08x", pa, KERNEL_VBASE + pa);
	}
	KEXPECT(checked > 0);
	KEXPECT_EQ(mapped, 0);
	KEXPECT(vmm_translate(VGA_TEXT_VADDR, NULL, NULL));       /* kept on purpose */
}

/*
 * Regression test "kernel_text_was_writable": the image's code and
 * constants stayed writable for good, so a stray kernel write into them
 * went unnoticed (crash=write_text shows the fault it is now). Text and
 * rodata are read-only, data and bss writable, all global.
 */
KTEST(boot, kernel_text_was_writable)
{
	uint32_t flags;
	KEXPECT(vmm_translate(va_of(_text_start), NULL, &flags) && !(flags & PTE_W) && (flags & PTE_G));
	KEXPECT(vmm_translate(va_of(_rodata_start), NULL, &flags) && !(flags & PTE_W));
	KEXPECT(vmm_translate(va_of(_rodata_end) - PAGE_SIZE, NULL, &flags) && !(flags & PTE_W));
	KEXPECT(vmm_translate(va_of(_data_start), NULL, &flags) && (flags & PTE_W) && (flags & PTE_G));
	KEXPECT(vmm_translate(va_of(_kernel_end) - PAGE_SIZE, NULL, &flags) && (flags & PTE_W));
	KEXPECT(!vmm_translate(va_of(_kernel_end), NULL, NULL));
	KEXPECT(kimage_is_readonly(va_of(_rodata_start)) && !kimage_is_readonly(va_of(_data_start)));
}

/*
 * Regression test "boot_stack_had_no_guard_page": thread 0's stack sat
 * right above the boot page tables with nothing unmapped in between, so an
 * overflow overwrote them (crash=boot_stack shows the report it is now).
 */
KTEST(boot, boot_stack_had_no_guard_page)
{
	KEXPECT_EQ(va_of(boot_stack_bottom), va_of(boot_stack_guard) + PAGE_SIZE);
	KEXPECT(!vmm_translate(va_of(boot_stack_guard), NULL, NULL));
	KEXPECT(vmm_translate(va_of(boot_stack_bottom), NULL, NULL));
	KEXPECT(vmm_translate(va_of(boot_stack_top) - 4, NULL, NULL));
	KEXPECT(kstack_is_guard(va_of(boot_stack_guard) + PAGE_SIZE - 4));
	KEXPECT(!kstack_is_guard(va_of(boot_stack_bottom)));
}
