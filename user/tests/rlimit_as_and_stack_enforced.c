/*
 * rlimit_as_and_stack_enforced - RLIMIT_AS bounds the address space
 * (mmap, brk and mremap fail with ENOMEM past it; a MAP_FIXED that
 * replaces a mapping counts only what it adds) and RLIMIT_STACK bounds
 * the stack's growth (a touch past it is SIGSEGV, SEGV_MAPERR), read when
 * the stack grows, so lowering it applies at once. tern stored both
 * limits and enforced neither: its stack was a fixed 8 MiB area.
 * Expected output: Linux's (under qemu-user the host's limits apply to
 * qemu itself).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIB (1024u * 1024u)
#define KIB 1024u
#define PAGE 4096u

static void show(const char *what, long ok)
{
	printf("%s: %s\n", what, ok ? "ok" : strerror(errno));
}

static int set_limit(int res, rlim_t cur)
{
	struct rlimit r = { cur, RLIM_INFINITY };
	return setrlimit(res, &r);
}

static void address_space(void)
{
	if (set_limit(RLIMIT_AS, 64 * MIB))
		perror("setrlimit");
	char *p = mmap(NULL, 32 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	show("mmap 32 MiB under a 64 MiB RLIMIT_AS", p != MAP_FAILED);
	void *q = mmap(NULL, 40 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	show("mmap 40 MiB more", q != MAP_FAILED);
	void *r = mremap(p, 32 * MIB, 64 * MIB, MREMAP_MAYMOVE);
	show("mremap 32 to 64 MiB", r != MAP_FAILED);
	r = mremap(p, 32 * MIB, 36 * MIB, MREMAP_MAYMOVE);
	show("mremap 32 to 36 MiB", r != MAP_FAILED);
	if (r != MAP_FAILED)
		p = r;
	void *fixed = mmap(p, 36 * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	show("MAP_FIXED over the same 36 MiB", fixed != MAP_FAILED);
	errno = 0;
	void *old = sbrk(0), *b = sbrk(40 * MIB);
	show("sbrk 40 MiB", b != (void *)-1);
	show("sbrk 1 MiB", sbrk(MIB) != (void *)-1);
	sbrk(-(intptr_t)MIB);
	show("brk back where it was", sbrk(0) == old);
	munmap(p, 36 * MIB);
	q = mmap(NULL, 40 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	show("mmap 40 MiB after munmap", q != MAP_FAILED);
	show("malloc 100 MiB fails", malloc(100 * MIB) == NULL);
}

static char *base;
static char altstack[64 * KIB];

/* The touch that could not grow the stack: how deep it was. */
static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	uintptr_t depth = (uintptr_t)base - (uintptr_t)si->si_addr;
	char line[160];
	int n = snprintf(line, sizeof(line), "  SIGSEGV %s, %s\n",
			 si->si_code == SEGV_MAPERR ? "SEGV_MAPERR" : "another code",
			 depth <= 256 * KIB ? (depth > 192 * KIB ? "within the last 64 KiB under 256 KiB" : "too early")
			 : depth <= MIB ? (depth > 960 * KIB ? "within the last 64 KiB under 1 MiB" : "between 256 KiB and 1 MiB")
			 : depth <= 8 * MIB ? (depth > 8 * MIB - 64 * KIB ? "within the last 64 KiB under 8 MiB" : "between 1 and 8 MiB")
			 : "past 8 MiB");
	write(1, line, (size_t)n);
	_exit(0);
}

/* Touch the stack page by page down to bytes below here. */
static void touch_down(uintptr_t from, uintptr_t to)
{
	for (uintptr_t d = from; d <= to; d += PAGE)
		*(volatile char *)(base - d) = 1;
}

static void in_child(void (*fn)(uintptr_t), uintptr_t arg)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char here;
		base = &here;
		stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
		sigaltstack(&ss, NULL);
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_segv;
		sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
		sigaction(SIGSEGV, &sa, NULL);
		fn(arg);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status))
		printf("  child killed by signal %d\n", WTERMSIG(status));
}

static void with_limit(uintptr_t limit)
{
	set_limit(RLIMIT_STACK, limit);
	touch_down(PAGE, 16 * MIB);
	write(1, "  no fault\n", 11);
}

static void four_mib(uintptr_t unused)
{
	(void)unused;
	touch_down(PAGE, 4 * MIB);
	write(1, "  4 MiB of stack: fine\n", 23);
}

static void lowered_at_run_time(uintptr_t unused)
{
	(void)unused;
	touch_down(PAGE, 512 * KIB);
	set_limit(RLIMIT_STACK, MIB);
	write(1, "  512 KiB touched, limit now 1 MiB\n", 35);
	touch_down(512 * KIB, 16 * MIB);
	write(1, "  no fault\n", 11);
}

static void default_limit(uintptr_t unused)
{
	(void)unused;
	touch_down(PAGE, 16 * MIB);
	write(1, "  no fault\n", 11);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("RLIMIT_AS:\n");
	in_child((void (*)(uintptr_t))address_space, 0);
	printf("RLIMIT_STACK 256 KiB, touching down to 16 MiB:\n");
	in_child(with_limit, 256 * KIB);
	printf("default RLIMIT_STACK (8 MiB), touching 4 MiB:\n");
	in_child(four_mib, 0);
	printf("default RLIMIT_STACK, touching down to 16 MiB:\n");
	in_child(default_limit, 0);
	printf("RLIMIT_STACK lowered while running:\n");
	in_child(lowered_at_run_time, 0);
	return 0;
}
