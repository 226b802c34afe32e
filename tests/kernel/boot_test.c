/*
 * boot_test.c - in-guest checks of what the boot path set up (suite "boot").
 */
#include "kernel/boot.h"
#include "kernel/format.h"
#include "kernel/gdt.h"
#include "kernel/ksyms.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "drivers/pit.h"
#include "mm/layout.h"

void kmain(uint32_t magic, uint32_t mbi_phys);

KTEST(boot, segments_are_ours)
{
	uint16_t cs, ds, ss;
	__asm__ volatile("mov %%cs, %0; mov %%ds, %1; mov %%ss, %2" : "=r"(cs), "=r"(ds), "=r"(ss));
	KEXPECT_EQ(cs, SEL_KCODE);
	KEXPECT_EQ(ds, SEL_KDATA);
	KEXPECT_EQ(ss, SEL_KDATA);
}

KTEST(boot, identity_map_dropped)
{
	/* The boot code maps low memory at 0 only until it runs high. */
	KEXPECT_EQ(self_pd()[0], 0);
	KEXPECT(self_pd()[KERNEL_PDE_FIRST] & 1);
}

KTEST(boot, self_map_points_at_directory)
{
	KEXPECT_EQ(self_pd()[SELF_PDE] & PAGE_MASK, read_cr3() & PAGE_MASK);
}

KTEST(boot, timer_ticks)
{
	KEXPECT(irqs_enabled());
	uint64_t t0 = pit_ticks();
	for (int i = 0; i < 1000 && pit_ticks() < t0 + 2; i++)
		hlt();
	KEXPECT(pit_ticks() >= t0 + 2);
}

KTEST(boot, symbols_name_functions)
{
	uint32_t off = 1;
	const char *name = ksym_lookup((uint32_t)kmain, &off);
	KEXPECT(name && strcmp(name, "kmain") == 0);
	KEXPECT_EQ(off, 0);
	KEXPECT_EQ(ksym_address("kmain"), (uint32_t)kmain);
	KEXPECT(ksym_lookup(0x1000, &off) == NULL);
}

KTEST(boot, format_64bit_on_i386)
{
	char buf[64];
	ksnprintf(buf, sizeof(buf), "%llu|%llx|%08x|%-3d|", 18446744073709551615ull,
		  0x123456789abcdefull, 0xbeefu, 7);
	KEXPECT(strcmp(buf, "18446744073709551615|123456789abcdef|0000beef|7  |") == 0);
}

KTEST(boot, info_parsed)
{
	KEXPECT(boot_info.mmap_count > 0);
	KEXPECT_EQ(boot_info.module_count, 1);
	KEXPECT(strcmp(boot_info.modules[0].cmdline, "initrd") == 0);
	KEXPECT(boot_ram_top(&boot_info) > KERNEL_BOOT_MAP);
	KEXPECT(cmdline_get(&boot_cmdline, "test") != NULL);
}
