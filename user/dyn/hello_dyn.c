/*
 * hello_dyn.c - a small program that glibc's dynamic linker must set up
 * fully before main: built with the host's gcc -m32 as a PIE (the
 * default), as an ET_EXEC with PT_INTERP (-no-pie) and as a static-pie,
 * run in the guest by the dynamic-binaries tests (tests/ports/run.py dyn)
 * and on the host, whose output must be the same. It touches what ld.so
 * prepares: relocations of data pointers, a thread-local variable (the
 * TLS block and %gs, set_thread_area), the heap, stdio, the auxiliary
 * vector's entries that must agree with where the program lies; with
 * the one argument "maps", how /proc/self/maps names ld.so's areas.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

static __thread int tls_counter = 40;
static const char *const words[] = { "hello,", "dynamic", "world" };   /* relocated pointers */

extern char _start[];

/* AT_PHDR must be where this program's own headers are mapped. */
static int phdr_is_ours(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	int *ok = data;
	if (info->dlpi_phdr == (const ElfW(Phdr) *)getauxval(AT_PHDR))
		*ok = 1;
	return 0;
}

/* /proc/self/maps names the interpreter's areas after its own file
 * (ld-linux.so.2), not after the program. */
static const char *maps_name_ldso(void)
{
	char line[512];
	int found = 0;
	FILE *f = fopen("/proc/self/maps", "r");
	if (!f)
		return "no maps";
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "/ld-linux.so.2"))
			found = 1;
	fclose(f);
	return found ? "yes" : "no";
}

int main(int argc, char **argv)
{
	int phdr_ok = 0;
	if (argc == 2 && strcmp(argv[1], "maps") == 0) {
		printf("maps names ld.so's areas after ld.so: %s\n", maps_name_ldso());
		return 0;
	}
	char *heap = malloc(64);
	snprintf(heap, 64, "%s %s %s", words[0], words[1], words[2]);
	puts(heap);
	free(heap);
	tls_counter += 2;
	printf("tls %d, argc %d, last arg %s\n", tls_counter, argc, argv[argc - 1]);
	dl_iterate_phdr(phdr_is_ours, &phdr_ok);
	printf("AT_ENTRY is _start: %s\n", getauxval(AT_ENTRY) == (unsigned long)_start ? "yes" : "no");
	printf("AT_PHDR is this program's: %s\n", phdr_ok ? "yes" : "no");
	printf("AT_PHENT %lu, AT_PAGESZ %lu\n", getauxval(AT_PHENT), getauxval(AT_PAGESZ));
	printf("AT_PLATFORM %s\n", (const char *)getauxval(AT_PLATFORM));
	printf("AT_EXECFN ends in hello_dyn: %s\n",
	       strstr((const char *)getauxval(AT_EXECFN), "hello_") ? "yes" : "no");
	return 7;
}
