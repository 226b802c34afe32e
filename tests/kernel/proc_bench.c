/*
 * proc_bench.c - micro-benchmarks of process creation (`make bench`):
 * spawn (file check + process + thread) + ELF load in the new space +
 * run to exit + reap, for the smallest program and for glibc's hello.
 */
#include "fs/file.h"
#include "kernel/kbench.h"
#include "kernel/x86.h"
#include "proc/proc.h"

static long discard_write(struct file *f, const void *buf, size_t n, unsigned io)
{
	(void)f, (void)buf, (void)io;
	return (long)n;
}

static const struct file_ops discard_ops = { .write = discard_write };

static uint64_t spawn_wait(uint32_t n, char *path)
{
	static struct file discard = { .ops = &discard_ops, .refs = 1 };
	struct file *stdio[3] = { NULL, &discard, &discard };
	char *argv[] = { path, NULL }, *envp[] = { NULL };
	uint64_t t0 = rdtsc();
	for (uint32_t i = 0; i < n; i++) {
		int status, pid = proc_spawn(path, argv, envp, stdio);
		if (pid < 0 || proc_wait(pid, &status) != pid)
			return 0;
	}
	return rdtsc() - t0;
}

KBENCH(spawn_exit_wait_tiny, 200)
{
	return spawn_wait(iterations, "/tests/bin/tiny");
}

KBENCH(spawn_exit_wait_hello, 50)
{
	return spawn_wait(iterations, "/tests/bin/hello");
}
