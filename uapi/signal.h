/*
 * signal.h - signal numbers, sigaction, siginfo, sigaltstack's stack_t
 * (Linux: arch/x86/include/uapi/asm/signal.h, include/uapi/asm-generic/
 * signal-defs.h, include/uapi/asm-generic/siginfo.h, include/linux/
 * signal_types.h for the kernel's struct sigaction as i386 passes it).
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#include <stdint.h>

#define SIGHUP     1
#define SIGINT     2
#define SIGQUIT    3
#define SIGILL     4
#define SIGTRAP    5
#define SIGABRT    6
#define SIGBUS     7
#define SIGFPE     8
#define SIGKILL    9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPWR    30
#define SIGSYS    31
#define SIGRTMIN  32

#define SIGRTMAX 64           /* _NSIG: the highest signal number */

/* sa_handler values */
#define SIG_DFL 0u
#define SIG_IGN 1u

/* sa_flags */
#define SA_NOCLDSTOP 0x00000001u
#define SA_NOCLDWAIT 0x00000002u
#define SA_SIGINFO   0x00000004u
#define SA_RESTORER  0x04000000u
#define SA_ONSTACK   0x08000000u
#define SA_RESTART   0x10000000u
#define SA_NODEFER   0x40000000u
#define SA_RESETHAND 0x80000000u

/* rt_sigprocmask's how */
#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* Every flag sigaction keeps (Linux's UAPI_SA_FLAGS on x86); the others
 * are cleared, so that a program can see which ones the kernel knows. */
#define SA_EXPOSE_TAGBITS 0x00000800u
#define UAPI_SA_FLAGS (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | \
		       SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | SA_RESTORER)

/* sigaltstack's ss_flags */
#define SS_ONSTACK    1
#define SS_DISABLE    2
#define SS_AUTODISARM (1u << 31)
#define MINSIGSTKSZ   2048

/* The kernel's sigset_t: 64 bits, as rt_sig* take it (sigsetsize 8), in
 * two 32-bit words (i386 aligns it to 4 in structures). */
typedef uint64_t kernel_sigset_t __attribute__((aligned(4)));

/* rt_sigaction's struct (i386 has SA_RESTORER: handler, flags, restorer, mask). */
struct kernel_sigaction {
	uint32_t sa_handler;
	uint32_t sa_flags;
	uint32_t sa_restorer;
	kernel_sigset_t sa_mask;
};
_Static_assert(sizeof(struct kernel_sigaction) == 20, "i386 struct sigaction");

/* sigaction(2)'s older struct (arch/x86/include/asm/signal.h old_sigaction). */
struct old_sigaction {
	uint32_t sa_handler;
	uint32_t sa_mask;
	uint32_t sa_flags;
	uint32_t sa_restorer;
};
_Static_assert(sizeof(struct old_sigaction) == 16, "i386 old_sigaction");

typedef struct {
	uint32_t ss_sp;
	int32_t ss_flags;
	uint32_t ss_size;
} stack_t;
_Static_assert(sizeof(stack_t) == 12, "i386 stack_t");

/* si_code values */
#define SI_USER     0          /* kill() */
#define SI_KERNEL   0x80
#define SI_TKILL    (-6)       /* tkill/tgkill */
#define SI_QUEUE    (-1)       /* sigqueue */
#define SI_TIMER    (-2)       /* a POSIX timer expired */
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define FPE_INTDIV  1
#define ILL_ILLOPN  2
#define ILL_BADSTK  8
#define BUS_ADRALN  1
#define BUS_ADRERR  2
#define TRAP_BRKPT  1
#define CLD_EXITED  1
#define CLD_KILLED  2
#define CLD_DUMPED  3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

#define SI_MAX_SIZE 128

/* siginfo_t for i386: three ints, then a union at offset 12. Only the
 * members tern fills are named. */
typedef struct {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	union {
		struct { int32_t pid; uint32_t uid; } kill;
		struct { int32_t pid; uint32_t uid; uint32_t value; } rt;
		struct { int32_t tid; int32_t overrun; uint32_t value; } timer;
		struct { uint32_t addr; } fault;
		struct { int32_t pid; uint32_t uid; int32_t status; int32_t utime, stime; } chld;
		uint8_t pad[SI_MAX_SIZE - 12];
	} u;
} siginfo_t;
_Static_assert(sizeof(siginfo_t) == SI_MAX_SIZE, "i386 siginfo_t");

#endif
