/*
 * trap.c - route every interrupt, exception and system call to its handler.
 *
 * An exception nobody handles is a kernel bug (user faults get a handler
 * once processes exist): it is reported with the vector's name, the error
 * code, all registers, CR2 for page faults and a symbolized backtrace, and
 * the kernel stops.
 */
#include "kernel/trap.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/x86.h"
#include "kernel/gdt.h"
#include "drivers/pic.h"
#include "mm/fault.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "proc/proc.h"

static trap_handler_fn handlers[TRAP_VECTORS];

static const char *const exception_names[TRAP_EXCEPTIONS] = {
	"divide error", "debug", "non-maskable interrupt", "breakpoint",
	"overflow", "bound range exceeded", "invalid opcode", "device not available",
	"double fault", "coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack-segment fault", "general protection fault", "page fault", "reserved (15)",
	"x87 floating-point error", "alignment check", "machine check", "SIMD floating-point error",
	"virtualization exception", "control protection exception", "reserved (22)", "reserved (23)",
	"reserved (24)", "reserved (25)", "reserved (26)", "reserved (27)",
	"hypervisor injection", "VMM communication", "security exception", "reserved (31)",
};

const char *trap_name(unsigned vector)
{
	if (vector < TRAP_EXCEPTIONS)
		return exception_names[vector];
	if (vector >= TRAP_IRQ_BASE && vector < TRAP_IRQ_BASE + TRAP_IRQ_COUNT)
		return "hardware interrupt";
	if (vector == TRAP_SYSCALL)
		return "system call";
	return "unexpected vector";
}

void trap_register(unsigned vector, trap_handler_fn fn)
{
	handlers[vector] = fn;
}

uint32_t trap_kernel_esp(const struct trapframe *tf)
{
	/* A same-ring trap pushes no esp/ss: the old stack top is where they would be. */
	return (uint32_t)&tf->user_esp;
}


static void report_page_fault(const struct trapframe *tf)
{
	uint32_t cr2 = read_cr2();
	kprintf("page fault at %08x: %s of a %s page in %s mode%s%s\n", cr2,
		(tf->error & PF_FETCH) ? "instruction fetch" : (tf->error & PF_WRITE) ? "write" : "read",
		(tf->error & PF_PRESENT) ? "present (protection violation)" : "not-present",
		(tf->error & PF_USER) ? "user" : "kernel",
		(tf->error & PF_RSVD) ? ", reserved bit set" : "",
		cr2 < 0x1000 ? " (NULL pointer)" : "");
}

void trap_report(const struct trapframe *tf, const char *why)
{
	kprintf("\n%s: exception %u (%s), error code %08x\n", why, tf->vector,
		trap_name(tf->vector), tf->error);
	if (tf->vector == TRAP_PF)
		report_page_fault(tf);
	kprintf("eip %08x  cs %04x  eflags %08x\n", tf->eip, tf->cs & 0xffff, tf->eflags);
	kprintf("eax %08x  ebx %08x  ecx %08x  edx %08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
	kprintf("esi %08x  edi %08x  ebp %08x  esp %08x\n", tf->esi, tf->edi, tf->ebp,
		trap_from_user(tf) ? tf->user_esp : trap_kernel_esp(tf));
	kprintf("ds %04x es %04x fs %04x gs %04x  cr0 %08x cr3 %08x cr4 %08x\n",
		tf->ds & 0xffff, tf->es & 0xffff, tf->fs & 0xffff, tf->gs & 0xffff,
		read_cr0(), read_cr3(), read_cr4());
	if (!trap_from_user(tf))
		backtrace_print(tf->eip, tf->ebp);
}

/* A #GP the kernel takes on the user's behalf (FXRSTOR of a signal
 * frame's image with a bad MXCSR): the door returns -EINVAL. */
static bool gp_fixup(struct trapframe *tf)
{
	uint32_t fixup = tf->vector == TRAP_GP ? usercopy_gp_fixup(tf->eip) : 0;
	if (!fixup)
		return false;
	tf->eip = fixup;
	tf->eax = (uint32_t)-EINVAL;
	return true;
}

static void trap_irq(struct trapframe *tf)
{
	unsigned irq = tf->vector - TRAP_IRQ_BASE;
	if (pic_spurious(irq))
		return;
	if (handlers[tf->vector])
		handlers[tf->vector](tf);
	pic_eoi(irq);
}

void trap_dispatch(struct trapframe *tf)
{
	if (tf->vector >= TRAP_IRQ_BASE && tf->vector < TRAP_IRQ_BASE + TRAP_IRQ_COUNT)
		trap_irq(tf);
	else if (handlers[tf->vector])
		handlers[tf->vector](tf);
	else if (trap_from_user(tf))
		trap_user_exception(tf);
	else if (gp_fixup(tf))
		;                           /* the user's FPU image: -EINVAL */
	else if (tls_return_fixup(tf))
		;                           /* a stale user selector on the way out */
	else {
		trap_report(tf, "KERNEL FAULT");
		kernel_halt();
	}
	/* The one place a thread is preempted: on its way out of a trap. */
	if (this_cpu()->need_resched)
		sched_preempt_point(tf);
	/* And where signals are acted on, as the thread goes back to ring 3
	 * (when there is something to do). syscall_dispatch does the same. */
	if (trap_from_user(tf) && signal_work(current_thread()))
		signal_deliver(tf);
}
