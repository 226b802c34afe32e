/*
 * crash.c - deliberate faults for the test profile (crash=WHAT on the
 * command line). The system tests check that each one is reported with the
 * right exception and a backtrace naming the function that faulted.
 */
#include "kernel/boot.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include <stdint.h>

/* noinline keeps each crash in its own named frame for the backtrace. */
__attribute__((noinline)) void crash_null_write(void)
{
	volatile int *p = (volatile int *)0;
	*p = 0xdead;
}

__attribute__((noinline)) void crash_invalid_opcode(void)
{
	__asm__ volatile("ud2");
}

__attribute__((noinline)) void crash_divide_by_zero(void)
{
	/* In asm: gcc turns a C "1 / x" into a compare that never traps. */
	uint32_t eax = 1, edx = 0, zero = 0;
	__asm__ volatile("divl %2" : "+a"(eax), "+d"(edx) : "r"(zero));
}

__attribute__((noinline)) void crash_panic(void)
{
	panic("deliberate panic (crash=panic)");
}

struct crash {
	const char *name;
	void (*fn)(void);
};

static const struct crash crashes[] = {
	{ "null", crash_null_write },
	{ "ud", crash_invalid_opcode },
	{ "div0", crash_divide_by_zero },
	{ "panic", crash_panic },
};

void crash_if_asked(const char *what)
{
	if (!what)
		return;
	for (unsigned i = 0; i < sizeof(crashes) / sizeof(crashes[0]); i++) {
		if (strcmp(what, crashes[i].name) == 0) {
			kprintf("crash: provoking '%s'\n", what);
			crashes[i].fn();
			panic("crash=%s did not fault", what);
		}
	}
	panic("crash=%s: no such deliberate fault", what);
}
