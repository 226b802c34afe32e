/*
 * x86.h - the few privileged instructions C needs, as inline functions.
 */
#ifndef KERNEL_X86_H
#define KERNEL_X86_H

#include <stdint.h>

#define EFLAGS_CF (1u << 0)
#define EFLAGS_PF (1u << 2)
#define EFLAGS_AF (1u << 4)
#define EFLAGS_ZF (1u << 6)
#define EFLAGS_SF (1u << 7)
#define EFLAGS_TF (1u << 8)   /* single step */
#define EFLAGS_IF (1u << 9)   /* interrupts enabled */
#define EFLAGS_DF (1u << 10)
#define EFLAGS_OF (1u << 11)
#define EFLAGS_RF (1u << 16)
#define EFLAGS_AC (1u << 18)

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

/* CPUID leaf: r[] = eax, ebx, ecx, edx. */
static inline void cpuid(uint32_t leaf, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

static inline void cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void hlt(void) { __asm__ volatile("hlt" ::: "memory"); }

static inline uint32_t read_eflags(void) { uint32_t f; __asm__ volatile("pushfl; popl %0" : "=r"(f)); return f; }
static inline uint32_t read_cr0(void) { uint32_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr2(void) { uint32_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr3(void) { uint32_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr4(void) { uint32_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
/* TLB work, counted for the benchmarks (docs/benchmarks.md): an instruction
 * count cannot see what a CR3 load (every non-global translation dropped)
 * or an invlpg costs in misses afterwards. One CPU: plain increments. */
struct tlb_counts {
	uint32_t cr3_loads;
	uint32_t invlpgs;
};
extern struct tlb_counts tlb_counts;

static inline void write_cr3(uint32_t v)
{
	tlb_counts.cr3_loads++;
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline void invlpg(uint32_t va)
{
	tlb_counts.invlpgs++;
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}
static inline uint32_t read_ebp(void) { uint32_t v; __asm__ volatile("mov %%ebp, %0" : "=r"(v)); return v; }

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Save the interrupt flag and disable; restore exactly what was saved. */
static inline uint32_t irq_save(void) { uint32_t f = read_eflags(); cli(); return f; }
static inline void irq_restore(uint32_t f) { if (f & EFLAGS_IF) sti(); }
static inline int irqs_enabled(void) { return (read_eflags() & EFLAGS_IF) != 0; }

#endif
