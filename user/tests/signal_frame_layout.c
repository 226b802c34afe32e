/*
 * signal_frame_layout.c - the frame a handler finds on its stack is laid
 * out as Linux i386's: for an SA_SIGINFO handler, rt_sigframe (pretcode,
 * sig, pinfo, puc on the stack, siginfo and ucontext after them), the
 * stack aligned as for a call, uc_flags, uc_link and uc_stack, the saved
 * registers and mask in the sigcontext, the FPU state below the frame
 * (FSAVE header with magic 0 for FXSR data, the FXSAVE image 64-byte
 * aligned, the interrupted code's x87 control word and MXCSR in it); for a
 * plain handler, sigframe (sig, then the sigcontext, and extramask);
 * pretcode leads to rt_sigreturn; the interrupted code's x87 and SSE
 * control words come back after the handler. The
 * handler starts with a fresh FPU. Expected output: Linux's
 * (tests/user/expected/signal_frame_layout).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ucontext.h>
#include <unistd.h>

#define FSAVE_HEADER 112                  /* struct _fpstate_32 before the FXSAVE image */
#define MXCSR_AT     24
#define CW_SET       0x027f               /* round to nearest, 53-bit precision */
#define MXCSR_SET    0x3f80               /* + flush to zero */

struct rt_head { uint32_t pretcode; int sig; siginfo_t *pinfo; void *puc; };

static volatile uint32_t restorer_seen;

static void on_info(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	ucontext_t *uc = ucv;
	struct rt_head *f = (struct rt_head *)((char *)__builtin_frame_address(0) + 4);
	uint16_t cw_now;
	uint32_t mxcsr_now;
	__asm__ volatile("fnstcw %0; stmxcsr %1" : "=m"(cw_now), "=m"(mxcsr_now));
	printf("rt: sig %d pinfo at +%d puc at +%d, siginfo %s, ucontext %s\n", f->sig,
	       (int)((char *)f->pinfo - (char *)f), (int)((char *)f->puc - (char *)f),
	       f->pinfo == si ? "is the argument" : "WRONG", f->puc == uc ? "is the argument" : "WRONG");
	printf("rt: frame + 4 aligned to 16: %d\n", (int)(((uintptr_t)f + 4) % 16 == 0));
	printf("rt: uc_flags %lu uc_link %p uc_stack flags %d size %zu\n", uc->uc_flags,
	       (void *)uc->uc_link, uc->uc_stack.ss_flags, uc->uc_stack.ss_size);
	greg_t *g = uc->uc_mcontext.gregs;
	printf("rt: saved eax %d (kill's result) ebx is our pid %d ecx %d, cs rpl %d ss rpl %d\n",
	       (int)g[REG_EAX], g[REG_EBX] == getpid(), (int)g[REG_ECX], (int)(g[REG_CS] & 3),
	       (int)(g[REG_SS] & 3));
	printf("rt: mask saved: SIGUSR2 %d, oldmask word %#lx\n", sigismember(&uc->uc_sigmask, SIGUSR2),
	       uc->uc_mcontext.oldmask);
	char *fp = (char *)uc->uc_mcontext.fpregs;
	uint16_t magic, cw;
	uint32_t mxcsr;
	memcpy(&magic, fp + 110, 2);
	memcpy(&cw, fp, 2);
	memcpy(&mxcsr, fp + FSAVE_HEADER + MXCSR_AT, 4);
	printf("rt: fpstate above the frame %d, FXSAVE image 64-aligned %d, magic %#x\n",
	       fp > (char *)f, (int)((uintptr_t)(fp + FSAVE_HEADER) % 64 == 0), magic);
	printf("rt: saved cw %#x mxcsr %#x; in the handler cw %#x mxcsr %#x\n", cw, mxcsr,
	       cw_now, mxcsr_now);
	restorer_seen = f->pretcode;
}

static void on_plain(int sig)
{
	uint32_t *f = (uint32_t *)((char *)__builtin_frame_address(0) + 4);
	struct sigcontext *sc = (struct sigcontext *)(f + 2);
	uint32_t *extramask = (uint32_t *)((char *)sc + 88 + 624);
	printf("plain: sig %d on the frame %d, sigcontext cs rpl %d, oldmask %#lx extramask %#x\n",
	       sig, (int)f[1], (int)(sc->cs & 3), sc->oldmask, *extramask);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct sigaction sa = { 0 };
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR2);
	sigaddset(&m, SIGRTMIN + 5);
	sigprocmask(SIG_BLOCK, &m, NULL);
	uint16_t cw = CW_SET;
	uint32_t mxcsr = MXCSR_SET;
	__asm__ volatile("fldcw %0; ldmxcsr %1" : : "m"(cw), "m"(mxcsr));
	pid_t me = getpid();
	/* kill by hand, so the registers at the int $0x80 are known. */
	long r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(37), "b"(me), "c"(SIGUSR1) : "memory");
	(void)r;
	__asm__ volatile("fnstcw %0; stmxcsr %1" : "=m"(cw), "=m"(mxcsr));
	printf("after: cw %#x mxcsr %#x\n", cw, mxcsr);
	/* glibc's __restore_rt (or a vDSO's): movl $173, %eax; int $0x80 */
	static const unsigned char rt_sigreturn_code[] = { 0xb8, 0xad, 0, 0, 0, 0xcd, 0x80 };
	printf("pretcode runs rt_sigreturn: %d\n",
	       memcmp((void *)(uintptr_t)restorer_seen, rt_sigreturn_code, sizeof(rt_sigreturn_code)) == 0);
	signal(SIGUSR1, on_plain);
	raise(SIGUSR1);
	return 0;
}
