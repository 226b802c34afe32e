/*
 * args.c - the initial process stack: argc, argv, envp and the auxiliary
 * vector. Prints argc, the basename of argv[0], the other arguments and
 * every environment entry in order, then checks the auxv entries glibc
 * and the dynamic ABI rely on (values are never printed: they differ).
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#define PAGE_SIZE 4096
#define RANDOM_BYTES 16

static int failed;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s\n", what);
        failed = 1;
    }
}

/* getauxval() returns 0 and sets ENOENT for a missing entry. */
static unsigned long aux(unsigned long type, const char *name)
{
    errno = 0;
    unsigned long v = getauxval(type);
    check(errno == 0, name);
    return v;
}

int main(int argc, char **argv, char **envp)
{
    const char *slash = strrchr(argv[0], '/');
    printf("argc=%d\n", argc);
    printf("argv[0]=%s\n", slash ? slash + 1 : argv[0]);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    for (int i = 0; envp[i]; i++)
        printf("envp[%d]=%s\n", i, envp[i]);

    check(aux(AT_PAGESZ, "AT_PAGESZ present") == PAGE_SIZE, "AT_PAGESZ == 4096");
    check(aux(AT_PHNUM, "AT_PHNUM present") > 0, "AT_PHNUM > 0");
    check(aux(AT_PHENT, "AT_PHENT present") == sizeof(Elf32_Phdr), "AT_PHENT == 32");
    check(aux(AT_PHDR, "AT_PHDR present") != 0, "AT_PHDR != 0");
    check(aux(AT_ENTRY, "AT_ENTRY present") != 0, "AT_ENTRY != 0");
    const unsigned char *rnd = (const unsigned char *)aux(AT_RANDOM, "AT_RANDOM present");
    check(rnd != NULL, "AT_RANDOM != 0");
    if (rnd) {
        volatile unsigned char sum = 0;
        for (int i = 0; i < RANDOM_BYTES; i++)
            sum += rnd[i];             /* faults if not readable */
    }
    aux(AT_UID, "AT_UID present");
    aux(AT_EUID, "AT_EUID present");
    aux(AT_GID, "AT_GID present");
    aux(AT_EGID, "AT_EGID present");
    check(aux(AT_SECURE, "AT_SECURE present") == 0, "AT_SECURE == 0");
    const char *execfn = (const char *)aux(AT_EXECFN, "AT_EXECFN present");
    check(execfn != NULL && execfn[0] != '\0', "AT_EXECFN is a non-empty string");
    if (failed)
        return 1;
    printf("auxv ok\n");
    return 0;
}
