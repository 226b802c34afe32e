/*
 * kbench.h - in-kernel micro-benchmarks. `bench=all` (or a comma list of
 * names) on the command line runs them and prints one line per figure on
 * COM2: "bench NAME ITERATIONS CYCLES_PER_OP". Under QEMU's -icount the
 * TSC counts guest instructions, so the figures repeat exactly.
 */
#ifndef KERNEL_KBENCH_H
#define KERNEL_KBENCH_H

#include <stdint.h>

struct kbench {
	const char *name;
	uint32_t iterations;
	/* Runs the operation `iterations` times; returns the TSC cycles spent. */
	uint64_t (*fn)(uint32_t iterations);
};

#define KBENCH(bname, iters)                                                 \
	static uint64_t kbench_##bname(uint32_t iterations);                 \
	static const struct kbench kbench_desc_##bname                       \
		__attribute__((used, section(".kbench"), aligned(4))) =      \
		{ #bname, iters, kbench_##bname };                           \
	static uint64_t kbench_##bname(uint32_t iterations)

__attribute__((noreturn)) void kbench_run(const char *filter);

#endif
