/*
 * kbench.c - run the registered micro-benchmarks (see kbench.h).
 */
#include "kernel/kbench.h"
#include "kernel/ktest.h"
#include "kernel/console.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "drivers/debugexit.h"
#include "drivers/serial.h"

extern const struct kbench __kbench_start[], __kbench_end[];

void kbench_run(const char *filter)
{
	serial_init(COM2_PORT);
	for (const struct kbench *b = __kbench_start; b < __kbench_end; b++) {
		if (!ktest_filter_match(filter, b->name))
			continue;
		b->fn(b->iterations / 10 + 1);                /* warm caches and tables */
		uint64_t cycles = b->fn(b->iterations);
		uint64_t per_op = cycles / b->iterations;
		kprintf("bench %-24s %8u iterations %8llu cycles/op\n", b->name, b->iterations, per_op);
		ktest_printf("bench %s %u %llu\n", b->name, b->iterations, per_op);
	}
	ktest_printf("bench-done\n");
	debugexit(DEBUGEXIT_PASS);
	for (;;)
		__asm__ volatile("cli; hlt");
}
