/*
 * fault.c - decide what a page fault means (see fault.h).
 */
#include "mm/fault.h"
#include "mm/kimage.h"
#include "mm/kstack.h"
#include "mm/layout.h"
#include "mm/usercopy.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "uapi/signal.h"
#include "kernel/console.h"
#include "uapi/errno.h"
#include "kernel/panic.h"
#include "kernel/x86.h"

static const char *kernel_fault_cause(uint32_t addr, uint32_t error)
{
	if ((error & PF_WRITE) && kimage_is_readonly(addr))
		return "write to read-only kernel text or rodata";
	if (kstack_is_guard(addr))
		return "kernel stack overflow (guard page hit)";
	if (addr < PAGE_SIZE)
		return "NULL pointer dereference";
	if (addr < USER_TOP)
		return "kernel access to a user address";
	return "bad kernel address";
}

/* A fault on a user address, by user code or by a system call's copy:
 * demand paging first. A copy that still faults returns the error to its
 * caller through its fix-up: -EFAULT, or -ENOMEM when the page was allowed
 * but no frame was left; the system call then unwinds and frees what it
 * holds (killing it on the spot leaked its buffers). User code whose page
 * cannot be had is killed (SIGKILL, as Linux's out-of-memory killer
 * would) rather than told it erred; a page of a file mapping wholly past
 * the end of its file is SIGBUS (a copy gets -EFAULT); else SIGSEGV. */
static bool user_address_fault(struct trapframe *tf, uint32_t addr)
{
	struct mm *mm = current_process()->mm;
	int err = -EFAULT;
	bool area = false;
	if (mm) {
		sleeplock_acquire(&mm->lock);           /* another thread may fault or unmap here too */
		err = uvm_fault(mm, addr, tf->error & PF_WRITE);
		area = err && mm_find_area(mm, addr);
		sleeplock_release(&mm->lock);
	}
	if (err == 0) {
		current_process()->min_flt++;      /* getrusage's ru_minflt */
		return true;
	}
	uint32_t fixup = trap_from_user(tf) ? 0 : usercopy_fixup(tf->eip);
	if (fixup) {
		tf->eip = fixup;
		tf->eax = (uint32_t)(err == -EIO ? -EFAULT : err);   /* what the copy returns */
		return true;
	}
	if (err == -ENOMEM) {
		pr_warn("out of memory: pid %d (%s) killed at address %08x\n",
			current_process()->pid, current_process()->exe, addr);
		proc_kill_self(SIGKILL);
	}
	if (!trap_from_user(tf))
		return false;
	if (err == -EIO) {                  /* a file mapping's page past the end of its file */
		signal_fault(tf, SIGBUS, BUS_ADRERR, addr);
		return true;
	}
	/* Linux's si_code: no area there at all, or an area that forbids it. */
	int code = area ? SEGV_ACCERR : SEGV_MAPERR;
	signal_fault(tf, SIGSEGV, code, addr);
	return true;
}

static void page_fault(struct trapframe *tf)
{
	uint32_t addr = read_cr2();
	if ((addr < USER_TOP || trap_from_user(tf)) && user_address_fault(tf, addr))
		return;
	kprintf("\nKERNEL PAGE FAULT: %s\n", kernel_fault_cause(addr, tf->error));
	trap_report(tf, "KERNEL FAULT");
	kernel_halt();
}

void fault_init(void)
{
	trap_register(TRAP_PF, page_fault);
}
