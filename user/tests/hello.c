/*
 * hello.c - the smallest user program: prints "hello, world" and exits 0.
 * Tests exec of a static i386 ELF, write(2) to stdout and exit_group(2).
 */
#include <stdio.h>

int main(void)
{
    printf("hello, world\n");
    return 0;
}
