/*
 * kernel_addresses.c - user code can neither read, write nor execute any
 * kernel address (0xC0000000..0xFFFFFFFF), and no system call reads or
 * writes there for it: a direct access is SIGSEGV (SEGV_MAPERR, si_addr
 * the address, as Linux reports an access above TASK_SIZE), a system call
 * argument pointing there, or straddling the boundary, is EFAULT.
 *
 * The addresses avoid what a 32-bit process on an x86_64 host (the oracle)
 * has mapped up there: its stack, vdso and mmap area live within a few
 * MiB below 0xFFFFE000, and its stack may grow 8 MiB down from there.
 * A straddling direct access is only checked for SIGSEGV: which of its
 * two pages faults first (si_addr) depends on whether the page below
 * the boundary is mapped, which the layout (and ASLR) decides.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static const uint32_t kernel_addrs[] = {
	0xc0000000u,   /* the first kernel byte */
	0xc0100000u,   /* tern: kernel text */
	0xd0000000u,   /* tern: kernel heap */
	0xe0000000u,
	0xfffff000u,   /* tern: the page directory (self-map); above any 32-bit user space */
	0xfffffffcu,   /* the last word */
};
#define NADDRS (sizeof(kernel_addrs) / sizeof(kernel_addrs[0]))
#define STRADDLE  0xbffffffcu          /* a word with half below, half above the boundary */
#define STRADDLE_BUF 0xbffffff0u       /* a buffer crossing it */
#define STRADDLE_LEN 32

static sigjmp_buf env;
static volatile uint32_t fault_addr;
static volatile int fault_code;
static int failed;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	fault_addr = (uint32_t)(uintptr_t)si->si_addr;
	fault_code = si->si_code;
	siglongjmp(env, 1);
}

enum how { READ, WRITE, EXEC };
static const char *const hows[] = { "read", "write", "execute" };

/* Touch addr as how says; true when it faulted with SIGSEGV. */
static int touch(uint32_t addr, enum how how)
{
	fault_addr = 0;
	fault_code = 0;
	if (sigsetjmp(env, 1))
		return 1;
	if (how == READ)
		(void)*(volatile uint32_t *)(uintptr_t)addr;
	else if (how == WRITE)
		*(volatile uint32_t *)(uintptr_t)addr = 0x0badc0de;
	else
		((void (*)(void))(uintptr_t)addr)();
	return 0;
}

static void direct(uint32_t addr, enum how how)
{
	int f = touch(addr, how);
	printf("%s %08x: %s", hows[how], addr, f ? "SIGSEGV" : "no fault");
	if (f)
		printf(" si_addr %08x %s", fault_addr, fault_code == SEGV_MAPERR ? "SEGV_MAPERR" :
		       fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other code");
	printf("\n");
	failed |= !f || fault_addr != addr;
}

static void expect_efault(const char *what, uint32_t addr, long r)
{
	int ok = r == -1 && errno == EFAULT;
	printf("%s(%08x): %s\n", what, addr, ok ? "EFAULT" : "not EFAULT");
	if (!ok)
		printf("  returned %ld, %s\n", r, strerror(errno));
	failed |= !ok;
}

/* System calls that read from or write to a pointer at addr. */
static void syscalls_at(uint32_t addr, int rfd, int wfd)
{
	void *p = (void *)(uintptr_t)addr;
	struct iovec iov = { p, 8 };
	expect_efault("write", addr, syscall(SYS_write, wfd, p, 8));
	expect_efault("read", addr, syscall(SYS_read, rfd, p, 8));
	expect_efault("writev iov_base", addr, syscall(SYS_writev, wfd, &iov, 1));
	expect_efault("readv iovec array", addr, syscall(SYS_readv, rfd, p, 1));
	expect_efault("open path", addr, syscall(SYS_open, p, O_RDONLY));
	expect_efault("stat64 buf", addr, syscall(SYS_stat64, "/", p));
	expect_efault("uname", addr, syscall(SYS_uname, p));
	expect_efault("pipe", addr, syscall(SYS_pipe, p));
	expect_efault("clock_gettime", addr, syscall(SYS_clock_gettime, CLOCK_MONOTONIC, p));
	expect_efault("rt_sigaction act", addr, syscall(SYS_rt_sigaction, SIGUSR1, p, NULL, 8));
	expect_efault("rt_sigprocmask oldset", addr, syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, p, 8));
	expect_efault("getcwd", addr, syscall(SYS_getcwd, p, 64));
	expect_efault("execve path", addr, syscall(SYS_execve, p, NULL, NULL));
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);

	for (unsigned i = 0; i < NADDRS; i++)
		for (int how = READ; how <= EXEC; how++)
			direct(kernel_addrs[i], (enum how)how);
	int f = touch(STRADDLE, READ);
	printf("read %08x (straddling): %s\n", STRADDLE, f ? "SIGSEGV" : "no fault");
	failed |= !f;
	f = touch(STRADDLE, WRITE);
	printf("write %08x (straddling): %s\n", STRADDLE, f ? "SIGSEGV" : "no fault");
	failed |= !f;

	int fds[2];
	if (pipe(fds) != 0) {
		printf("pipe failed\n");
		return 1;
	}
	for (unsigned i = 0; i < NADDRS; i++) {
		if (write(fds[1], "01234567", 8) != 8)   /* so that a read has data to copy */
			return 1;
		syscalls_at(kernel_addrs[i], fds[0], fds[1]);
	}
	syscalls_at(STRADDLE_BUF, fds[0], fds[1]);
	expect_efault("read 32 bytes", STRADDLE_BUF,
		      syscall(SYS_read, fds[0], (void *)(uintptr_t)STRADDLE_BUF, STRADDLE_LEN));
	printf("%s\n", failed ? "FAILED" : "all refused");
	return failed;
}
