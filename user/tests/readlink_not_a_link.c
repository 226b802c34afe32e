/*
 * readlink_not_a_link.c - readlink of a path that exists but is not a
 * symbolic link is EINVAL (issue 13: it was ENOENT, as if the file were
 * missing); a missing path stays ENOENT and /proc/self/exe still reads.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void show(const char *what, const char *path)
{
	char buf[256];
	ssize_t n = readlink(path, buf, sizeof(buf));
	if (n >= 0)
		printf("%s: %s\n", what, n > 0 ? "a target" : "empty");
	else
		printf("%s: -1 %s\n", what, errno == EINVAL ? "EINVAL" : errno == ENOENT ? "ENOENT" : "other");
}

int main(int argc, char **argv)
{
	(void)argc;
	show("a regular file", argv[0]);
	show("a missing file", "/no/such/file");
	show("/proc/self/exe", "/proc/self/exe");
	return 0;
}
