/*
 * test_proc_format.c - host unit tests for /proc's text formats
 * (fs/proc_format.c, fs/textbuf.c). The expected lines are what Debian
 * 12's i386 Linux 6.1 printed (tools/linux_oracle.sh running a program
 * that cats /proc/self/stat, maps, status and /proc/meminfo), with the
 * same values put in.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "fs/proc_format.h"
#include "fs/textbuf.h"

#define BUF_SIZE 4096

static char buf[BUF_SIZE];

static struct textbuf fresh(uint32_t cap)
{
	struct textbuf tb;
	memset(buf, '#', sizeof(buf));
	tb_init(&tb, buf, cap);
	return tb;
}

static const char *text(struct textbuf *tb)
{
	buf[tb->len] = '\0';
	return buf;
}

static void stat_line_is_linux(void **state)
{
	(void)state;
	struct proc_task t = {
		.pid = 80, .comm = "catproc", .state = 'R', .ppid = 1, .tpgid = -1, .flags = 4194304,
		.minflt = 72, .utime = 5, .stime = 3, .priority = 20, .threads = 1, .start_time = 1115,
		.vsize = 999424, .rss = 1, .rsslim = 4294967295u, .start_code = 134516736,
		.end_code = 134964484, .start_stack = 3212911248u, .exit_signal = 17,
		.start_data = 135175148, .end_data = 135189176, .start_brk = 158179328,
		.arg_start = 3212914625u, .arg_end = 3212914636u, .env_start = 3212914636u,
		.env_end = 3212914673u,
	};
	struct textbuf tb = fresh(BUF_SIZE);
	proc_format_stat(&tb, &t);
	assert_string_equal(text(&tb),
		"80 (catproc) R 1 0 0 0 -1 4194304 72 0 0 0 5 3 0 0 20 0 1 0 1115 999424 1 4294967295 "
		"134516736 134964484 3212911248 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 135175148 135189176 "
		"158179328 3212914625 3212914636 3212914636 3212914673 0\n");
}

static void maps_lines_are_linux(void **state)
{
	(void)state;
	struct proc_map file = { 0x08048000, 0x08049000, true, false, false, false, 0, 0, 2, 11, "/t/catproc" };
	struct proc_map anon = { 0x080ee000, 0x080f1000, true, true, false, false, 0, 0, 0, 0, NULL };
	struct proc_map heap = { 0x096da000, 0x096fc000, true, true, false, false, 0, 0, 0, 0, "[heap]" };
	struct textbuf tb = fresh(BUF_SIZE);
	proc_format_map(&tb, &file);
	proc_format_map(&tb, &anon);
	proc_format_map(&tb, &heap);
	assert_string_equal(text(&tb),
		"08048000-08049000 r--p 00000000 00:02 11         /t/catproc\n"
		"080ee000-080f1000 rw-p 00000000 00:00 0 \n"
		"096da000-096fc000 rw-p 00000000 00:00 0          [heap]\n");
}

static void meminfo_lines_are_linux(void **state)
{
	(void)state;
	struct textbuf tb = fresh(BUF_SIZE);
	proc_format_kb(&tb, "MemTotal", 243520);
	proc_format_kb(&tb, "Buffers", 0);
	proc_format_kb(&tb, "Active(anon)", 1420);
	proc_format_kb(&tb, "VmallocTotal", 757880);
	assert_string_equal(text(&tb),
		"MemTotal:         243520 kB\n"
		"Buffers:               0 kB\n"
		"Active(anon):       1420 kB\n"
		"VmallocTotal:     757880 kB\n");
}

static void status_has_linux_lines(void **state)
{
	(void)state;
	struct proc_task t = { .pid = 80, .comm = "catproc", .state = 'R', .state_name = "running",
			       .ppid = 1, .umask = 022, .vsize = 976 * 1024, .threads = 1, .fd_size = 32 };
	struct textbuf tb = fresh(BUF_SIZE);
	proc_format_status(&tb, &t);
	const char *s = text(&tb);
	assert_non_null(strstr(s, "Name:\tcatproc\nUmask:\t0022\nState:\tR (running)\nTgid:\t80\nNgid:\t0\n"
				  "Pid:\t80\nPPid:\t1\nTracerPid:\t0\n"));
	assert_non_null(strstr(s, "\nFDSize:\t32\nGroups:\t \nNStgid:\t80\n"));
	assert_non_null(strstr(s, "\nVmPeak:\t     976 kB\nVmSize:\t     976 kB\nVmLck:\t       0 kB\n"));
	assert_non_null(strstr(s, "\nThreads:\t1\n"));
	assert_non_null(strstr(s, "\nSigBlk:\t0000000000000000\n"));
	assert_non_null(strstr(s, "\nnonvoluntary_ctxt_switches:\t0\n"));
}

static void mounts_and_uptime_are_linux(void **state)
{
	(void)state;
	struct textbuf tb = fresh(BUF_SIZE);
	proc_format_mount(&tb, "proc", "/proc", "proc", "rw,relatime");
	proc_format_mount(&tb, "none", "/tmp/a b\\c", "tmpfs", "ro,relatime");
	proc_format_centi(&tb, 1132);
	tb_putc(&tb, ' ');
	proc_format_centi(&tb, 54);
	assert_string_equal(text(&tb), "proc /proc proc rw,relatime 0 0\n"
				       "none /tmp/a\\040b\\134c tmpfs ro,relatime 0 0\n11.32 0.54");
}

/* A file bigger than the buffer says so, and writes nothing past it: the
 * open retries with a bigger one. */
static void textbuf_overflow_is_reported(void **state)
{
	(void)state;
	struct textbuf tb = fresh(10);
	tb_printf(&tb, "%s", "0123456789abc");
	assert_true(tb.overflow);
	assert_int_equal(tb.len, 10);
	assert_int_equal(buf[10], '#');
	tb = fresh(16);
	tb_printf(&tb, "%d", 42);
	tb_pad_to(&tb, 0, 6);
	tb_putc(&tb, '|');
	assert_false(tb.overflow);
	assert_string_equal(text(&tb), "42    |");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stat_line_is_linux),
		cmocka_unit_test(maps_lines_are_linux),
		cmocka_unit_test(meminfo_lines_are_linux),
		cmocka_unit_test(status_has_linux_lines),
		cmocka_unit_test(mounts_and_uptime_are_linux),
		cmocka_unit_test(textbuf_overflow_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
