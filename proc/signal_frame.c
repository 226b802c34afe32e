/*
 * signal_frame.c - the frames a signal handler runs on and the sigreturns
 * that take them down, laid out exactly as Linux i386's (uapi/sigcontext.h).
 *
 * signal.c decides which signal is delivered and with which mask; this file
 * only builds the rt_sigframe (SA_SIGINFO) or sigframe below the user's
 * stack or on the alternate stack, with the FXSAVE image aligned below it,
 * and reads one back in rt_sigreturn/sigreturn, taking only what user space
 * may set: the flat user code and stack segments, data selectors with RPL 3,
 * and the arithmetic flags (never IF, IOPL or VM).
 */
#include "proc/thread_internal.h"
#include "gen/syscalls.h"
#include "kernel/console.h"
#include "kernel/gdt.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "mm/uvm.h"
#include "uapi/errno.h"
#include "uapi/sigcontext.h"

#define FPSTATE_ALIGN     64          /* Linux aligns the FXSAVE image so */
#define FRAME_ALIGN       16          /* the frame, + 4: as if just called */
/* Only these flags come back from a sigcontext (Linux's FIX_EFLAGS). */
#define FIX_EFLAGS (EFLAGS_CF | EFLAGS_PF | EFLAGS_AF | EFLAGS_ZF | EFLAGS_SF | \
		    EFLAGS_TF | EFLAGS_DF | EFLAGS_OF | EFLAGS_RF | EFLAGS_AC)
#define HANDLER_CLEAR_EFLAGS (EFLAGS_DF | EFLAGS_RF | EFLAGS_TF)

/* movl $__NR_rt_sigreturn, %eax; int $0x80 - and popl %eax first for
 * sigreturn: what pretcode points at when there is no SA_RESTORER. */
static const uint8_t rt_retcode[SIGFRAME_RETCODE_SIZE] = {
	0xb8, __NR_rt_sigreturn & 0xff, __NR_rt_sigreturn >> 8, 0, 0, 0xcd, 0x80, 0 };
static const uint8_t retcode[SIGFRAME_RETCODE_SIZE] = {
	0x58, 0xb8, __NR_sigreturn & 0xff, __NR_sigreturn >> 8, 0, 0, 0xcd, 0x80 };

/* --- the frames --- */

static bool on_alt_stack(const struct thread *t, uint32_t sp)
{
	return sp > t->sas_sp && sp - t->sas_sp <= t->sas_size;
}

static int alt_stack_flags(const struct thread *t, uint32_t sp)
{
	if (!t->sas_size)
		return SS_DISABLE;
	return on_alt_stack(t, sp) ? SS_ONSTACK : 0;
}

void signal_altstack_get(const struct thread *t, uint32_t sp, stack_t *ss)
{
	*ss = (stack_t){ .ss_sp = t->sas_sp, .ss_flags = alt_stack_flags(t, sp),
			 .ss_size = t->sas_size };
}

/* Where a frame of size bytes goes (*fp: its FPU state): below the user's
 * stack or at the top of the alternate stack, aligned as Linux does
 * (get_sigframe, fpu__alloc_mathframe, align_sigframe). 0: no room. */
static uint32_t frame_place(const struct trapframe *tf, const struct thread *t,
			    const struct ksigaction *ka, uint32_t size, uint32_t *fp)
{
	uint32_t sp = tf->user_esp;
	bool onstack = (ka->flags & SA_ONSTACK) && alt_stack_flags(t, sp) == 0;
	if (onstack)
		sp = t->sas_sp + t->sas_size;
	uint32_t buf_fx = (sp - FPSTATE_FXSR_SIZE) & ~(FPSTATE_ALIGN - 1);
	*fp = buf_fx - FPSTATE_FSAVE_SIZE;
	uint32_t frame = ((*fp - size + 4) & ~(FRAME_ALIGN - 1)) - 4;
	if (onstack && !on_alt_stack(t, frame))
		return 0;                     /* the alternate stack overflowed */
	return frame;
}

/* Field by field into the frame being built (a compound literal made a
 * second copy on the stack first). */
