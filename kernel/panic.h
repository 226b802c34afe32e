/*
 * panic.h - stopping the kernel with a readable report.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <stdint.h>
#include <stdbool.h>

/* Under the test profile a panic ends QEMU with a failure status. */
void panic_set_test_profile(bool on);
bool in_test_profile(void);

__attribute__((noreturn, format(printf, 1, 2)))
void panic(const char *fmt, ...);

/* Print "  [<eip>] function+0xoff" for eip (unless 0), then every caller found
 * by following the frame pointers from ebp. */
void backtrace_print(uint32_t eip, uint32_t ebp);

/* Stop for good: end the QEMU run under the test profile, else halt. */
__attribute__((noreturn)) void kernel_halt(void);

#define KASSERT(cond) \
	do { if (!(cond)) panic("assertion failed: %s at %s:%d", #cond, __FILE__, __LINE__); } while (0)

#endif
