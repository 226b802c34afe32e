/*
 * mm_bench.c - micro-benchmarks of the memory manager (`make bench`).
 * Each returns the TSC cycles for `n` operations; interrupts are off while
 * measuring so a timer tick does not land in one figure and not another.
 */
#include "kernel/kbench.h"
#include "kernel/x86.h"
#include "mm/frame.h"
#include "mm/kheap.h"
#include "mm/tmt.h"
#include "mm/vmm.h"

#define BENCH_UVA 0x50000000u

KBENCH(frame_alloc_free, 100000)
{
	uint32_t f = irq_save();
	uint64_t t0 = rdtsc();
	for (uint32_t i = 0; i < iterations; i++)
		frame_free(frame_alloc());
	uint64_t t = rdtsc() - t0;
	irq_restore(f);
	return t;
}

KBENCH(tmt_map_unmap, 100000)
{
	paddr_t pa = frame_alloc();
	uint32_t f = irq_save();
	uint64_t t0 = rdtsc();
	for (uint32_t i = 0; i < iterations; i++)
		tmt_unmap(tmt_map(pa));
	uint64_t t = rdtsc() - t0;
	irq_restore(f);
	frame_free(pa);
	return t;
}

KBENCH(user_page_map_unmap, 100000)
{
	paddr_t pa = frame_alloc();
	vmm_map(BENCH_UVA, pa, VMM_WRITE | VMM_USER);   /* create the table once */
	vmm_unmap(BENCH_UVA);
	uint32_t f = irq_save();
	uint64_t t0 = rdtsc();
	for (uint32_t i = 0; i < iterations; i++) {
		vmm_map(BENCH_UVA, pa, VMM_WRITE | VMM_USER);
		vmm_unmap(BENCH_UVA);
	}
	uint64_t t = rdtsc() - t0;
	irq_restore(f);
	frame_free(pa);
	return t;
}

static uint64_t kmalloc_kfree(uint32_t n, uint32_t size)
{
	uint32_t f = irq_save();
	uint64_t t0 = rdtsc();
	for (uint32_t i = 0; i < n; i++)
		kfree(kmalloc(size));
	uint64_t t = rdtsc() - t0;
	irq_restore(f);
	return t;
}

KBENCH(kmalloc_kfree_32, 100000)
{
	return kmalloc_kfree(iterations, 32);
}

KBENCH(kmalloc_kfree_4096, 20000)
{
	return kmalloc_kfree(iterations, 4096);
}