static void sigcontext_fill(struct sigcontext *sc, const struct trapframe *tf,
			    const struct thread *t, uint32_t fp, kernel_sigset_t mask)
{
	sc->gsh = sc->fsh = sc->esh = sc->dsh = sc->csh = sc->ssh = 0;
	sc->gs = (uint16_t)tf->gs, sc->fs = (uint16_t)tf->fs;
	sc->es = (uint16_t)tf->es, sc->ds = (uint16_t)tf->ds;
	sc->di = tf->edi, sc->si = tf->esi, sc->bp = tf->ebp, sc->sp = tf->user_esp;
	sc->bx = tf->ebx, sc->dx = tf->edx, sc->cx = tf->ecx, sc->ax = tf->eax;
	sc->trapno = t->fault_trapno, sc->err = t->fault_error, sc->ip = tf->eip;
	sc->cs = (uint16_t)tf->cs, sc->flags = tf->eflags, sc->sp_at_signal = tf->user_esp;
	sc->ss = (uint16_t)tf->user_ss, sc->fpstate = fp, sc->oldmask = (uint32_t)mask;
	sc->cr2 = t->fault_cr2;
}

/* The FPU state at fp, then the frame at frame: 0 or -EFAULT. */
static int frame_write(struct thread *t, uint32_t fp, uint32_t frame, const void *f, size_t n)
{
	if (fpu_to_sigframe(t, USER_PTR(fp)) || copy_to_user(USER_PTR(frame), f, n))
		return -EFAULT;
	return 0;
}

/* The registers the handler starts with. */
static void enter_handler(struct trapframe *tf, const struct ksigaction *ka, uint32_t frame)
{
	tf->user_esp = frame;
	tf->eip = ka->handler;
	tf->ds = tf->es = tf->user_ss = SEL_UDATA;
	tf->cs = SEL_UCODE;
	tf->eflags &= ~HANDLER_CLEAR_EFLAGS;
}

static int setup_rt_frame(struct trapframe *tf, struct thread *t, int sig,
			  const struct ksiginfo *ki, const struct ksigaction *ka, kernel_sigset_t mask)
{
	uint32_t fp, at = frame_place(tf, t, ka, sizeof(struct rt_sigframe), &fp);
	if (!at)
		return -EFAULT;
	/* Every byte is written below, field by field: no zeroing of the
	 * whole frame first (siginfo_fill clears its own part). */
	struct rt_sigframe f;
	f.pretcode = (ka->flags & SA_RESTORER) ? ka->restorer : at + offsetof(struct rt_sigframe, retcode);
	f.sig = sig;
	f.pinfo = at + offsetof(struct rt_sigframe, info);
	f.puc = at + offsetof(struct rt_sigframe, uc);
	f.uc.uc_flags = f.uc.uc_link = 0;
	signal_siginfo_fill(&f.info, sig, ki);
	signal_altstack_get(t, tf->user_esp, &f.uc.uc_stack);
	sigcontext_fill(&f.uc.uc_mcontext, tf, t, fp, mask);
	f.uc.uc_sigmask = mask;
	memcpy(f.retcode, rt_retcode, sizeof(f.retcode));
	if (frame_write(t, fp, at, &f, sizeof(f)))
		return -EFAULT;
	enter_handler(tf, ka, at);
	tf->eax = (uint32_t)sig;
	tf->edx = f.pinfo;
	tf->ecx = f.puc;
	return 0;
}

static int setup_frame(struct trapframe *tf, struct thread *t, int sig,
		       const struct ksigaction *ka, kernel_sigset_t mask)
{
	uint32_t fp, at = frame_place(tf, t, ka, sizeof(struct sigframe), &fp);
	if (!at)
		return -EFAULT;
	struct sigframe f;
	memset(&f, 0, sizeof(f));
	f.pretcode = (ka->flags & SA_RESTORER) ? ka->restorer : at + offsetof(struct sigframe, retcode);
	f.sig = sig;
	sigcontext_fill(&f.sc, tf, t, fp, mask);
	f.extramask[0] = (uint32_t)(mask >> 32);
	memcpy(f.retcode, retcode, sizeof(f.retcode));
	if (frame_write(t, fp, at, &f, sizeof(f)))
		return -EFAULT;
	enter_handler(tf, ka, at);
	tf->eax = (uint32_t)sig;
	tf->edx = tf->ecx = 0;
	return 0;
}


/* The frame for sig's handler ka, with old the mask sigreturn restores:
 * 0, or -EFAULT when it does not fit on the user's stack. */
