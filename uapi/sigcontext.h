/*
 * sigcontext.h - what a signal handler finds on its stack on Linux i386:
 * struct sigcontext_32 and struct _fpstate_32 (arch/x86/include/uapi/asm/
 * sigcontext.h), struct ucontext (asm/ucontext.h, asm-generic/ucontext.h)
 * and the two frames, sigframe and rt_sigframe (arch/x86/include/asm/
 * sigframe.h, CONFIG_X86_32). The frames are not in a uapi header on
 * Linux, but their layout is ABI all the same: glibc's restorers and
 * debuggers walk them.
 */
#ifndef UAPI_SIGCONTEXT_H
#define UAPI_SIGCONTEXT_H

#include "uapi/signal.h"
#include <stdint.h>

struct sigcontext {
	uint16_t gs, gsh, fs, fsh, es, esh, ds, dsh;
	uint32_t di, si, bp, sp, bx, dx, cx, ax;
	uint32_t trapno, err, ip;
	uint16_t cs, csh;
	uint32_t flags, sp_at_signal;
	uint16_t ss, ssh;
	uint32_t fpstate;          /* user address of the struct fpstate below */
	uint32_t oldmask;          /* the blocked mask's low word */
	uint32_t cr2;
};
_Static_assert(sizeof(struct sigcontext) == 88, "i386 sigcontext");

#define FPSTATE_FSAVE_SIZE 112     /* struct fregs_state: the i387 part */
#define FPSTATE_FXSR_SIZE  512     /* the FXSAVE image that follows it */
#define X86_FXSR_MAGIC     0x0000  /* fpstate.magic: FXSR data follows */

/* struct _fpstate_32: the i387 (FSAVE-format) environment and registers,
 * then the FXSAVE image, which must be 16-byte aligned. */
struct fpstate {
	uint32_t cw, sw, tag, ipoff, cssel, dataoff, datasel;
	uint8_t st[8][10];
	uint16_t status, magic;
	uint8_t fxsr[FPSTATE_FXSR_SIZE];
};
_Static_assert(sizeof(struct fpstate) == FPSTATE_FSAVE_SIZE + FPSTATE_FXSR_SIZE, "_fpstate_32");

struct ucontext {
	uint32_t uc_flags;
	uint32_t uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	kernel_sigset_t uc_sigmask;
};
_Static_assert(sizeof(struct ucontext) == 116, "i386 ucontext");

#define SIGFRAME_RETCODE_SIZE 8

/* For handlers without SA_SIGINFO: sigreturn(2) pops it. */
struct sigframe {
	uint32_t pretcode;
	int32_t sig;
	struct sigcontext sc;
	struct fpstate fpstate_unused;   /* the real one follows retcode */
	uint32_t extramask[1];           /* the blocked mask's high word */
	uint8_t retcode[SIGFRAME_RETCODE_SIZE];
};
_Static_assert(sizeof(struct sigframe) == 8 + 88 + 624 + 4 + 8, "i386 sigframe");

/* For SA_SIGINFO handlers: rt_sigreturn(2) pops it. */
struct rt_sigframe {
	uint32_t pretcode;
	int32_t sig;
	uint32_t pinfo;
	uint32_t puc;
	siginfo_t info;
	struct ucontext uc;
	uint8_t retcode[SIGFRAME_RETCODE_SIZE];
};
_Static_assert(sizeof(struct rt_sigframe) == 16 + 128 + 116 + 8, "i386 rt_sigframe");

#endif
