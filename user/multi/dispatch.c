/*
 * dispatch.c - main of the multi-call test binary: every user test program
 * (user/tests/NAME.c, user/fuzz/NAME.c) is linked into one static i386
 * executable, installed under each program's own name as hard links, and
 * runs the program its argv[0] names (the basename), as busybox does.
 *
 * Why: ~80 static glibc programs of ~780 KB each made a 60 MB initramfs
 * that GRUB loaded and the kernel unpacked on every test boot; one copy of
 * glibc is enough. The build (user/tests/Makefile.inc) compiles each
 * program on its own, renames its main to multi_main_NAME and makes every
 * other global symbol of the object local, so programs cannot clash; it
 * lists the names in programs.h as PROGRAM(NAME) lines, sorted.
 *
 * `tests NAME ARGS...` (argv[0] not a program's name) runs NAME with
 * argv[0] = NAME, for running a program by hand.
 */
#include <stdio.h>
#include <string.h>

typedef int program_main(int argc, char **argv, char **envp);

#define PROGRAM(name) program_main multi_main_##name;
#include "programs.h"
#undef PROGRAM

struct program {
	const char *name;
	program_main *main;
};

static const struct program programs[] = {
#define PROGRAM(name) { #name, multi_main_##name },
#include "programs.h"
#undef PROGRAM
};

#define NPROGRAMS (sizeof(programs) / sizeof(programs[0]))
#define EXIT_NOT_FOUND 127          /* as a shell says of an unknown command */

static const struct program *find(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	for (size_t i = 0; i < NPROGRAMS; i++)
		if (strcmp(programs[i].name, name) == 0)
			return &programs[i];
	return NULL;
}

static void list_programs(void)
{
	fprintf(stderr, "programs:");
	for (size_t i = 0; i < NPROGRAMS; i++)
		fprintf(stderr, " %s", programs[i].name);
	fprintf(stderr, "\n");
}

int main(int argc, char **argv, char **envp)
{
	if (argc < 1 || !argv[0]) {
		fprintf(stderr, "tests: no argv[0] to name the program by\n");
		return EXIT_NOT_FOUND;
	}
	const struct program *p = find(argv[0]);
	if (p)
		return p->main(argc, argv, envp);
	if (argc > 1 && (p = find(argv[1])) != NULL)
		return p->main(argc - 1, argv + 1, envp);
	fprintf(stderr, "tests: no program named %s\n", argv[0]);
	list_programs();
	return EXIT_NOT_FOUND;
}
