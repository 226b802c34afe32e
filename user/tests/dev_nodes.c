/*
 * dev_nodes.c - /dev, mounted by the kernel at boot as Linux's
 * devtmpfs.mount does: the nodes of null, zero, full, random, urandom,
 * tty, console and ttyS0 with Linux's numbers and modes, each behaving
 * as its device (null swallows, zero and full read zeros, full refuses
 * writes with ENOSPC, urandom never repeats, lseek on each is 0), /dev a
 * file system of its own. Linux's output is kept (the host's /dev is a
 * container's).
 */
#include "vfs_scratch.h"
#include <sys/sysmacros.h>

static void show_node(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		printf("%s: %s\n", path, strerrorname_np(errno));
		return;
	}
	printf("%s: %s %u:%u mode %o uid %u\n", path, S_ISCHR(st.st_mode) ? "char" : "other",
	       major(st.st_rdev), minor(st.st_rdev), st.st_mode & 07777, st.st_uid);
}

int main(void)
{
	const char *nodes[] = { "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom",
				"/dev/tty", "/dev/console", "/dev/ttyS0" };
	for (unsigned i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		show_node(nodes[i]);
	struct stat root, dev;
	stat("/", &root);
	stat("/dev", &dev);
	printf("/dev is a file system of its own: %s\n", root.st_dev != dev.st_dev ? "yes" : "no");
	char buf[64];
	int fd = open("/dev/null", O_RDWR);
	SHOW(write(fd, "data", 4));
	SHOW(read(fd, buf, sizeof(buf)));
	SHOW(lseek(fd, 100, SEEK_SET));
	SHOW(lseek(fd, 5, SEEK_END));
	close(fd);
	fd = open("/dev/full", O_RDWR);
	SHOW(write(fd, "data", 4));
	memset(buf, 1, sizeof(buf));
	SHOW(read(fd, buf, sizeof(buf)));
	printf("full reads zeros: %s\n", buf[0] == 0 && buf[63] == 0 ? "yes" : "no");
	close(fd);
	unsigned char a[32], b[32];
	fd = open("/dev/urandom", O_RDONLY);
	SHOW(read(fd, a, sizeof(a)));
	SHOW(read(fd, b, sizeof(b)));
	printf("urandom differs between reads: %s\n", memcmp(a, b, sizeof(a)) ? "yes" : "no");
	close(fd);
	fd = open("/dev/zero", O_WRONLY);
	SHOW(read(fd, buf, 1));
	SHOW(write(fd, buf, 1));
	close(fd);
	return 0;
}
