/*
 * panic.c - panic(), symbolized backtraces, and the final halt.
 *
 * Backtraces follow the frame-pointer chain (the kernel is built with
 * -fno-omit-frame-pointer). Every frame pointer is checked before it is
 * read - kernel half, aligned, page present - so a corrupt stack ends the
 * walk instead of faulting inside the fault report.
 */
#include "kernel/panic.h"
#include "kernel/console.h"
#include "kernel/ksyms.h"
#include "kernel/x86.h"
#include "drivers/debugexit.h"
#include "mm/layout.h"

#define BACKTRACE_MAX_LINES  24      /* lines printed */
#define BACKTRACE_MAX_WALK   4096    /* frames followed (a runaway recursion is deep) */
#define PTE_PRESENT_BIT      1u

static bool test_profile;

void panic_set_test_profile(bool on) { test_profile = on; }
bool in_test_profile(void) { return test_profile; }

void kernel_halt(void)
{
	cli();
	if (test_profile)
		debugexit(DEBUGEXIT_FAIL);
	for (;;)
		hlt();
}

/* Is the 8-byte frame record at ebp readable without faulting? */
static bool frame_readable(uint32_t ebp)
{
	if (ebp < KERNEL_VBASE || (ebp & 3) || ebp > SELF_BASE - 8)
		return false;
	if (!(self_pd()[pde_index(ebp)] & PTE_PRESENT_BIT))
		return false;
	return (*self_pte(ebp) & PTE_PRESENT_BIT) != 0;
}

static void print_frame(uint32_t eip)
{
	uint32_t off;
	const char *name = ksym_lookup(eip, &off);
	if (name)
		kprintf("  [<%08x>] %s+0x%x\n", eip, name, off);
	else
		kprintf("  [<%08x>] ?\n", eip);
}

void backtrace_print(uint32_t eip, uint32_t ebp)
{
	uint32_t last = 0, repeats = 0;
	int lines = 0;
	kprintf("backtrace:\n");
	if (eip)
		print_frame(eip), lines++;
	for (int i = 0; i < BACKTRACE_MAX_WALK && lines < BACKTRACE_MAX_LINES && frame_readable(ebp); i++) {
		uint32_t *frame = (uint32_t *)ebp;
		uint32_t ret = frame[1];
		if (ret == 0)
			break;
		if (ret == last) {             /* recursion: say how deep, once */
			repeats++;
		} else {
			if (repeats)
				kprintf("  ... the line above %u more times\n", repeats), lines++;
			repeats = 0;
			print_frame(ret - 1), lines++;   /* inside the call instruction */
			last = ret;
		}
		if (frame[0] <= ebp)           /* stacks grow down: callers are above */
			break;
		ebp = frame[0];
	}
	if (repeats)
		kprintf("  ... the line above %u more times\n", repeats);
}

void panic(const char *fmt, ...)
{
	cli();
	va_list ap;
	va_start(ap, fmt);
	kprintf("\nKERNEL PANIC: ");
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	backtrace_print(0, read_ebp());   /* starts at panic's caller */
	kernel_halt();
}
