/*
 * signal_fpstate_edits.c - what a handler writes into its frame's FPU
 * state is what the interrupted code finds after rt_sigreturn, as on
 * Linux i386: the i387 part the handler finds (control, status and tag
 * words, st0) is Linux's; untouched, the x87 stack, control word, MXCSR
 * and XMM registers come back; the i387 part (control word, st0) wins over the
 * FXSAVE image's x87 fields, the image gives MXCSR and the XMM registers;
 * MXCSR bits the CPU lacks are dropped (a 32-bit kernel masks them); an
 * fpstate the handler moved elsewhere (its image no longer 16-byte
 * aligned) is read from there; none at all (fpregs NULL) resets the FPU.
 * tern loads an aligned image straight from the frame (FXRSTOR, then
 * FRSTOR of the i387 part) and copies the others: both ways are here.
 * Expected output: Linux's (tests/user/expected/signal_fpstate_edits).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ucontext.h>
#include <unistd.h>

#define FSAVE_HEADER  112                 /* struct _fpstate_32 before the FXSAVE image */
#define FPSTATE_SIZE  (FSAVE_HEADER + 512)
#define HDR_CW        0                   /* i387 part: control word */
#define HDR_ST0       28                  /* ... st0, 10 bytes */
#define HDR_STATUS    108                 /* ... status word, magic */
#define IMG_CW        0                   /* FXSAVE image: control word */
#define IMG_MXCSR     24
#define IMG_XMM1      176
#define CW_SET        0x027f              /* round to nearest, 53-bit precision */
#define CW_EDIT       0x007f              /* 24-bit precision */
#define MXCSR_SET     0x3f80              /* + flush to zero */
#define MXCSR_DEFAULT 0x1f80
#define MXCSR_BAD_BIT 0x10000u            /* reserved: no CPU has it */
#define NR_KILL       37

enum { UNTOUCHED, EDITED, MOVED, BAD_MXCSR, NO_FPSTATE };

static volatile int mode;
static uint8_t moved_area[FPSTATE_SIZE + 32] __attribute__((aligned(16)));

/* An x87 extended value: significand, then sign and exponent. */
static void put_ext(uint8_t *at, uint64_t significand, uint16_t exponent)
{
	memcpy(at, &significand, 8);
	memcpy(at + 8, &exponent, 2);
}

static void put16(uint8_t *at, uint16_t v) { memcpy(at, &v, 2); }
static void put32(uint8_t *at, uint32_t v) { memcpy(at, &v, 4); }

static void edit(uint8_t *fp, uint64_t st0, uint16_t exp)
{
	static const uint32_t xmm[4] = { 0xa1a1a1a1, 0xb2b2b2b2, 0xc3c3c3c3, 0xd4d4d4d4 };
	put16(fp + HDR_CW, CW_EDIT);
	put16(fp + FSAVE_HEADER + IMG_CW, 0x037f);   /* the i387 part's wins */
	put_ext(fp + HDR_ST0, st0, exp);
	put32(fp + FSAVE_HEADER + IMG_MXCSR, MXCSR_DEFAULT);
	memcpy(fp + FSAVE_HEADER + IMG_XMM1, xmm, sizeof(xmm));
}

static void on_usr1(int sig, siginfo_t *si, void *ucv)
{
	(void)sig, (void)si;
	ucontext_t *uc = ucv;
	uint8_t *fp = (uint8_t *)uc->uc_mcontext.fpregs;
	uint32_t mxcsr;
	uint32_t hdr[3];
	uint16_t status_magic[2];
	uint8_t st0[10];
	switch (mode) {
	case UNTOUCHED:
		memcpy(hdr, fp, sizeof(hdr));
		memcpy(status_magic, fp + HDR_STATUS, sizeof(status_magic));
		memcpy(st0, fp + HDR_ST0, sizeof(st0));
		printf("i387 part: cw %#x sw %#x tag %#x status %#x magic %#x st0", hdr[0], hdr[1],
		       hdr[2], status_magic[0], status_magic[1]);
		for (int i = 0; i < 10; i++)
			printf(" %02x", st0[i]);
		printf("\n");
		break;
	case EDITED:
		edit(fp, 0xa000000000000000ull, 0x4000);    /* 2.5 */
		break;
	case MOVED:
		memcpy(moved_area + 8, fp, FPSTATE_SIZE);
		edit(moved_area + 8, 0xe000000000000000ull, 0x4000);   /* 3.5 */
		uc->uc_mcontext.fpregs = (void *)(moved_area + 8);
		break;
	case BAD_MXCSR:
		memcpy(&mxcsr, fp + FSAVE_HEADER + IMG_MXCSR, 4);
		put32(fp + FSAVE_HEADER + IMG_MXCSR, mxcsr | MXCSR_BAD_BIT);
		break;
	case NO_FPSTATE:
		uc->uc_mcontext.fpregs = NULL;
		break;
	}
}

static void round_trip(int m, const char *what)
{
	mode = m;
	uint16_t cw = CW_SET, cw_after, cw_default = 0x037f;
	uint32_t mxcsr = MXCSR_SET, mxcsr_after, mxcsr_default = MXCSR_DEFAULT;
	uint32_t xin[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 }, xout[4];
	double in = 1.5, out;
	long r;
	pid_t me = getpid();
	/* The state is set and read around the int $0x80 in one block: no
	 * compiled code can touch the x87 stack or xmm1 in between. */
	__asm__ volatile("fldcw %[cw]\n\tldmxcsr %[mx]\n\tmovdqu %[xin], %%xmm1\n\tfldl %[in]\n\t"
			 "int $0x80\n\t"
			 "fstpl %[out]\n\tmovdqu %%xmm1, %[xout]\n\tfnstcw %[cwo]\n\tstmxcsr %[mxo]\n\t"
			 "fldcw %[cwd]\n\tldmxcsr %[mxd]"
			 : "=a"(r), [out] "=m"(out), [xout] "=m"(xout), [cwo] "=m"(cw_after),
			   [mxo] "=m"(mxcsr_after)
			 : "a"(NR_KILL), "b"(me), "c"(SIGUSR1), [cw] "m"(cw), [mx] "m"(mxcsr),
			   [xin] "m"(xin), [in] "m"(in), [cwd] "m"(cw_default), [mxd] "m"(mxcsr_default)
			 : "memory", "xmm1");
	printf("%s: kill %ld, st0 %g, cw %#x, mxcsr %#x, xmm1 %08x %08x %08x %08x\n", what, r, out,
	       cw_after, mxcsr_after, xout[0], xout[1], xout[2], xout[3]);
}

static const struct { int mode; const char *what; } cases[] = {
	{ UNTOUCHED, "untouched" }, { EDITED, "edited in the frame" },
	{ MOVED, "moved, unaligned" }, { BAD_MXCSR, "a reserved MXCSR bit" },
	{ NO_FPSTATE, "no fpstate" },
};

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	setvbuf(stdout, NULL, _IONBF, 0);
	sigaction(SIGUSR1, &sa, NULL);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		round_trip(cases[i].mode, cases[i].what);
	return 0;
}
