/* read_1m.c - open the 1 MiB data file beside this binary, read it to the
 * end in CHUNK-byte reads, close; N times. */
#include <fcntl.h>
#include "bench.h"

#define NAME "read_1m"
#define FILE_BYTES (1024 * 1024)
#define CHUNK (64 * 1024)

static char path[PATH_MAX];
static char buf[CHUNK];

static void once(void)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		bench_fail(NAME, "open");
	long total = 0, r;
	while ((r = read(fd, buf, CHUNK)) > 0)
		total += r;
	if (r < 0)
		bench_fail(NAME, "read");
	close(fd);
	if (total != FILE_BYTES) {
		errno = EIO;
		bench_fail(NAME, "the data file is not 1 MiB");
	}
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	bench_sibling(path, sizeof(path), argv[0], BENCH_DATA_FILE);
	bench_loop(NAME, n, once);
	return 0;
}
