/*
 * gdt.h - segment descriptors and the task state segment.
 *
 * Selector layout (index << 3 | RPL). TLS slots are 6-8 as on Linux i386,
 * so set_thread_area hands out the same entry numbers glibc sees on Linux.
 */
#ifndef KERNEL_GDT_H
#define KERNEL_GDT_H

#include <stdint.h>

#define GDT_KCODE      1
#define GDT_KDATA      2
#define GDT_UCODE      3
#define GDT_UDATA      4
#define GDT_TSS        5
#define GDT_TLS_MIN    6
#define GDT_TLS_COUNT  3
#define GDT_DFTSS      9          /* the double-fault task's TSS */
#define GDT_ENTRIES    10

#define RPL_USER       3
#define SEL_KCODE      (GDT_KCODE << 3)
#define SEL_KDATA      (GDT_KDATA << 3)
#define SEL_UCODE      ((GDT_UCODE << 3) | RPL_USER)
#define SEL_UDATA      ((GDT_UDATA << 3) | RPL_USER)
#define SEL_TSS        (GDT_TSS << 3)
#define SEL_DFTSS      (GDT_DFTSS << 3)

/* A segment descriptor, Intel SDM vol. 3 figure 3-8. */
struct gdt_entry {
	uint16_t limit_low;
	uint16_t base_low;
	uint8_t base_mid;
	uint8_t access;        /* P, DPL, S, type */
	uint8_t granularity;   /* G, D/B, L, AVL, limit 19:16 */
	uint8_t base_high;
} __attribute__((packed));

/* The 32-bit task state segment, Intel SDM vol. 3 figure 7-2. */
struct tss {
	uint32_t prev_task_link;
	uint32_t esp0, ss0, esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs;
	uint32_t ldt_segment_selector;
	uint16_t trap, iomap_base;
} __attribute__((packed));

void gdt_init(void);
/* The TSS the CPU uses now (where a task switch saved the old state). */
struct tss *tss_main(void);
/* Describe t as an available 32-bit TSS in GDT slot index. */
void gdt_set_tss(int index, struct tss *t);
/* The kernel stack the CPU switches to on a trap from ring 3. */
void tss_set_kernel_stack(uint32_t esp0);
/* Build a raw descriptor (two words) from its fields: access byte and the
 * granularity nibble (G, D/B, L, AVL in bits 7-4). */
void gdt_encode(uint32_t base, uint32_t limit, uint8_t access, uint8_t gran, uint32_t out[2]);
/* Write a raw descriptor into GDT slot index (TLS slots change per thread). */
void gdt_set_raw(int index, const void *desc);

/* Access byte and granularity bits, for callers that build descriptors. */
#define GDT_ACC_PRESENT   0x80
#define GDT_ACC_DPL3      0x60
#define GDT_ACC_SEGMENT   0x10
#define GDT_ACC_ACCESSED  0x01
#define GDT_GRAN_4K       0x80
#define GDT_GRAN_32BIT    0x40
#define GDT_GRAN_AVL      0x10

#endif
