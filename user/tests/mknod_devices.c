/*
 * mknod_devices.c - device files made by mknod in a tmpfs behave as the
 * devices their numbers name (Linux's mem devices, 1:3 null, 1:5 zero,
 * 1:7 full, 1:9 urandom), and stat shows their type and st_rdev; mknod
 * makes FIFOs and regular files and refuses directories and unknown
 * types as Linux does.
 */
#include "vfs_scratch.h"
#include <sys/sysmacros.h>

static void show_node(const char *name)
{
	struct stat st;
	if (stat(name, &st) != 0) {
		printf("stat %s: %s\n", name, strerrorname_np(errno));
		return;
	}
	printf("%s: mode %o rdev %u:%u\n", name, st.st_mode, major(st.st_rdev), minor(st.st_rdev));
}

static void null_and_zero(void)
{
	char buf[16];
	int fd = open("null", O_RDWR);
	SHOW(write(fd, "hello", 5));
	SHOW(read(fd, buf, sizeof(buf)));
	close(fd);
	fd = open("zero", O_RDONLY);
	memset(buf, 'x', sizeof(buf));
	SHOW(read(fd, buf, sizeof(buf)));
	int zeros = 1;
	for (unsigned i = 0; i < sizeof(buf); i++)
		zeros &= buf[i] == 0;
	printf("zero reads zeros: %s\n", zeros ? "yes" : "no");
	SHOW(write(fd, "x", 1));                   /* opened read-only: EBADF */
	struct stat st;
	fstat(fd, &st);
	printf("fstat zero: rdev %u:%u, a character device: %s\n", major(st.st_rdev), minor(st.st_rdev),
	       S_ISCHR(st.st_mode) ? "yes" : "no");
	close(fd);
}

static void full_and_urandom(void)
{
	unsigned char a[64], b[64];
	int fd = open("full", O_RDWR);
	SHOW(write(fd, "x", 1));
	SHOW(read(fd, a, 8));
	close(fd);
	fd = open("urandom", O_RDONLY);
	SHOW(read(fd, a, sizeof(a)));
	SHOW(read(fd, b, sizeof(b)));
	printf("two urandom reads differ: %s\n", memcmp(a, b, sizeof(a)) ? "yes" : "no");
	close(fd);
}

int main(void)
{
	scratch_enter("mknod_devices");
	SHOW(mknod("null", S_IFCHR | 0666, makedev(1, 3)));
	SHOW(mknod("zero", S_IFCHR | 0666, makedev(1, 5)));
	SHOW(mknod("full", S_IFCHR | 0666, makedev(1, 7)));
	SHOW(mknod("urandom", S_IFCHR | 0644, makedev(1, 9)));
	SHOW(mknod("fifo", S_IFIFO | 0600, 0));
	SHOW(mknod("plain", 0600, 0));
	SHOW(mknod("dir", S_IFDIR | 0755, 0));
	SHOW(mknod("null", S_IFCHR | 0666, makedev(1, 3)));
	SHOW(mknod("odd", 0170000 | 0600, 0));
	SHOW(mknod("nodir/x", S_IFCHR | 0600, makedev(1, 3)));
	show_node("null");
	show_node("urandom");
	show_node("fifo");
	show_node("plain");
	null_and_zero();
	full_and_urandom();
	const char *names[] = { "null", "zero", "full", "urandom", "fifo", "plain" };
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(names[i]);
	scratch_leave();
	return 0;
}
