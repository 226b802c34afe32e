/*
 * crash.c - deliberate faults for the test profile (crash=WHAT on the
 * command line). The system tests check that each one is reported with the
 * right exception and a backtrace naming the function that faulted.
 */
#include "kernel/boot.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "mm/kstack.h"
#include "mm/tmt.h"
#include "mm/vmm.h"
#include "mm/uvm.h"
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

/* Each frame holds a 64-byte array, so the stack drains in a few hundred
 * calls (far fewer than the limit, which only keeps gcc from objecting). */
static volatile unsigned recurse_limit = 1u << 30;

__attribute__((noinline)) unsigned crash_recurse(unsigned depth)
{
	volatile char pad[64];
	pad[depth % sizeof(pad)] = (char)depth;
	if (depth >= recurse_limit)
		return 0;
	return crash_recurse(depth + 1) + pad[0];
}

/* Run crash_recurse on a fresh guarded kernel stack until it hits the guard. */
__attribute__((noinline)) void crash_stack_overflow(void)
{
	uint32_t top = kstack_alloc();
	if (!top)
		panic("crash=stack: no kernel stack");
	__asm__ volatile("mov %0, %%esp\n\t"
			 "push $0\n\t"
			 "call crash_recurse" : : "r"(top) : "memory");
}

/* A write far below esp, into the guard, while esp itself is still fine:
 * an ordinary page fault, reported as a stack overflow. */
__attribute__((noinline)) void crash_guard_write(void)
{
	uint32_t top = kstack_alloc();
	if (!top)
		panic("crash=guard: no kernel stack");
	volatile uint32_t *below = (uint32_t *)(top - KSTACK_SIZE - 16);
	*below = 1;
}

/* Regression test "thread0_stack_overflow_hits_guard" (crash=boot_stack):
 * thread 0 (kmain) runs on the boot stack, which had no guard page: it sat
 * right above the boot page tables, so an overflow silently overwrote
 * them. Now the page below it is unmapped and the overflow is a double
 * fault reported as a stack overflow, like any other kernel thread's. */
__attribute__((noinline)) void crash_boot_stack_overflow(void)
{
	crash_recurse(0);
}

/* Regression tests "kernel_text_was_writable" (crash=write_text,
 * crash=write_rodata): the boot map left the kernel's code and constants
 * writable for good, so a stray kernel write there was silently done. With
 * text and rodata mapped read-only (and CR0.WP on) it is a page fault that
 * says what was hit. The byte written back is the one read: on a kernel
 * that lets the write through nothing changes but the verdict. */
__attribute__((noinline)) void crash_write_text(void)
{
	volatile uint8_t *code = (volatile uint8_t *)(uintptr_t)crash_write_text;
	*code = *code;
}

static const char crash_constant[] = "a constant in .rodata";

__attribute__((noinline)) void crash_write_rodata(void)
{
	volatile char *c = (volatile char *)(uintptr_t)crash_constant;
	*c = *c;
}

/* uvm functions act on the current address space (mm/uvm.h): one handed
 * an mm that is not the current process's stops the kernel at the
 * assertion, before it unmaps pages of the wrong space. */
__attribute__((noinline)) void crash_uvm_foreign_mm(void)
{
	struct mm *mm = mm_create();
	mm_unmap(mm, USER_MMAP_TOP - PAGE_SIZE, USER_MMAP_TOP);
}

/* A user page (user, writable, present) in the current space for the
 * SMEP and SMAP crashes, holding one byte, put there through the TMT (the
 * kernel may not write it at its user address under SMAP). */
#define CRASH_USER_PAGE 0x40000000u
#define OPCODE_RET      0xc3

static volatile uint8_t *crash_user_page(uint8_t byte)
{
	paddr_t pa;
	if (vmm_map_new(CRASH_USER_PAGE, VMM_USER | VMM_WRITE) != 0 ||
	    !vmm_translate(CRASH_USER_PAGE, &pa, NULL))
		panic("crash: no user page");
	uint8_t *k = tmt_map(pa);
	k[0] = byte;
	tmt_unmap(k);
	return (volatile uint8_t *)CRASH_USER_PAGE;
}

/* crash=smap: the kernel reads a user page outside copy_from_user, as a
 * forgotten direct dereference of a user pointer would. With SMAP it is a
 * page fault reported as a SMAP breach (on a CPU without SMAP it reads). */
__attribute__((noinline)) void crash_smap_read(void)
{
	volatile uint8_t *u = crash_user_page(0);
	(void)*u;
}

/* crash=smep: the kernel jumps into a user page (one ret), as an exploit
 * that bent a kernel function pointer would. With SMEP it is a page fault
 * (an instruction fetch) reported as a SMEP breach. */
__attribute__((noinline)) void crash_smep_exec(void)
{
	void (*fn)(void) = (void (*)(void))(uintptr_t)crash_user_page(OPCODE_RET);
	fn();
	__asm__ volatile("" : : : "memory");    /* not a tail call: keep this frame */
}

/* crash=stack_smash: a local buffer written past its end, up to the saved
 * frame pointer (exclusive, so the backtrace still walks): the canary in
 * between is overwritten and the function's check reports it by name. */
__attribute__((noinline)) void crash_stack_smash(void)
{
	char buf[16];
	uintptr_t frame = (uintptr_t)__builtin_frame_address(0);   /* saved ebp, then return address */
	for (uintptr_t q = (uintptr_t)buf; q < frame; q++)   /* a register: nothing on the stack */
		*(volatile char *)q = 'A';
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
	{ "stack", crash_stack_overflow },
	{ "guard", crash_guard_write },
	{ "boot_stack", crash_boot_stack_overflow },
	{ "write_text", crash_write_text },
	{ "write_rodata", crash_write_rodata },
	{ "uvm_foreign_mm", crash_uvm_foreign_mm },
	{ "smap", crash_smap_read },
	{ "smep", crash_smep_exec },
	{ "stack_smash", crash_stack_smash },
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
