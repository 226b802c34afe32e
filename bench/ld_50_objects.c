/* ld_50_objects.c - macro benchmark: the binutils port's ld
 * (ports/binutils.recipe) linking 50 objects (objs/o00.o ... o49.o,
 * assembled at build time from bench/gen_ports.py's sources) into one
 * static i386 program; one op = one whole ld run. ld and objs/ sit beside
 * this binary.
 *   ld_50_objects [ITERS] */
#include "bench.h"
#include "spawn.h"

#define NAME "ld_50_objects"
#define OBJECTS 50
#define FIXED_ARGS 5                    /* ld -m elf_i386 -o OUT */

static char ld[PATH_MAX], out[PATH_MAX], objs[OBJECTS][PATH_MAX];
static char *args[FIXED_ARGS + OBJECTS + 1];

static void once(void)
{
	bench_spawn(NAME, args);
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	bench_sibling(ld, sizeof(ld), argv[0], "ld");
	bench_sibling(out, sizeof(out), argv[0], "linked");
	char *fixed[FIXED_ARGS] = { ld, "-m", "elf_i386", "-o", out };
	memcpy(args, fixed, sizeof(fixed));
	for (int i = 0; i < OBJECTS; i++) {
		char name[sizeof("objs/o00.o")];
		snprintf(name, sizeof(name), "objs/o%02d.o", i);
		bench_sibling(objs[i], sizeof(objs[i]), argv[0], name);
		args[FIXED_ARGS + i] = objs[i];
	}
	bench_loop(NAME, n, once);
	return 0;
}
