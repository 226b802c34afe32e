/*
 * proc_kmsg.c - /proc/kmsg, as a syslog daemon's klogd reads it: root's
 * file (mode 0400), each read consuming whole unread lines of the kernel
 * log in syslog(2) READ's format "<6>[    0.000000] text", poll readable
 * while some are unread, EAGAIN once all are read (O_NONBLOCK), a blocking
 * read ended by a signal with EINTR; the text read is read for syslog(2)
 * too (one reader position), while READ_ALL shows what it showed; no write
 * (EIO); and the permission rules: a user other than root is kept out by
 * the mode (EACCES), and, the mode opened up, by the CAP_SYSLOG check
 * (EPERM). Nothing printed depends on what the log says, only on its form.
 * Linux is the oracle (tests/user/expected): the host's container has no
 * log of its own to read.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define KMSG          "/proc/kmsg"
#define READ_ALL      3
#define SIZE_UNREAD   9
#define NOBODY        65534
#define CHUNK         8192
#define STAMP_LEN     15                 /* "[sssss.uuuuuu] " after the level */

static char buf[CHUNK];

static const char *result(long r)
{
	static char text[64];
	if (r < 0)
		snprintf(text, sizeof(text), "-1 %s", strerror(errno));
	else
		snprintf(text, sizeof(text), "%ld", r);
	return text;
}

/* One line "<digits>[ddddd.dddddd] ..." of text[0..n): its length with
 * the newline, or 0 if it is not one. */
static int line_ok(const char *t, int n)
{
	int i = 1;
	if (n < 1 || t[0] != '<')
		return 0;
	while (i < n && t[i] >= '0' && t[i] <= '9')
		i++;
	if (i == 1 || i >= n || t[i++] != '>' || n - i < STAMP_LEN || t[i] != '[')
		return 0;
	for (int k = 1; k < STAMP_LEN - 2; k++) {
		char c = t[i + k];
		if (k == 6 ? c != '.' : !(c == ' ' && k < 5) && !(c >= '0' && c <= '9'))
			return 0;
	}
	if (t[i + STAMP_LEN - 2] != ']' || t[i + STAMP_LEN - 1] != ' ')
		return 0;
	const char *nl = memchr(t, '\n', n);
	return nl ? (int)(nl - t) + 1 : 0;
}

/* Every line of what one read gave is whole and in the format. */
static int chunk_ok(const char *t, int n)
{
	while (n > 0) {
		int len = line_ok(t, n);
		if (!len)
			return 0;
		t += len;
		n -= len;
	}
	return 1;
}

static int readable(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	int r = poll(&p, 1, 0);
	return r == 1 ? p.revents : r;
}

/* Read every unread line (O_NONBLOCK): whether each read gave whole
 * lines in the format, and how the last read ended. */
static void drain(int fd)
{
	int good = 1;
	long n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		good &= chunk_ok(buf, (int)n);
	printf("drain: whole lines in <level>[time] form: %s, then %s\n", good ? "yes" : "no", result(n));
}

/* After a read that stopped inside a line, the next gives the rest of
 * that line, then whole lines only. */
static void rest_of_line(int fd)
{
	long n = read(fd, buf, sizeof(buf));
	const char *nl = n > 0 ? memchr(buf, '\n', n) : NULL;
	int rest = nl ? (int)(nl - buf) + 1 : 0;
	printf("next read: the rest of that line%s\n",
	       !nl ? " is not there" : chunk_ok(buf + rest, (int)n - rest) ? ", then whole lines" :
	       ", then something else");
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A read that would wait, with SIGALRM's handler installed without
 * SA_RESTART: the signal ends it. Asking for 0 bytes does not wait. (With
 * O_NONBLOCK Linux's kmsg_read says EAGAIN to 0 bytes too; tern's read
 * returns 0 for 0 bytes before any file sees it.) */
static void blocking_read_interrupted(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	int fd = open(KMSG, O_RDONLY);
	printf("read of 0 bytes, nothing unread: %s\n", result(read(fd, buf, 0)));
	alarm(1);
	long r = read(fd, buf, sizeof(buf));
	printf("blocking read, SIGALRM after 1 s: %s\n", result(r));
	close(fd);
}

static void as_root(void)
{
	struct stat st;
	stat(KMSG, &st);
	printf("stat: mode %o uid %u size %lld\n", st.st_mode, st.st_uid, (long long)st.st_size);
	int fd = open(KMSG, O_RDONLY | O_NONBLOCK);
	printf("open O_RDONLY|O_NONBLOCK: %s\n", fd < 0 ? result(fd) : "ok");
	printf("poll before reading: %s\n", readable(fd) == POLLIN ? "POLLIN" : "not readable");
	int all_before = klogctl(READ_ALL, buf, sizeof(buf));   /* 0 after a CLEAR */
	long r = read(fd, buf, 4);
	printf("read of 4 bytes: %s, \"<\" first: %s\n", result(r), buf[0] == '<' ? "yes" : "no");
	rest_of_line(fd);
	drain(fd);
	printf("poll after reading: %d\n", readable(fd));
	printf("SIZE_UNREAD: %d\n", klogctl(SIZE_UNREAD, NULL, 0));
	printf("READ_ALL: %s\n", klogctl(READ_ALL, buf, sizeof(buf)) == all_before ?
	       "the same as before the reads" : "changed");
	printf("lseek: %s\n", result((long)lseek(fd, 0, SEEK_CUR)));
	close(fd);
	blocking_read_interrupted();
	fd = open(KMSG, O_WRONLY);
	printf("open O_WRONLY: %s\n", fd < 0 ? result(fd) : "ok");
	printf("write: %s\n", result(write(fd, "x\n", 2)));
	close(fd);
}

static int mode_now = 0400;                /* what /proc/kmsg's mode is set to */

static void as_nobody(void)
{
	if (setuid(NOBODY) != 0) {
		perror("setuid");
		return;
	}
	int fd = open(KMSG, O_RDONLY | O_NONBLOCK);
	printf("nobody, mode %o: open: %s\n", mode_now, fd < 0 ? result(fd) : "ok");
}

/* Run fn in a child (setuid is for good), output in order. */
static void in_child(void (*fn)(void))
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		fn();
		fflush(stdout);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
}

int main(void)
{
	as_root();
	in_child(as_nobody);
	mode_now = 0444;
	printf("chmod 444: %s\n", result(chmod(KMSG, mode_now)));
	in_child(as_nobody);
	chmod(KMSG, 0400);
	return 0;
}
