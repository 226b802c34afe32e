/* open_close.c - open an existing file beside this binary read-only and
 * close it again; N times. */
#include <fcntl.h>
#include "bench.h"

#define NAME "open_close"

static char path[PATH_MAX];

static void once(void)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		bench_fail(NAME, "open");
	if (close(fd))
		bench_fail(NAME, "close");
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	bench_sibling(path, sizeof(path), argv[0], BENCH_EXEC_TARGET);
	once();                                 /* warm-up */
	bench_loop(NAME, n, once);
	return 0;
}
