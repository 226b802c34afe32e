/*
 * execve_each.c - execve every file named in argv[1..]: each must fail and
 * leave this program running. Prints "NAME: ERRNO" per file, then a
 * summary; exits 0 only if every one failed with ENOEXEC.
 *
 * Guest only (no host oracle): the in-guest test
 * user.execve_of_bad_elf_keeps_the_caller passes it the malformed-ELF
 * corpus (/tests/badelf). Linux itself kills the caller for some of these
 * (a segment over its randomized stack fails after the point of no return).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp)
{
    int refused = 0;
    for (int i = 1; i < argc; i++) {
        char *args[] = { argv[i], NULL };
        execve(argv[i], args, envp);
        int e = errno;                       /* printf may change errno */
        printf("%s: %s\n", argv[i], e == ENOEXEC ? "ENOEXEC" : strerror(e));
        refused += e == ENOEXEC;
    }
    printf("%d of %d refused with ENOEXEC; the caller still runs\n", refused, argc - 1);
    return refused == argc - 1 ? 0 : 1;
}
