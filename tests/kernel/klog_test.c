/*
 * klog_test.c - in-guest tests of the kernel log's reader side (suite
 * "klog"): /proc/kmsg's file (kernel/kmsg.c) over syslog(2) READ's
 * position (kernel/sys_syslog.c). The user test proc_kmsg compares the
 * system calls with Linux; these check what only the kernel can cause: a
 * line logged now comes out whole and in Linux's form, reads stop at line
 * ends, and a reader asleep wakes for a whole line, not for half of one.
 */
#include "fs/file.h"
#include "kernel/console.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"

#define LINE_MAX     256
#define LEVEL_LEN    3                    /* "<7>" */
#define STAMP_LEN    15                   /* "[sssss.uuuuuu] " */
#define PARTIAL_LEN  4

static char line[LINE_MAX];

/* /proc/kmsg opened, with everything logged so far read. */
static struct file *kmsg_drained(void)
{
	struct file *f = NULL;
	KEXPECT_EQ(kmsg_open(O_RDONLY, &f), 0);
	while (f && f->ops->read(f, line, sizeof(line), IO_NONBLOCK) > 0)
		;
	return f;
}

static long read_line(struct file *f, uint32_t room, unsigned io)
{
	long n = f->ops->read(f, line, room, io);
	line[n > 0 ? n : 0] = '\0';
	return n;
}

/* "<7>[    1.230000] text": the level, Linux's stamp, then text. */
static bool in_linux_form(const char *s, const char *level, const char *text)
{
	const char *stamp = s + LEVEL_LEN;
	return strncmp(s, level, LEVEL_LEN) == 0 && stamp[0] == '[' && stamp[6] == '.' &&
	       stamp[5] >= '0' && stamp[5] <= '9' && stamp[13] == ']' && stamp[14] == ' ' &&
	       strcmp(stamp + STAMP_LEN, text) == 0;
}

KTEST(klog, kmsg_gives_a_new_line_in_linux_form)
{
	struct file *f = kmsg_drained();
	if (!f)
		return;
	KEXPECT_EQ(f->ops->poll(f), 0);
	KEXPECT_EQ(read_line(f, sizeof(line) - 1, IO_NONBLOCK), -EAGAIN);
	pr_debug("klog test: line %d\n", 42);
	KEXPECT_EQ(f->ops->poll(f), POLLIN | POLLRDNORM);
	KEXPECT(read_line(f, sizeof(line) - 1, IO_NONBLOCK) > 0);
	KEXPECT(in_linux_form(line, "<7>", "klog test: line 42\n"));
	KEXPECT_EQ(syslog_unread(), 0);           /* syslog(2) READ's position moved too */
	file_put(f);
}

/* Linux's syslog_print: the line a read stops in may come in parts, the
 * lines after it only whole. */
KTEST(klog, kmsg_reads_stop_at_line_ends)
{
	struct file *f = kmsg_drained();
	if (!f)
		return;
	pr_debug("klog test: one\n");
	pr_debug("klog test: two\n");
	uint32_t one = LEVEL_LEN + STAMP_LEN + (uint32_t)strlen("klog test: one\n");
	KEXPECT_EQ(read_line(f, PARTIAL_LEN, IO_NONBLOCK), PARTIAL_LEN);
	KEXPECT_EQ(read_line(f, one, IO_NONBLOCK), one - PARTIAL_LEN);   /* the rest of one */
	KEXPECT_EQ(read_line(f, one + 1, IO_NONBLOCK), one);             /* two, whole */
	KEXPECT(in_linux_form(line, "<7>", "klog test: two\n"));
	file_put(f);
}

static volatile long woken_with;            /* the sleeper's read: 0 until it returns */

static void kmsg_sleeper(void *arg)
{
	woken_with = read_line(arg, sizeof(line) - 1, 0);
}

KTEST(klog, kmsg_reader_sleeps_until_a_whole_line)
{
	struct file *f = kmsg_drained();
	if (!f)
		return;
	woken_with = 0;
	KEXPECT(thread_spawn("kmsgread", kmsg_sleeper, f) != NULL);
	sleep_ticks(2);
	klog(LOG_DEBUG, "klog test: half ");
	sleep_ticks(2);
	KEXPECT_EQ(woken_with, 0);                /* half a line wakes nobody */
	klog(LOG_DEBUG, "and the rest\n");
	KWAIT_EXPECT(woken_with > 0);
	KEXPECT(in_linux_form(line, "<7>", "klog test: half and the rest\n"));
	file_put(f);
}
