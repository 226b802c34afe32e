/*
 * kbench.c - run the registered micro-benchmarks (see kbench.h).
 */
#include "kernel/kbench.h"
#include "kernel/console.h"
#include "kernel/format.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "drivers/debugexit.h"
#include "drivers/serial.h"
#include <stdarg.h>
#include <stdbool.h>

extern const struct kbench __kbench_start[], __kbench_end[];

static void com2_put(char c, void *ctx)
{
	(void)ctx;
	serial_putc(COM2_PORT, c);
}

static void com2_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kvformat(com2_put, 0, fmt, ap);
	va_end(ap);
}

static bool named(const char *filter, const char *name)
{
	if (strcmp(filter, "all") == 0)
		return true;
	size_t n = strlen(name);
	for (const char *p = filter; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

void kbench_run(const char *filter)
{
	serial_init(COM2_PORT);
	for (const struct kbench *b = __kbench_start; b < __kbench_end; b++) {
		if (!named(filter, b->name))
			continue;
		b->fn(b->iterations / 10 + 1);                /* warm caches and tables */
		uint64_t cycles = b->fn(b->iterations);
		uint64_t per_op = cycles / b->iterations;
		kprintf("bench %-24s %8u iterations %8llu cycles/op\n", b->name, b->iterations, per_op);
		com2_printf("bench %s %u %llu\n", b->name, b->iterations, per_op);
	}
	com2_printf("bench-done\n");
	debugexit(DEBUGEXIT_PASS);
	for (;;)
		__asm__ volatile("cli; hlt");
}
