/*
 * gdt.c - flat segments for ring 0 and ring 3, the TSS, and TLS slots.
 * Paging does all the protection; segments are flat 0-4 GiB except the TLS
 * descriptors, whose base is where glibc keeps its thread control block.
 */
#include "kernel/gdt.h"
#include "kernel/string.h"

/* Access byte bits. */
#define ACC_PRESENT    0x80
#define ACC_DPL3       0x60
#define ACC_SEGMENT    0x10   /* code/data, not system */
#define ACC_CODE_RX    0x0a
#define ACC_DATA_RW    0x02
#define ACC_TSS32      0x09   /* available 32-bit TSS */
/* Granularity byte bits. */
#define GRAN_4K        0x80
#define GRAN_32BIT     0x40
#define FLAT_LIMIT     0xfffff

struct gdt_ptr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

static struct gdt_entry gdt[GDT_ENTRIES];
static struct tss tss;

static void gdt_set(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t gran)
{
	gdt[i].limit_low = limit & 0xffff;
	gdt[i].base_low = base & 0xffff;
	gdt[i].base_mid = (base >> 16) & 0xff;
	gdt[i].access = access;
	gdt[i].granularity = (uint8_t)(gran | ((limit >> 16) & 0x0f));
	gdt[i].base_high = (base >> 24) & 0xff;
}

void gdt_encode(uint32_t base, uint32_t limit, uint8_t access, uint8_t gran, uint32_t out[2])
{
	struct gdt_entry e = {
		.limit_low = limit & 0xffff,
		.base_low = base & 0xffff,
		.base_mid = (base >> 16) & 0xff,
		.access = access,
		.granularity = (uint8_t)((gran & 0xf0) | ((limit >> 16) & 0x0f)),
		.base_high = (base >> 24) & 0xff,
	};
	memcpy(out, &e, sizeof(e));
}

void gdt_set_raw(int index, const void *desc)
{
	memcpy(&gdt[index], desc, sizeof(gdt[index]));
}

struct tss *tss_main(void)
{
	return &tss;
}

void gdt_set_tss(int index, struct tss *t)
{
	gdt_set(index, (uint32_t)t, sizeof(*t) - 1, ACC_PRESENT | ACC_TSS32, 0);
}

void tss_set_kernel_stack(uint32_t esp0)
{
	tss.esp0 = esp0;
}

static void gdt_load(void)
{
	struct gdt_ptr p = { sizeof(gdt) - 1, (uint32_t)gdt };
	__asm__ volatile(
		"lgdt %0\n\t"
		"ljmp %1, $1f\n"
		"1:\n\t"
		"mov %2, %%ax\n\t"
		"mov %%ax, %%ds\n\t"
		"mov %%ax, %%es\n\t"
		"mov %%ax, %%ss\n\t"
		"xor %%ax, %%ax\n\t"
		"mov %%ax, %%fs\n\t"
		"mov %%ax, %%gs\n\t"
		: : "m"(p), "i"(SEL_KCODE), "i"(SEL_KDATA) : "eax", "memory");
	__asm__ volatile("ltr %w0" : : "r"(SEL_TSS));
}

void gdt_init(void)
{
	memset(gdt, 0, sizeof(gdt));
	gdt_set(GDT_KCODE, 0, FLAT_LIMIT, ACC_PRESENT | ACC_SEGMENT | ACC_CODE_RX, GRAN_4K | GRAN_32BIT);
	gdt_set(GDT_KDATA, 0, FLAT_LIMIT, ACC_PRESENT | ACC_SEGMENT | ACC_DATA_RW, GRAN_4K | GRAN_32BIT);
	gdt_set(GDT_UCODE, 0, FLAT_LIMIT, ACC_PRESENT | ACC_DPL3 | ACC_SEGMENT | ACC_CODE_RX, GRAN_4K | GRAN_32BIT);
	gdt_set(GDT_UDATA, 0, FLAT_LIMIT, ACC_PRESENT | ACC_DPL3 | ACC_SEGMENT | ACC_DATA_RW, GRAN_4K | GRAN_32BIT);

	memset(&tss, 0, sizeof(tss));
	tss.ss0 = SEL_KDATA;
	tss.iomap_base = sizeof(tss);        /* no I/O permission bitmap */
	gdt_set_tss(GDT_TSS, &tss);
	/* TLS slots start as not-present data segments (gdt zeroed above). */
	gdt_load();
}
