/*
 * protect_test.c - in-guest tests of the kernel's guards against itself
 * (suite "protect"): under SMAP a kernel read of a user page outside the
 * user-copy doors faults, is reported and (this being the test's probe,
 * mm/usercopy.h) survived, while copy_from_user of the same page works.
 * On a CPU without SMAP the probe simply reads, and the test says so.
 * crash=smap and crash=smep (tests/kernel/crash.c) show the report of a
 * real breach, which stops the kernel. A #GP of the signal frame's FXRSTOR
 * door is survived the same way (its fix-up).
 */
#include "kernel/ktest.h"
#include "kernel/protect.h"
#include "mm/layout.h"
#include "mm/tmt.h"
#include "mm/usercopy.h"
#include "mm/vmm.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/sigcontext.h"

#define PROBE_PAGE  0x40000000u
#define PROBE_WORD  0x5eaf00d5u

struct probe_env {
	struct vm_space *space, *old;
};

/* A fresh space, the test thread's process's own (a preemption switches
 * back into it), with one user page holding PROBE_WORD. */
static bool env_enter(struct probe_env *e)
{
	struct process *p = current_process();
	paddr_t pa;
	e->old = p->vm;
	e->space = vmm_space_create();
	if (!e->space)
		return false;
	p->vm = e->space;
	vmm_space_switch(e->space);
	if (vmm_map_new(PROBE_PAGE, VMM_USER | VMM_WRITE) != 0 || !vmm_translate(PROBE_PAGE, &pa, NULL))
		return false;
	uint32_t *k = tmt_map(pa);
	*k = PROBE_WORD;
	tmt_unmap(k);
	return true;
}

static void env_leave(struct probe_env *e)
{
	struct process *p = current_process();
	p->vm = e->old;
	vmm_space_switch(e->old);
	if (e->space)
		vmm_space_destroy(e->space);
}

KTEST(protect, smap_faults_kernel_read_outside_the_doors)
{
	uint32_t free0 = ktest_frames_outside_heap();
	struct probe_env e;
	KEXPECT(env_enter(&e));
	uint32_t word = 0;
	KEXPECT_EQ(copy_from_user(&word, USER_PTR(PROBE_PAGE), sizeof(word)), 0);
	KEXPECT_EQ(word, PROBE_WORD);
	word = 0;
	int r = user_read_unguarded(&word, (const void *)PROBE_PAGE);
	if (smap_enabled()) {
		KEXPECT_EQ(r, -EFAULT);           /* faulted, reported, survived */
		KEXPECT_EQ(word, 0);
	} else {
		ktest_diag("no SMAP on this CPU: the unguarded read went through");
		KEXPECT_EQ(r, 0);
		KEXPECT_EQ(word, PROBE_WORD);
	}
	/* The door still opens after the breach, and closes again. */
	KEXPECT_EQ(copy_from_user(&word, USER_PTR(PROBE_PAGE), sizeof(word)), 0);
	KEXPECT_EQ(word, PROBE_WORD);
	env_leave(&e);
	KEXPECT_EQ(ktest_frames_outside_heap(), free0);
}

/* What the boot found: printed so that the transcript says which guards a
 * run had (tests/system/run.py boots with and without them). */
KTEST(protect, guards_match_the_cpu)
{
	ktest_diag("SMEP %s, SMAP %s", smep_enabled() ? "on" : "off", smap_enabled() ? "on" : "off");
	uint32_t cr4;
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	KEXPECT_EQ((cr4 >> 20) & 1, smep_enabled());
	KEXPECT_EQ((cr4 >> 21) & 1, smap_enabled());
}

int fxrstor_user_raw(const void *fp, uint32_t mxcsr_mask);   /* mm/usercopy_raw.asm */

/* rt_sigreturn's FXRSTOR from the frame (proc/fpu.c) faults with #GP on an
 * MXCSR bit the CPU lacks, which another thread may write after the door
 * tested it, and on an unaligned image: the kernel must resume at the
 * door's fix-up (-EINVAL, then the copy), not stop. QEMU checks the
 * alignment, not MXCSR, so the image here is unaligned and the door's own
 * MXCSR test is off (a mask of all bits). */
KTEST(protect, fxrstor_fault_resumes_at_the_fixup)
{
	static uint8_t state[FPSTATE_FSAVE_SIZE + FPSTATE_FXSR_SIZE + 16] __attribute__((aligned(16)));
	KEXPECT_EQ(fxrstor_user_raw(state + 8, 0xffffffffu), -EINVAL);
}
