/* nasm_v_dyn.c - macro benchmark: the start-up of a dynamically linked
 * program. Debian's own i386 nasm, as shipped (docs/dynamic.md), prints
 * its version: execve maps it and glibc's ld.so, which maps libc.so.6,
 * relocates both and runs nasm's main; one op = one whole run. nasm-dyn
 * sits beside this binary, ld.so and libc.so.6 under /lib.
 *   nasm_v_dyn [ITERS] */
#include "bench.h"
#include "spawn.h"

#define NAME "nasm_v_dyn"

static char nasm[PATH_MAX];

static void once(void)
{
	char *argv[] = { nasm, "-v", NULL };
	bench_spawn(NAME, argv);
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	bench_sibling(nasm, sizeof(nasm), argv[0], "nasm-dyn");
	bench_loop(NAME, n, once);
	return 0;
}
