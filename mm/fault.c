/*
 * fault.c - decide what a page fault means (see fault.h).
 */
#include "mm/fault.h"
#include "mm/kstack.h"
#include "mm/layout.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/x86.h"

static user_fault_fn user_handler;

void fault_set_user_handler(user_fault_fn fn)
{
	user_handler = fn;
}

static const char *kernel_fault_cause(uint32_t addr)
{
	if (kstack_is_guard(addr))
		return "kernel stack overflow (guard page hit)";
	if (addr < PAGE_SIZE)
		return "NULL pointer dereference";
	if (addr < USER_TOP)
		return "kernel access to a user address";
	return "bad kernel address";
}

static void page_fault(struct trapframe *tf)
{
	uint32_t addr = read_cr2();
	if (trap_from_user(tf)) {
		if (user_handler && user_handler(tf, addr) == 0)
			return;
		trap_report(tf, "USER PAGE FAULT (no handler)");
		kernel_halt();
	}
	kprintf("\nKERNEL PAGE FAULT: %s\n", kernel_fault_cause(addr));
	trap_report(tf, "KERNEL FAULT");
	kernel_halt();
}

void fault_init(void)
{
	trap_register(TRAP_PF, page_fault);
}
