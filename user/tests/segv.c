/*
 * segv.c - a write to a read-only page kills the process with SIGSEGV.
 * Expected: output "before\n", then death by signal 11 (no handler).
 */
#include <stdio.h>
#include <sys/mman.h>

#define PAGE 4096

int main(void)
{
    volatile char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || mprotect((void *)p, PAGE, PROT_READ) != 0) {
        printf("FAIL: mmap/mprotect\n");
        return 1;
    }
    printf("before\n");
    fflush(stdout);
    p[0] = 1;
    printf("FAIL: write to a read-only page succeeded\n");
    return 1;
}
