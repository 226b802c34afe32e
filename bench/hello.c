/* hello.c - the static program the exec benchmarks start (not a benchmark).
 * Says hello unless its first argument is -q, as the benchmarks ask. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "-q") != 0)
		puts("hello");
	return 0;
}
