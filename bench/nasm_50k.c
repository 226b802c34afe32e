/* nasm_50k.c - macro benchmark: the NASM port (ports/nasm.recipe)
 * assembling a generated source of 50,000 lines (big.asm, made by
 * bench/gen_ports.py) to elf32; one op = one whole nasm run. nasm and
 * the source sit beside this binary.
 *   nasm_50k [ITERS [SOURCE]]    another SOURCE only for quick smoke runs */
#include "bench.h"
#include "spawn.h"

#define NAME "nasm_50k"

static char nasm[PATH_MAX], source[PATH_MAX], object[PATH_MAX];

static void once(void)
{
	char *argv[] = { nasm, "-f", "elf32", source, "-o", object, NULL };
	bench_spawn(NAME, argv);
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	bench_sibling(nasm, sizeof(nasm), argv[0], "nasm");
	bench_sibling(source, sizeof(source), argv[0], argc > 2 ? argv[2] : "big.asm");
	bench_sibling(object, sizeof(object), argv[0], "big.o");
	bench_loop(NAME, n, once);
	return 0;
}
