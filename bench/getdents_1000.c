/* getdents_1000.c - list a directory of 1,000 files: open it, getdents64
 * until the end, close; N times. The directory is made beside this
 * binary first (not timed) and removed after. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "bench.h"

#define NAME    "getdents_1000"
#define ENTRIES 1000
#define BUF     32768                   /* glibc's readdir asks for this much */

static char dir[PATH_MAX];
static char buf[BUF];

static void once(void)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	long r, total = 0;
	if (fd < 0)
		bench_fail(NAME, "open");
	while ((r = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
		total += r;
	if (r < 0 || total == 0)
		bench_fail(NAME, "getdents64");
	if (close(fd))
		bench_fail(NAME, "close");
}

/* Make (make true) or remove the directory and its entries. */
static void tree(int make)
{
	char path[PATH_MAX + 16];
	if (make && mkdir(dir, 0755))
		bench_fail(NAME, "mkdir");
	for (int i = 0; i < ENTRIES; i++) {
		snprintf(path, sizeof(path), "%s/entry-%04d", dir, i);
		int fd = make ? open(path, O_CREAT | O_WRONLY, 0644) : 0;
		if (fd < 0 || (make ? close(fd) : unlink(path)))
			bench_fail(NAME, make ? "create" : "unlink");
	}
	if (!make && rmdir(dir))
		bench_fail(NAME, "rmdir");
}

int main(int argc, char **argv)
{
	long n = bench_iters(argc, argv);
	char name[64];
	snprintf(name, sizeof(name), "dir.%d", (int)getpid());
	bench_sibling(dir, sizeof(dir), argv[0], name);
	tree(1);
	once();                                 /* warm-up */
	bench_loop(NAME, n, once);
	tree(0);
	return 0;
}
