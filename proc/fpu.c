/*
 * fpu.c - x87/SSE state: enabled at boot, one FXSAVE image per thread,
 * switched eagerly on every context switch (glibc uses SSE2 for its string
 * functions, so nearly every user thread touches it anyway).
 */
#include "proc/thread_internal.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "uapi/sigcontext.h"
#include "uapi/errno.h"
#include "mm/usercopy.h"

#define CR0_MP          (1u << 1)
#define CR0_EM          (1u << 2)
#define CR0_TS          (1u << 3)
#define CR0_NE          (1u << 5)
#define CR4_OSFXSR      (1u << 9)
#define CR4_OSXMMEXCPT  (1u << 10)
#define MXCSR_DEFAULT_MASK 0x0000ffbfu  /* when FXSAVE leaves MXCSR_MASK 0 */

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

/* The live registers are the running thread's state (t->fpu is only
 * what the last switch or fpu_save left): loading the pristine image is
 * the whole reset, with no copy into t->fpu (the next switch saves it). */
void fpu_reset(struct thread *t)
{
	(void)t;
	__asm__ volatile("fxrstor %0" : : "m"(pristine));
}

void fpu_save(struct thread *t)
{
	__asm__ volatile("fxsave %0" : "=m"(t->fpu));
}

/*
 * The FPU state in a signal frame, as Linux i386 lays it out on a CPU with
 * FXSR and no XSAVE (struct _fpstate_32): first the i387 FSAVE-format
 * environment and registers, converted from the FXSAVE image
 * (convert_from_fxsr in arch/x86/kernel/fpu/regset.c), then the FXSAVE
 * image itself. On the way back, as Linux's __fpu_restore_sig for an ia32
 * frame, the image is taken and the i387 part written over its x87 fields,
 * and MXCSR loses the bits the CPU does not have (FXRSTOR would fault).
 * As Linux's copy_fpstate_to_sigframe, the CPU writes the image straight
 * into the frame (FXSAVE to user memory) and, on the way back, loads it
 * from there (FXRSTOR, then FRSTOR of the i387 part, which is the FSAVE
 * format itself): a copy through a kernel buffer cost a counted
 * instruction per 16 bytes or fewer, about 240 of signal_handler's 2,092.
 * Only an image that is not 16-byte aligned or whose MXCSR has bits the
 * CPU lacks (a frame user space built or changed) goes through the kernel
 * copy and the conversion.
 */
#define FXSR_ST_OFFSET   32            /* st0-7 in 16-byte slots */
#define FXSR_ST_SLOT     16
#define FPREG_SIZE       10
#define FXSR_MXCSR       24
#define FXSR_MXCSR_MASK  28
#define FXSR_SW_RESERVED 464           /* bytes 464-511: software's, zeroed */
#define HIGH_WORD_ONES 0xffff0000u
#define FSAVE_IMAGE_SIZE 108           /* FNSAVE's: environment and st0-7 */

struct fxsr_env {                       /* the first 24 bytes of FXSAVE */
	uint16_t cwd, swd;
	uint8_t twd, pad;
	uint16_t fop;
	uint32_t fip;
	uint16_t fcs, pad2;
	uint32_t foo;
	uint16_t fos, pad3;
} __attribute__((packed));

/* Each pair of tag bits becomes one bit: 1 unless empty (11), folded
 * pairwise without a loop, as Linux's twd_i387_to_fxsr. */
static uint8_t twd_i387_to_fxsr(uint32_t twd)
{
	uint32_t t = ~twd;
	t = (t | (t >> 1)) & 0x5555u;           /* a pair not 11: its low bit set */
	t = (t | (t >> 1)) & 0x3333u;
	t = (t | (t >> 2)) & 0x0f0fu;
	t = (t | (t >> 4)) & 0x00ffu;
	return (uint8_t)t;
}

