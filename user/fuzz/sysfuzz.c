/*
 * sysfuzz.c - throws pseudo-random system calls at the kernel: random
 * numbers, and arguments drawn from small integers, pointers into our own
 * memory, NULL, kernel addresses and junk. Whatever each call returns, the
 * kernel must survive. Runs in the guest only (on a real host, random calls
 * such as kill(-1, ...) could hurt). Calls that would end, multiply, stall
 * or unmap this process are left out, and pointers never aim at our own
 * memory other than buf. Prints one line at the end.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define CALLS_DEFAULT 20000
#define NR_MAX        460
#define BUF_BYTES     8192
#define GUARD_BYTES   4096

static uint32_t seed = 12345;

static uint32_t rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed;
}

/* Calls that end us, make processes, or may block for good. */
static int excluded(uint32_t nr)
{
	static const uint32_t skip[] = {
		SYS_exit, SYS_exit_group, SYS_fork, SYS_vfork, SYS_clone, SYS_execve,
		SYS_kill, SYS_tgkill, SYS_read, SYS_readv, SYS_nanosleep,
		SYS_clock_nanosleep, 407 /* clock_nanosleep_time64 */, SYS_wait4,
		SYS_waitpid, SYS_pause, SYS_brk, SYS_munmap, SYS_mremap, SYS_mprotect,
		SYS_set_thread_area, SYS_close, SYS_dup2, SYS_write, SYS_writev,
		SYS_mmap, SYS_mmap2,             /* MAP_FIXED could unmap our own code */
		SYS_tkill, SYS_sigsuspend, SYS_rt_sigsuspend,
		SYS_sigreturn, SYS_rt_sigreturn, /* load our registers from junk */
		/* Wait with no timeout, or read the console (fd 0) as read does. */
		SYS_poll, SYS_select, SYS__newselect, SYS_ppoll, SYS_pselect6,
		413 /* pselect6_time64 */, 414 /* ppoll_time64 */,
		SYS_preadv, SYS_preadv2, SYS_sendfile, SYS_sendfile64,
	};
	for (unsigned i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (nr == skip[i])
			return 1;
	return 0;
}

/* The only memory of ours that calls may write to: followed by an unmapped
 * page, so that a write with a huge length stops at a fault (EFAULT)
 * instead of running over our own data. */
static char *buf;

static uint32_t arg(void)
{
	switch (rnd() % 8) {
	case 0: return 0;
	case 1: return rnd() % 64;
	case 2: return (uint32_t)(uintptr_t)buf + rnd() % BUF_BYTES;
	case 3: return 0xc0000000u + (rnd() & 0x3fffffffu);
	case 4: return 0xfffff000u + (rnd() & 0xfff);
	case 5: return (uint32_t)-1 - rnd() % 16;
	/* User addresses where nothing of ours lives (a write through a
	 * pointer into our own stack or text would only hurt us). */
	case 6: return 0x40000000u + (rnd() % 0x40000000u);
	default: return rnd() | 0xc0000000u;
	}
}

int main(int argc, char **argv)
{
	long calls = argc > 1 ? atol(argv[1]) : CALLS_DEFAULT;
	long errors = 0;
	buf = mmap(NULL, BUF_BYTES + GUARD_BYTES, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED || munmap(buf + BUF_BYTES, GUARD_BYTES) != 0) {
		printf("FAIL: cannot set up the buffer\n");
		return 1;
	}
	for (long i = 0; i < calls; i++) {
		uint32_t nr = rnd() % NR_MAX;
		if (excluded(nr))
			continue;
		for (int j = 0; j < BUF_BYTES; j += 64)
			buf[j] = (char)rnd();           /* strings of junk, mostly */
		long r = syscall(nr, arg(), arg(), arg(), arg(), arg(), arg());
		errors += r == -1;
	}
	printf("sysfuzz: %ld calls made, the kernel is still here\n", calls);
	return errors >= 0 ? 0 : 1;
}