int signal_frame_setup(struct trapframe *tf, struct thread *t, int sig,
		       const struct ksiginfo *ki, const struct ksigaction *ka, kernel_sigset_t old)
{
	return (ka->flags & SA_SIGINFO) ? setup_rt_frame(tf, t, sig, ki, ka, old)
					: setup_frame(tf, t, sig, ka, old);
}

/* --- sigreturn --- */

/* The registers from a sigcontext, if user space may have them: 0, -EPERM
 * when cs or ss is not the flat user segment, -EFAULT if the FPU state
 * cannot be read (the FPU is reset then, the registers untouched). */
static int restore_sigcontext(struct trapframe *tf, struct thread *t, const struct sigcontext *sc)
{
	if ((sc->cs | RPL_USER) != SEL_UCODE || (sc->ss | RPL_USER) != SEL_UDATA)
		return -EPERM;
	if (!sc->fpstate)
		fpu_reset(t);
	else if (fpu_from_sigframe(t, USER_PTR(sc->fpstate)))
		return -EFAULT;
	tf->gs = sc->gs | RPL_USER;           /* an unusable one is nulled at iret */
	tf->fs = sc->fs | RPL_USER;
	tf->es = sc->es | RPL_USER;
	tf->ds = sc->ds | RPL_USER;
	tf->edi = sc->di, tf->esi = sc->si, tf->ebp = sc->bp, tf->user_esp = sc->sp;
	tf->ebx = sc->bx, tf->edx = sc->dx, tf->ecx = sc->cx, tf->eax = sc->ax;
	tf->eip = sc->ip;
	tf->cs = SEL_UCODE;
	tf->user_ss = SEL_UDATA;
	tf->eflags = (tf->eflags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS);
	t->syscall_nr = -1;                   /* eax is the interrupted code's, not a result */
	return 0;
}

/* A frame that cannot be read: SIGSEGV, as Linux's badframe. One that
 * names a code or stack segment user space may not have: SIGILL, what
 * Linux i386 sends when the iret to it fails (do_iret_error). */
static long bad_frame(struct trapframe *tf, int err)
{
	if (err == -EPERM)
		signal_fault(tf, SIGILL, ILL_BADSTK, 0);
	else
		signal_fault(tf, SIGSEGV, SI_KERNEL, 0);
	return (long)tf->eax;
}

long sys_rt_sigreturn(void)
{
	struct thread *t = current_thread();
	struct trapframe *tf = t->tf;
	/* Only the ucontext is read back (not the siginfo before it). */
	uint32_t at = tf->user_esp - 4 + offsetof(struct rt_sigframe, uc);   /* pretcode was popped */
	struct ucontext uc;
	if (copy_from_user(&uc, USER_PTR(at), sizeof(uc)))
		return bad_frame(tf, -EFAULT);
	signal_set_blocked(t, uc.uc_sigmask);
	int err = restore_sigcontext(tf, t, &uc.uc_mcontext);
	if (err)
		return bad_frame(tf, err);
	stack_t ss = uc.uc_stack;
	signal_altstack_set(t, &ss, tf->user_esp);    /* errors ignored, as Linux */
	return (long)tf->eax;
}

long sys_sigreturn(void)
{
	struct thread *t = current_thread();
	struct trapframe *tf = t->tf;
	struct sigcontext sc;
	uint32_t extramask;
	uint32_t at = tf->user_esp - 8;       /* pretcode and sig were popped */
	if (copy_from_user(&sc, USER_PTR(at + offsetof(struct sigframe, sc)), sizeof(sc)) ||
	    copy_from_user(&extramask, USER_PTR(at + offsetof(struct sigframe, extramask)),
			   sizeof(extramask)))
		return bad_frame(tf, -EFAULT);
	signal_set_blocked(t, sc.oldmask | (kernel_sigset_t)extramask << 32);
	int err = restore_sigcontext(tf, t, &sc);
	if (err)
		return bad_frame(tf, err);
	return (long)tf->eax;
}

int signal_altstack_set(struct thread *t, const stack_t *ss, uint32_t sp)
{
	if (on_alt_stack(t, sp))
		return -EPERM;
	if (ss->ss_flags != 0 && ss->ss_flags != SS_ONSTACK && ss->ss_flags != SS_DISABLE)
		return -EINVAL;               /* SS_AUTODISARM too: not implemented */
	if (ss->ss_flags == SS_DISABLE) {
		t->sas_sp = t->sas_size = 0;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	t->sas_sp = ss->ss_sp;
	t->sas_size = ss->ss_size;
	return 0;
}
