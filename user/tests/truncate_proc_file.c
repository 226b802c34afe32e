/*
 * truncate_proc_file.c - regression test for
 * truncate_of_a_proc_file_called_null: vfs_truncate called the file
 * system's truncate operation without asking whether it had one, and
 * procfs has none, so truncate("/proc/meminfo", 0) as root jumped to
 * address 0 in the kernel: a panic. The system-call fuzzer found it (seed 0x7e2a19, in a
 * 1,000,000-call run: truncate64 of a path string "proc/meminfo"). Linux
 * accepts the size and changes nothing (proc_notify_change); so does
 * tern now. Output must equal the host's (Linux).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void show(const char *what, int r)
{
	printf("%s: %s\n", what, r == 0 ? "0" : strerror(errno));
}

int main(void)
{
	static const char *const files[] = { "/proc/meminfo", "/proc/self/status" };
	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char what[64];
		snprintf(what, sizeof(what), "truncate %s", files[i]);
		show(what, truncate(files[i], 0));
	}
	char buf[16];
	int fd = open("/proc/meminfo", O_RDONLY);
	printf("/proc/meminfo still reads: %s\n",
	       read(fd, buf, 9) == 9 && memcmp(buf, "MemTotal:", 9) == 0 ? "yes" : "no");
	return 0;
}
