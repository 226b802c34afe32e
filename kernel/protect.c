/*
 * protect.c - SMEP and SMAP (see protect.h).
 */
#include "kernel/protect.h"
#include "kernel/x86.h"
#include <stdint.h>

#define CPUID_LEAF_FEATURES7 7
#define CPUID7_EBX_SMEP      (1u << 7)
#define CPUID7_EBX_SMAP      (1u << 20)
#define CR4_SMEP             (1u << 20)
#define CR4_SMAP             (1u << 21)
#define OPCODE_0F            0x0f
#define OPCODE_01            0x01     /* 0f 01 cb: stac, 0f 01 ca: clac */

/* One patch site of kernel/smap.inc: a 3-byte NOP and what it becomes. */
struct smap_site {
	uint8_t *addr;
	uint32_t third_byte;
};
extern const struct smap_site __smap_sites_start[], __smap_sites_end[];

static bool smep, smap;               /* set once by protect_init */

bool smep_enabled(void) { return smep; }
bool smap_enabled(void) { return smap; }

static uint32_t features7_ebx(void)
{
	uint32_t r[4];
	cpuid(0, r);
	if (r[0] < CPUID_LEAF_FEATURES7)
		return 0;
	cpuid(CPUID_LEAF_FEATURES7, r);   /* subleaf 0 (cpuid() sets ecx = 0) */
	return r[1];
}

static void patch_smap_sites(void)
{
	for (const struct smap_site *s = __smap_sites_start; s < __smap_sites_end; s++) {
		s->addr[0] = OPCODE_0F;
		s->addr[1] = OPCODE_01;
		s->addr[2] = (uint8_t)s->third_byte;
	}
}

void protect_init(void)
{
	uint32_t ebx = features7_ebx();
	uint32_t cr4 = read_cr4();
	smep = ebx & CPUID7_EBX_SMEP;
	smap = ebx & CPUID7_EBX_SMAP;
	if (smap)
		patch_smap_sites();           /* before CR4.SMAP: the doors work at once */
	cr4 |= (smep ? CR4_SMEP : 0) | (smap ? CR4_SMAP : 0);
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4) : "memory");
}
