/* file_create.c - a short-lived file on the root file system: create, write
 * 4 KiB, close, unlink; N times. The file sits beside this binary. */
#include <fcntl.h>
#include "bench.h"

#define NAME "file_create"
#define FILE_BYTES 4096

static char path[PATH_MAX];
static char data[FILE_BYTES];

static void once(void)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0)
		bench_fail(NAME, "open(O_CREAT)");
	if (write(fd, data, FILE_BYTES) != FILE_BYTES)
		bench_fail(NAME, "write");
	if (close(fd))
		bench_fail(NAME, "close");
	if (unlink(path))
		bench_fail(NAME, "unlink");
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	char name[64];
	snprintf(name, sizeof(name), "scratch.%d", (int)getpid());
	bench_sibling(path, sizeof(path), argv[0], name);
	memset(data, 'b', sizeof(data));
	bench_loop(NAME, n, once);
	return 0;
}
