/*
 * syslog_klogctl.c - syslog(2) through glibc's klogctl, as busybox's
 * dmesg uses it: the buffer's size, the whole log as "<level>text" lines,
 * clearing it, the console level, the argument errors, and the permission
 * rule (Debian 12's dmesg_restrict: nothing for a process without
 * CAP_SYSLOG). Nothing printed depends on what the log says, only on its
 * form. Linux is the oracle (tests/user/expected): the host's container
 * has no CAP_SYSLOG to compare with.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/wait.h>
#include <unistd.h>

#define READ          2
#define READ_ALL      3
#define CLEAR         5
#define CONSOLE_OFF   6
#define CONSOLE_ON    7
#define CONSOLE_LEVEL 8
#define SIZE_UNREAD   9
#define SIZE_BUFFER   10
#define NOBODY        65534
#define KERNEL_ADDRESS ((char *)0xc0000000)

static void call(const char *what, int type, char *buf, int len)
{
	int r = klogctl(type, buf, len);
	if (r < 0)
		printf("%s: -1 %s\n", what, strerror(errno));
	else
		printf("%s: ok\n", what);
}

/* Every line of the n bytes at text starts "<digit>" or "<digit digit>". */
static int lines_have_levels(const char *text, int n)
{
	int lines = 0;
	for (int i = 0; i < n; lines++) {
		if (text[i] != '<' || text[i + 1] < '0' || text[i + 1] > '9')
			return 0;
		while (i < n && text[i] != '\n')
			i++;
		if (i == n)
			return 0;             /* whole lines only */
		i++;
	}
	return lines > 0;
}

static void as_root(void)
{
	int size = klogctl(SIZE_BUFFER, NULL, 0);
	printf("SIZE_BUFFER: %s\n", size >= 4096 ? "at least 4 KiB" : "too small");
	char *buf = malloc(size);
	int n = klogctl(READ_ALL, buf, size);
	printf("READ_ALL: %s\n", n > 0 && n <= size ? "some bytes" : "nothing");
	printf("READ_ALL: every line starts with its level: %s\n", lines_have_levels(buf, n) ? "yes" : "no");
	n = klogctl(READ_ALL, buf, 200);
	printf("READ_ALL of 200 bytes: %s\n", n > 0 && n <= 200 && lines_have_levels(buf, n) ?
	       "the newest whole lines" : "something else");
	printf("READ_ALL of 0 bytes: %d\n", klogctl(READ_ALL, buf, 0));
	call("READ_ALL into NULL", READ_ALL, NULL, 10);
	call("READ_ALL of -1 bytes", READ_ALL, buf, -1);
	call("READ_ALL into the kernel", READ_ALL, KERNEL_ADDRESS, 10);
	call("READ into NULL", READ, NULL, 10);
	printf("READ of 0 bytes: %d\n", klogctl(READ, buf, 0));
	printf("SIZE_UNREAD: %s\n", klogctl(SIZE_UNREAD, NULL, 0) >= 0 ? "a count" : "an error");
	call("CONSOLE_LEVEL 0", CONSOLE_LEVEL, NULL, 0);
	call("CONSOLE_LEVEL 16", CONSOLE_LEVEL, NULL, 16);
	call("CONSOLE_OFF", CONSOLE_OFF, NULL, 0);
	call("CONSOLE_ON", CONSOLE_ON, NULL, 0);
	call("CONSOLE_ON again", CONSOLE_ON, NULL, 0);
	call("action 11", 11, NULL, 0);
	call("action -1", -1, NULL, 0);
	call("CLEAR", CLEAR, NULL, 0);
	printf("READ_ALL after CLEAR: %d\n", klogctl(READ_ALL, buf, size));
	free(buf);
}

static void as_nobody(void)
{
	char buf[64];
	if (setuid(NOBODY) != 0) {
		perror("setuid");
		return;
	}
	call("nobody: READ_ALL", READ_ALL, buf, sizeof(buf));
	call("nobody: SIZE_BUFFER", SIZE_BUFFER, NULL, 0);
	call("nobody: CONSOLE_LEVEL 7", CONSOLE_LEVEL, NULL, 7);
	call("nobody: action 11", 11, NULL, 0);
}

int main(void)
{
	as_root();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		as_nobody();
		fflush(stdout);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	return 0;
}
