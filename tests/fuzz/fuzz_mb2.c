/*
 * fuzz_mb2.c - libFuzzer harness for the multiboot2 parser
 * (boot/mb2_parse.c), the first thing the kernel believes. Each input is
 * an information block, parsed from an exact-size heap copy (malloc's
 * blocks are 8-byte aligned, as GRUB's, and ASan poisons from the byte
 * after the last one, even inside an 8-byte granule): the parser
 * must read nothing outside it, and what it accepts must respect the
 * limits of struct boot_info (counts, terminated strings, modules that end
 * after they start). Built by `make fuzz` (tests/fuzz/fuzz.mk).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boot/bootinfo.h"

static int terminated(const char *s, size_t n)
{
	return memchr(s, '\0', n) != NULL;
}

static void check_info(const struct boot_info *bi)
{
	if (bi->mmap_count < 0 || bi->mmap_count > BOOT_MMAP_MAX)
		abort();
	if (bi->module_count < 0 || bi->module_count > BOOT_MODULES_MAX)
		abort();
	if (!terminated(bi->cmdline, BOOT_CMDLINE_MAX) || !terminated(bi->loader, BOOT_LOADER_MAX))
		abort();
	for (int i = 0; i < bi->module_count; i++)
		if (bi->modules[i].end < bi->modules[i].start ||
		    !terminated(bi->modules[i].cmdline, BOOT_MODNAME_MAX))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct boot_info bi;
	const char *err = NULL;
	void *block = malloc(size ? size : 1);
	memcpy(block, data, size);
	if (mb2_parse(block, size, &bi, &err) == 0)
		check_info(&bi);
	else if (err == NULL)
		abort();                      /* a refusal always says why */
	free(block);
	return 0;
}