/* The i387 part of the frame's fpstate. FNSAVE writes st0-7 in the FSAVE
 * layout and the full tag word, worked out from the registers' contents
 * by the rules of Linux's twd_fxsr_to_i387 (which did it in C, about 100
 * instructions a signal with the eight 10-byte copies); the environment
 * is then the saved image's, as Linux's convert_from_fxsr has it (reserved
 * high words all ones, fop with cs). FNSAVE leaves the x87 initialized:
 * the image fx and the frame's FXSAVE copy must be taken before. */
static void fsave_header(const uint8_t *fx, struct fpstate *fp)
{
	__asm__ volatile("fnsave %0" : "=m"(*(uint8_t (*)[FSAVE_IMAGE_SIZE])fp));
	const struct fxsr_env *e = (const void *)fx;
	fp->cw = e->cwd | HIGH_WORD_ONES;
	fp->sw = e->swd | HIGH_WORD_ONES;
	fp->tag |= HIGH_WORD_ONES;
	fp->ipoff = e->fip;
	fp->cssel = e->fcs | ((uint32_t)e->fop << 16);
	fp->dataoff = e->foo;
	fp->datasel = e->fos | HIGH_WORD_ONES;
	fp->status = e->swd;
	fp->magic = X86_FXSR_MAGIC;
}

int fpu_to_sigframe(struct thread *t, user_ptr_t ufp)
{
	struct fpstate fp;                    /* only its i387 part is used */
	fpu_save(t);                          /* the environment comes from t->fpu */
	if (fpu_save_to_user(user_ptr_add(ufp, FPSTATE_FSAVE_SIZE)))
		return -EFAULT;
	fsave_header(t->fpu, &fp);            /* last: FNSAVE resets the x87 */
	return copy_to_user(ufp, &fp, FPSTATE_FSAVE_SIZE) ? -EFAULT : 0;
}

static uint32_t mxcsr_feature_mask(void)
{
	uint32_t m;
	memcpy(&m, pristine + FXSR_MXCSR_MASK, sizeof(m));
	return m ? m : MXCSR_DEFAULT_MASK;
}

static void fpu_from_copy(struct fpstate *fp)
{
	struct fxsr_env *e = (void *)fp->fxsr;
	e->cwd = (uint16_t)fp->cw;
	e->swd = (uint16_t)fp->sw;
	e->twd = twd_i387_to_fxsr(fp->tag);
	e->fip = fp->ipoff;
	e->fcs = (uint16_t)fp->cssel;
	e->fop = (uint16_t)(fp->cssel >> 16);
	e->foo = fp->dataoff;
	e->fos = (uint16_t)fp->datasel;
	for (int i = 0; i < 8; i++)
		memcpy(fp->fxsr + FXSR_ST_OFFSET + FXSR_ST_SLOT * i, fp->st[i], FPREG_SIZE);
	uint32_t mxcsr;
	memcpy(&mxcsr, fp->fxsr + FXSR_MXCSR, sizeof(mxcsr));
	mxcsr &= mxcsr_feature_mask();
	memcpy(fp->fxsr + FXSR_MXCSR, &mxcsr, sizeof(mxcsr));
	/* Loaded from the caller's copy: the live registers are the thread's
	 * state from here, t->fpu is written at the next switch. */
	__asm__ volatile("fxrstor %0" : : "m"(*(const uint8_t (*)[FPSTATE_FXSR_SIZE])fp->fxsr));
}

int fpu_from_sigframe(struct thread *t, user_ptr_t ufp)
{
	int err = fpu_restore_from_user(ufp, mxcsr_feature_mask());
	if (err == -EINVAL) {                 /* unaligned, or a bad MXCSR: by a copy */
		struct fpstate fp __attribute__((aligned(16)));   /* FXRSTOR loads its image */
		err = copy_from_user(&fp, ufp, sizeof(fp));
		if (!err)
			fpu_from_copy(&fp);
	}
	if (err)
		fpu_reset(t);                 /* as Linux's fpu__clear_user_states */
	return err ? -EFAULT : 0;
}
