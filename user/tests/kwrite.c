/*
 * kwrite.c - a user-mode write to a kernel address (0xC0000000, the start
 * of the kernel half in a 3G/1G split) kills the process with SIGSEGV.
 * Expected: output "before\n", then death by signal 11 (no handler).
 */
#include <stdint.h>
#include <stdio.h>

#define KERNEL_BASE 0xC0000000u

int main(void)
{
    volatile uint32_t *k = (volatile uint32_t *)KERNEL_BASE;
    printf("before\n");
    fflush(stdout);
    *k = 1;
    printf("FAIL: write to a kernel address succeeded\n");
    return 1;
}
