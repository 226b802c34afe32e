/*
 * doublefault.c - the double-fault task (see doublefault.h).
 *
 * Vector 8 is a task gate: the CPU saves the faulting state into the main
 * TSS and loads df_tss, whose stack, segments and directory are known good.
 * The handler reads the old state back from the main TSS and reports it.
 * It never returns (the main TSS stays busy).
 */
#include "kernel/doublefault.h"
#include "kernel/console.h"
#include "kernel/gdt.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "mm/kstack.h"
#include "mm/layout.h"
#include "proc/proc.h"

#define DF_STACK_SIZE   8192
#define EFLAGS_RESERVED 0x2       /* bit 1 is always set */

static struct tss df_tss;
static uint8_t df_stack[DF_STACK_SIZE] __attribute__((aligned(16)));

void stack_overflow_report(uint32_t addr)
{
	struct thread *t = current_thread();
	kprintf("kernel stack overflow: the stack ran into its guard page at %08x", page_down(addr));
	if (t)
		kprintf(" (thread %d '%s', pid %d)", t->tid, t->name, t->proc ? t->proc->pid : -1);
	kprintf("\n");
}

static void __attribute__((noreturn)) doublefault_task(void)
{
	struct tss *t = tss_main();
	uint32_t cr2 = read_cr2();
	kprintf("\nDOUBLE FAULT: eip %08x esp %08x ebp %08x cr2 %08x\n", t->eip, t->esp, t->ebp, cr2);
	if (kstack_is_guard(t->esp) || kstack_is_guard(cr2))
		stack_overflow_report(kstack_is_guard(cr2) ? cr2 : t->esp);
	kprintf("eax %08x ebx %08x ecx %08x edx %08x esi %08x edi %08x\n",
		t->eax, t->ebx, t->ecx, t->edx, t->esi, t->edi);
	backtrace_print(t->eip, t->ebp);
	kernel_halt();
}

void doublefault_init(void)
{
	memset(&df_tss, 0, sizeof(df_tss));
	df_tss.esp = df_tss.esp0 = (uint32_t)df_stack + DF_STACK_SIZE;
	df_tss.ss = df_tss.ss0 = df_tss.ds = df_tss.es = SEL_KDATA;
	df_tss.cs = SEL_KCODE;
	df_tss.eip = (uint32_t)doublefault_task;
	df_tss.eflags = EFLAGS_RESERVED;          /* interrupts off */
	df_tss.cr3 = read_cr3();                  /* the kernel half is the same everywhere */
	df_tss.iomap_base = sizeof(df_tss);
	gdt_set_tss(GDT_DFTSS, &df_tss);
	idt_set_task_gate(TRAP_DF, SEL_DFTSS);
}
