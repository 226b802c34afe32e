/*
 * bootinfo.c - take over GRUB's multiboot2 information: check the magic,
 * copy the block out of loader memory through TMT slots (it may lie
 * anywhere in physical memory, and its frames need not stay reserved),
 * parse it with mb2_parse, and print what the kernel was given.
 */
#include "kernel/boot.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "boot/multiboot2.h"
#include "mm/layout.h"
#include "mm/tmt.h"

#define MBI_COPY_MAX  16384     /* GRUB's blocks are a few hundred bytes */

static uint8_t mbi_copy[MBI_COPY_MAX] __attribute__((aligned(8)));

/* Copy n bytes from physical memory, a page at a time through a TMT slot. */
static void copy_from_phys(void *dst, uint32_t pa, uint32_t n)
{
	uint8_t *d = dst;
	while (n) {
		uint32_t off = page_offset(pa), chunk = PAGE_SIZE - off;
		if (chunk > n)
			chunk = n;
		uint8_t *page = tmt_map(page_down(pa));
		memcpy(d, page + off, chunk);
		tmt_unmap(page);
		d += chunk, pa += chunk, n -= chunk;
	}
}

void boot_info_load(uint32_t magic, uint32_t mbi_phys, struct boot_info *out)
{
	const char *err;
	if (magic != MB2_BOOTLOADER_MAGIC)
		panic("not booted by a multiboot2 loader (eax = %08x)", magic);
	if (mbi_phys & 7)
		panic("multiboot2 information at %08x is not 8-byte aligned", mbi_phys);
	copy_from_phys(mbi_copy, mbi_phys, sizeof(uint32_t));
	uint32_t total = *(uint32_t *)mbi_copy;
	if (total > MBI_COPY_MAX || total < 2 * sizeof(uint32_t))
		panic("multiboot2 information of %u bytes at %08x: bad size", total, mbi_phys);
	copy_from_phys(mbi_copy, mbi_phys, total);
	if (mb2_parse(mbi_copy, total, out, &err) != 0)
		panic("malformed multiboot2 information: %s", err);
}

uint64_t boot_ram_top(const struct boot_info *bi)
{
	uint64_t top = 0;
	for (int i = 0; i < bi->mmap_count; i++) {
		const struct boot_mmap_entry *e = &bi->mmap[i];
		uint64_t end = e->base + e->len;
		if (e->type == BOOT_MEM_AVAILABLE && end > top)
			top = end;
	}
	return top;
}

static const char *mem_type_name(uint32_t type)
{
	switch (type) {
	case BOOT_MEM_AVAILABLE:        return "available";
	case BOOT_MEM_RESERVED:         return "reserved";
	case BOOT_MEM_ACPI_RECLAIMABLE: return "ACPI reclaimable";
	case BOOT_MEM_NVS:              return "ACPI NVS";
	case BOOT_MEM_BADRAM:           return "bad RAM";
	default:                        return "unknown";
	}
}

void boot_info_print(const struct boot_info *bi)
{
	uint64_t avail = 0;
	kprintf("boot loader: %s\n", bi->loader[0] ? bi->loader : "(unnamed)");
	kprintf("command line: %s\n", bi->cmdline);
	for (int i = 0; i < bi->mmap_count; i++) {
		const struct boot_mmap_entry *e = &bi->mmap[i];
		pr_debug("  mem %016llx-%016llx %s\n", e->base, e->base + e->len, mem_type_name(e->type));
		if (e->type == BOOT_MEM_AVAILABLE)
			avail += e->len;
	}
	kprintf("memory: %llu KiB available, RAM top at %llu MiB\n",
		avail / 1024, (boot_ram_top(bi) + (1 << 20) - 1) >> 20);
	kprintf("modules: %d\n", bi->module_count);
	for (int i = 0; i < bi->module_count; i++)
		kprintf("  module %d: %08x-%08x (%u bytes) %s\n", i, bi->modules[i].start,
			bi->modules[i].end, bi->modules[i].end - bi->modules[i].start,
			bi->modules[i].cmdline);
	if (bi->has_fb)
		kprintf("framebuffer: %ux%u, %u bpp, type %u at %llx\n", bi->fb_width,
			bi->fb_height, bi->fb_bpp, bi->fb_type, bi->fb_addr);
	if (bi->mmap_dropped || bi->modules_dropped)
		pr_warn("boot: %d memory map entries and %d modules beyond the limits were ignored\n",
			bi->mmap_dropped, bi->modules_dropped);
}
