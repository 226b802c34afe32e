/*
 * enosys_flood.c - a hostile process asks for system calls that do not
 * exist, as fast as it can: numbers far beyond the table (each one a
 * different number, which the old "log once per number" rule logged every
 * time) and a number Linux leaves unused inside the table. Each must fail
 * with ENOSYS. Guest only: the kernel test that runs it
 * (user.unknown_syscalls_do_not_flood_the_log) checks the log stayed short.
 * Usage: enosys_flood [CALLS]; prints one line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define CALLS_DEFAULT  20000
#define BEYOND_TABLE   0x1000        /* far past Linux's last i386 number */
#define UNUSED_NR      222           /* a hole in Linux's table: never implemented */

int main(int argc, char **argv)
{
	long calls = argc > 1 ? atol(argv[1]) : CALLS_DEFAULT, wrong = 0;
	for (long i = 0; i < calls; i++) {
		long nr = (i % 2) ? BEYOND_TABLE + i : UNUSED_NR;
		if (i % 3 == 0)
			nr = -1 - i;              /* the top of the 32-bit range */
		errno = 0;
		if (syscall(nr) != -1 || errno != ENOSYS)
			wrong++;
	}
	printf("enosys_flood: %ld calls, %ld not ENOSYS\n", calls, wrong);
	return wrong != 0;
}
