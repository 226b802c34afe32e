/*
 * fpu.c - x87/SSE state: enabled at boot, one FXSAVE image per thread,
 * switched eagerly on every context switch (glibc uses SSE2 for its string
 * functions, so nearly every user thread touches it anyway).
 */
#include "proc/thread_internal.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define CR0_MP          (1u << 1)
#define CR0_EM          (1u << 2)
#define CR0_TS          (1u << 3)
#define CR0_NE          (1u << 5)
#define CR4_OSFXSR      (1u << 9)
#define CR4_OSXMMEXCPT  (1u << 10)

/* The state a new thread starts with: after fninit, MXCSR at its reset
 * value (all exceptions masked), as Linux gives a new process. */
static uint8_t pristine[FPU_STATE_SIZE] __attribute__((aligned(16)));

void fpu_init(void)
{
	uint32_t cr0 = read_cr0();
	cr0 &= ~(CR0_EM | CR0_TS);
	cr0 |= CR0_MP | CR0_NE;
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
	uint32_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4));
	__asm__ volatile("fninit");
	uint32_t mxcsr = 0x1f80;
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	__asm__ volatile("fxsave %0" : "=m"(pristine));
}

void fpu_init_state(struct thread *t)
{
	memcpy(t->fpu, pristine, FPU_STATE_SIZE);
}

void fpu_switch(struct thread *prev, struct thread *next)
{
	__asm__ volatile("fxsave %0" : "=m"(prev->fpu));
	__asm__ volatile("fxrstor %0" : : "m"(next->fpu));
}

void fpu_reset(struct thread *t)
{
	fpu_init_state(t);
	__asm__ volatile("fxrstor %0" : : "m"(t->fpu));
}

void fpu_save(struct thread *t)
{
	__asm__ volatile("fxsave %0" : "=m"(t->fpu));
}
