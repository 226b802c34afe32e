/*
 * ksyms.c - look up the generated symbol table (sorted by address).
 */
#include "kernel/ksyms.h"
#include "kernel/string.h"

struct ksym {
	uint32_t addr;
	uint32_t name_offset;   /* into ksyms_names */
};

extern const uint32_t ksyms_count;
extern const struct ksym ksyms_table[];
extern const char ksyms_names[];
extern const char _text_end[];

const char *ksym_lookup(uint32_t addr, uint32_t *offset)
{
	uint32_t lo = 0, hi = ksyms_count;
	if (hi == 0 || addr < ksyms_table[0].addr || addr >= (uint32_t)_text_end)
		return NULL;
	while (hi - lo > 1) {                /* last symbol with .addr <= addr */
		uint32_t mid = lo + (hi - lo) / 2;
		if (ksyms_table[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (offset)
		*offset = addr - ksyms_table[lo].addr;
	return ksyms_names + ksyms_table[lo].name_offset;
}

uint32_t ksym_address(const char *name)
{
	for (uint32_t i = 0; i < ksyms_count; i++)
		if (strcmp(ksyms_names + ksyms_table[i].name_offset, name) == 0)
			return ksyms_table[i].addr;
	return 0;
}
