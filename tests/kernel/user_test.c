/*
 * user_test.c - run user programs from the initramfs and report what they
 * printed and how they ended, for comparison with the same binaries run on
 * the host (tests/system/run.py). Suite "user".
 *
 * /tests/list holds one line per run: "PROG ARGS..."; several programs
 * joined by " || " on one line run at the same time. Each run's output is
 * captured (fd 1; stderr goes to the console) and printed on COM2 as
 *   === run LINE-NUMBER.INDEX PROG ARGS
 *   <output>
 *   === exit N | === signal S
 */
#include "kernel/console.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/wait.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "mm/frame.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "proc/proc.h"
#include "tests/kernel/user_run.h"

#define LIST_PATH   "/tests/list"
#define CAPTURE_MAX (64 * 1024)
#define MAX_PAR     4
#define MAX_ARGS    16
#define LINE_MAX    256

struct capture {
	char *buf;
	uint32_t len;
};

static long capture_write(struct file *f, const void *buf, size_t n, unsigned io)
{
	(void)io;
	struct capture *c = f->priv;
	size_t room = CAPTURE_MAX - c->len;
	size_t k = n < room ? n : room;
	memcpy(c->buf + c->len, buf, k);
	c->len += (uint32_t)k;
	return (long)n;
}

static const struct file_ops capture_ops = { .write = capture_write };

struct run {
	char line[LINE_MAX];
	char *argv[MAX_ARGS + 1];
	struct capture cap;
	struct file *out;
	int pid, status;
};

static char *const test_envp[] = { "HOME=/", "TERM=linux", "PATH=/bin:/usr/bin", NULL };

static void report(const struct run *r, int lineno, int idx)
{
	ktest_printf("=== run %d.%d", lineno, idx);
	for (int i = 0; r->argv[i]; i++)
		ktest_printf(" %s", r->argv[i]);
	ktest_printf("\n");
	for (uint32_t i = 0; i < r->cap.len; i++)
		ktest_putc(r->cap.buf[i]);
	if (r->cap.len && r->cap.buf[r->cap.len - 1] != '\n')
		ktest_putc('\n');
	if (r->pid < 0)
		ktest_printf("=== spawn error %d\n", r->pid);
	else if (r->status & WTERMSIG_MASK)
		ktest_printf("=== signal %d\n", r->status & WTERMSIG_MASK);
	else
		ktest_printf("=== exit %d\n", (r->status >> WEXIT_CODE_SHIFT) & WEXIT_CODE_MASK);
}

/* Start argv with stdout captured into cap (stdin and stderr: the
 * console, as on the host). The pid or -errno; *out is the capture file,
 * to be put when the program has ended (NULL if none was made). */
static int capture_spawn(char *argv[], struct capture *cap, struct file **out)
{
	cap->buf = kmalloc(CAPTURE_MAX + 1);
	cap->len = 0;
	*out = cap->buf ? file_new(&capture_ops, cap) : NULL;
	struct file *con = console_file();
	struct file *stdio[3] = { con, *out, con };
	int pid = *out ? proc_spawn(argv[0], argv, test_envp, stdio) : -ENOMEM;
	file_put(con);
	return pid;
}

/* A file read whole (vfs_read_file). */
struct text {
	char *data;
	uint32_t size;
};

static int text_read(const char *path, struct text *t)
{
	void *data;
	int err = vfs_read_file(path, &data, &t->size);
	t->data = err ? NULL : data;
	return err;
}

/* The next line of f from *pos into line (at most LINE_MAX-1 bytes): its length. */
static uint32_t next_line(const struct text *f, uint32_t *pos, char line[LINE_MAX])
{
	const char *d = f->data;
	uint32_t n = 0;
	while (*pos < f->size && d[*pos] != '\n' && n < LINE_MAX - 1)
		line[n++] = d[(*pos)++];
	line[n] = '\0';
	(*pos)++;
	return n;
}

/* Run the programs of one list line at once; all of them end before we return. */
static void run_line(char *line, int lineno)
{
	static struct run runs[MAX_PAR];
	int n = 0;
	for (char *p = line; p && n < MAX_PAR; n++) {
		char *bar = strstr(p, " || ");
		if (bar)
			*bar = '\0';
		strlcpy(runs[n].line, p, LINE_MAX);
		p = bar ? bar + 4 : NULL;
	}
	for (int i = 0; i < n; i++) {
		struct run *r = &runs[i];
		split_words(r->line, r->argv, MAX_ARGS);   /* argv[0]: the path as given */
		r->pid = capture_spawn(r->argv, &r->cap, &r->out);
	}
	for (int i = 0; i < n; i++)
		if (runs[i].pid > 0)
			KEXPECT_EQ(proc_wait(runs[i].pid, &runs[i].status), runs[i].pid);
	for (int i = 0; i < n; i++) {
		report(&runs[i], lineno, i);
		if (runs[i].out)
			file_put(runs[i].out);
		kfree(runs[i].cap.buf);
	}
}

KTEST(user, run_list)
{
	struct text f;
	uint32_t free0 = frame_free_count();
	KEXPECT_EQ(text_read(LIST_PATH, &f), 0);
	if (!f.data)
		return;
	char line[LINE_MAX];
	int lineno = 0;
	for (uint32_t pos = 0; pos < f.size; ) {
		uint32_t n = next_line(&f, &pos, line);
		lineno++;
		if (n && line[0] != '#')
			run_line(line, lineno);
	}
	kfree(f.data);
	KEXPECT_EQ(proc_count(), 0);          /* every process was reaped */
	/* Every frame a process used came back (the heap may keep a few pages). */
	KEXPECT(frame_free_count() + 16 >= free0);
	ktest_diag("frames: %u free before, %u after", free0, frame_free_count());
}

#define BADELF_DIR      "/tests/badelf/"
#define BADELF_MANIFEST BADELF_DIR "MANIFEST"
#define BADELF_MAX      64                /* files in the corpus, with room */

/* The corpus's paths, from its MANIFEST, into paths[] (n of them). */
static int badelf_paths(char paths[][LINE_MAX + 32], int max)
{
	struct text m;
	char name[LINE_MAX];
	int n = 0;
	if (text_read(BADELF_MANIFEST, &m) != 0)
		return 0;
	for (uint32_t pos = 0; pos < m.size && n < max; ) {
		if (!next_line(&m, &pos, name))
			continue;
		strlcpy(paths[n], BADELF_DIR, LINE_MAX + 32);
		strlcpy(paths[n] + strlen(BADELF_DIR), name, LINE_MAX);
		n++;
	}
	kfree(m.data);
	return n;
}

static char badelf[BADELF_MAX][LINE_MAX + 32];

/* Every file of the malformed-ELF corpus is refused with ENOEXEC before
 * anything is built, and the kernel goes on (the suite's next test runs). */
KTEST(user, malformed_elf_refused)
{
	uint32_t free0 = frame_free_count(), files = 0;
	int n = badelf_paths(badelf, BADELF_MAX);
	KEXPECT(n > 0);
	struct file *con = console_file();
	struct file *stdio[3] = { con, con, con };
	for (int i = 0; i < n; i++) {
		char *path = badelf[i], *name = path + strlen(BADELF_DIR);
		char *argv[] = { path, NULL };
		int r = proc_spawn(path, argv, test_envp, stdio);
		if (r != -ENOEXEC)
			ktest_diag("%s: proc_spawn gave %d, not -ENOEXEC", name, r);
		KEXPECT_EQ(r, -ENOEXEC);
		files++;
	}
	file_put(con);
	KEXPECT(files >= 19);
	KEXPECT_EQ(frame_free_count(), free0);
	/* The seed they were made from still runs. */
	char *argv[] = { "/tests/bin/tiny", NULL };
	struct file *s3[3] = { NULL, NULL, NULL };
	int pid = proc_spawn(argv[0], argv, test_envp, s3), status = -1;
	KEXPECT(pid > 0);
	KEXPECT_EQ(proc_wait(pid, &status), pid);
	KEXPECT_EQ(status, 0);
	ktest_diag("%u malformed files refused", files);
}

#define INTERP_DIR      "/tests/interp/"
#define INTERP_MAX      16                /* files in tools/gen_bad_interp.sh's MANIFEST, with room */

/* An errno name of the interpreter MANIFEST as a (negative) result; "0":
 * the program runs and exits 0. */
static int interp_expected(const char *name)
{
	static const struct { const char *name; int err; } errs[] = {
		{ "0", 0 }, { "ENOENT", -ENOENT }, { "EACCES", -EACCES }, { "EIO", -EIO },
		{ "ELIBBAD", -ELIBBAD }, { "ENOEXEC", -ENOEXEC },
	};
	for (uint32_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		if (strcmp(name, errs[i].name) == 0)
			return errs[i].err;
	return 1;                              /* not a result: the test fails */
}

/* One program of the corpus: what proc_spawn gave, or its exit status. */
static int interp_result(char *path, struct file *stdio[3])
{
	char *argv[] = { path, NULL };
	int r = proc_spawn(path, argv, test_envp, stdio), status = -1;
	if (r <= 0)
		return r;
	proc_wait(r, &status);
	return status;
}

/* PT_INTERP (tools/gen_bad_interp.sh): a missing, unreadable, non-ELF,
 * foreign or nested interpreter, or a path without its NUL, fails execve
 * with Linux's error before anything is built; a good interpreter (an
 * ET_EXEC, a static-pie placed like a mapping) is started instead of the
 * program. Nothing leaks either way. */
KTEST(user, bad_interpreter_refused)
{
	struct text m;
	char line[LINE_MAX], path[LINE_MAX + 32];
	uint32_t free0 = frame_free_count(), files = 0;
	struct file *none[3] = { NULL, NULL, NULL };
	KEXPECT_EQ(text_read(INTERP_DIR "MANIFEST", &m), 0);
	for (uint32_t pos = 0; pos < m.size && files < INTERP_MAX; ) {
		if (!next_line(&m, &pos, line))
			continue;
		char *want = strchr(line, ' ');
		KEXPECT(want != NULL);
		if (!want)
			break;
		*want++ = '\0';
		strlcpy(path, INTERP_DIR, sizeof(path));
		strlcpy(path + strlen(INTERP_DIR), line, LINE_MAX);
		uint32_t before = frame_free_count();
		int r = interp_result(path, none);
		if (r != interp_expected(want))
			ktest_diag("%s: gave %d, not %s", line, r, want);
		KEXPECT_EQ(r, interp_expected(want));
		if (r < 0)                          /* refused: not a frame kept */
			KEXPECT_EQ(frame_free_count(), before);
		files++;
	}
	kfree(m.data);
	KEXPECT(files >= 11);
	KEXPECT_EQ(proc_count(), 0);
	KEXPECT(frame_free_count() + 16 >= free0);
	ktest_diag("%u interpreter cases; frames: %u free before, %u after", files, free0,
		   frame_free_count());
}

void diag_lines(char *text)
{
	for (char *l = text, *nl; l && (nl = strchr(l, '\n')); l = nl + 1) {
		*nl = '\0';
		ktest_diag("%s", l);
		*nl = '\n';
	}
}

int run_captured(char *argv[], char **out, int *status)
{
	struct capture cap;
	struct file *f;
	int pid = capture_spawn(argv, &cap, &f);
	if (pid > 0)
		proc_wait(pid, status);
	if (f)
		file_put(f);
	if (cap.buf)
		cap.buf[cap.len] = '\0';
	*out = cap.buf;
	return pid;
}

/* Run argv once and drop what it printed: the kernel heap and page tables
 * grow to the program's working size, so a frame count taken afterwards
 * and compared after a second run sees only what that run leaked. Its pid
 * or -errno. */
static int run_warm_up(char *argv[])
{
	char *out;
	int status;
	int pid = run_captured(argv, &out, &status);
	kfree(out);
	return pid;
}

/* "#!interp arg" runs interp with arg, the script's path, then the rest. */
KTEST(user, shebang_scripts)
{
	char *argv[] = { "/tests/scripts/args-script", "extra", NULL }, *out;
	int status = -1;
	KEXPECT(run_captured(argv, &out, &status) > 0);
	KEXPECT_EQ(status, 0);
	KEXPECT(out && strstr(out, "argc=4\nargv[0]=args\nargv[1]=-x\n"
			      "argv[2]=/tests/scripts/args-script\nargv[3]=extra\n") == out);
	kfree(out);
	/* A script whose interpreter is a script: followed once more. */
	char *nested[] = { "/tests/scripts/nested-script", NULL };
	KEXPECT(run_captured(nested, &out, &status) > 0);
	KEXPECT(out && strstr(out, "argv[2]=/tests/scripts/args-script\n"
			      "argv[3]=/tests/scripts/nested-script\n") != NULL);
	kfree(out);
	char *missing[] = { "/tests/scripts/missing-interp", NULL };
	KEXPECT_EQ(run_captured(missing, &out, &status), -ENOENT);
	kfree(out);
}

/* Out of memory on purpose (fork until refused, touch pages until none is
 * left): each is refused cleanly, and every page comes back. */
KTEST(user, running_out_of_memory_is_survived)
{
	char *argv[] = { "/tests/bin/exhaust", NULL }, *out;
	int status = -1;
	uint32_t free0 = frame_free_count();
	KEXPECT(run_captured(argv, &out, &status) > 0);
	KEXPECT_EQ(status, 0);
	KEXPECT(out && strstr(out, "fork: refused after some children; all reaped: yes\n") != NULL);
	KEXPECT(out && strstr(out, "touch: the child was killed by a signal\n") != NULL);
	KEXPECT(out && strstr(out, "touch: the bystander answered '!' and exited 0\n") != NULL);
	/* oom_killed_the_small_faulting_process: the faulting process was
	 * killed whatever its size, so a small one (a shell) touching a page
	 * while a hog held every other died, and the hog stayed. */
	KEXPECT(out && strstr(out, "hog: killed (SIGKILL); the small one touched 8 MiB and went on\n") != NULL);
	KEXPECT(out && strstr(out, "exhaust: done (children were made)\n") != NULL);
	if (out)
		ktest_diag("%s", out);
	kfree(out);
	/* Kernel page tables made while memory was short stay; the rest is back. */
	KEXPECT(frame_free_count() + 64 >= free0);
	ktest_diag("frames: %u free before, %u after", free0, frame_free_count());
}

/* eager_elf_load_with_a_2g_bss: code and data in one page
 * (tests/user/shared_page.ld) take the loader's eager path, which gives the
 * page both segments' bytes and permissions - and which used to allocate
 * every page up to the data segment's memsz: the program's 2 GiB bss
 * drained every frame and exec died of SIGKILL. The bss now arrives on
 * demand, as on the lazy path. No host oracle: an NX host refuses to run
 * the program, 32-bit non-PAE Linux runs it. */
KTEST(user, eager_elf_load_with_a_2g_bss)
{
	char *argv[] = { "/tests/bin/shared_page", NULL }, *out;
	int status = -1;
	uint32_t free0 = frame_free_count();
	KEXPECT(run_captured(argv, &out, &status) > 0);
	KEXPECT_EQ(status, 0);
	KEXPECT(out && strcmp(out, "shared page ok\n") == 0);
	kfree(out);
	KEXPECT(frame_free_count() + 16 >= free0);
	ktest_diag("frames: %u free before, %u after", free0, frame_free_count());
}

/* execve_limits_measured_before_copying: the kernel copied each argument
 * string into a buffer of its own before it checked the total, so 1024
 * argv pointers to one 32 KiB string made it allocate 32 MiB (per vector)
 * just to say E2BIG. Now the vectors are measured in user memory first:
 * every refused execve of "execve_limits reject" allocates nothing, so the
 * heap's peak during the whole run stays within what running any program
 * takes (its capture buffer, a few slab pages), and every frame comes back.
 * (Measured: exactly the capture buffer; the old code peaked 8191 above.) */
#define CAPTURE_PAGES  (page_up(CAPTURE_MAX + 1) / PAGE_SIZE)
#define RUN_HEAP_PAGES (CAPTURE_PAGES + 8)

KTEST(user, execve_limits_measured_before_copying)
{
	char *argv[] = { "/tests/bin/execve_limits", "reject", NULL }, *out;
	int status = -1;
	struct kheap_stats h0, h1;
	KEXPECT(run_warm_up(argv) > 0);
	uint32_t free0 = frame_free_count();
	kheap_reset_peak();
	kheap_get_stats(&h0);
	KEXPECT(run_captured(argv, &out, &status) > 0);
	kheap_get_stats(&h1);
	KEXPECT_EQ(status, 0);
	KEXPECT(out && strstr(out, "1024 argv and 1024 envp pointers to one 32 KiB string: "
			      "execve: E2BIG\n") != NULL);
	KEXPECT(out && strstr(out, "600000 empty strings: execve: E2BIG\n") != NULL);
	KEXPECT(h1.peak_pages - h0.pages <= RUN_HEAP_PAGES);
	if (out)
		ktest_diag("%s", out);
	kfree(out);
	kheap_get_stats(&h1);
	ktest_diag("heap: %u pages before, peak %u during the run, %u after",
		   h0.pages, h1.peak_pages, h1.pages);
	KEXPECT_EQ(frame_free_count(), free0);
	ktest_diag("frames: %u free before, %u after", free0, frame_free_count());
}

/* execve_of_bad_elf_keeps_the_caller: a PT_LOAD over the stack area (and
 * anything else found only while loading) was refused after execve had
 * torn the caller's image down, so the caller died of SIGKILL instead of
 * getting ENOEXEC. Every file of the malformed corpus must now fail with
 * ENOEXEC in a caller that goes on running (user/tests/execve_each). */
KTEST(user, execve_of_bad_elf_keeps_the_caller)
{
	static char *argv[BADELF_MAX + 2];
	char *out;
	int status = -1, n = badelf_paths(badelf, BADELF_MAX);
	argv[0] = "/tests/bin/execve_each";
	for (int i = 0; i < n; i++)
		argv[i + 1] = badelf[i];
	argv[n + 1] = NULL;
	KEXPECT(run_captured(argv, &out, &status) > 0);
	KEXPECT_EQ(status, 0);
	KEXPECT(out && strstr(out, "/tests/badelf/segment-in-stack.elf: ENOEXEC\n") != NULL);
	KEXPECT(out && strstr(out, "/tests/badelf/bss-into-stack.elf: ENOEXEC\n") != NULL);
	KEXPECT(out && strstr(out, "refused with ENOEXEC; the caller still runs\n") != NULL);
	for (char *l = out, *nl; status != 0 && l && (nl = strchr(l, '\n')); l = nl + 1) {
		*nl = '\0';
		ktest_diag("%s", l);
	}
	kfree(out);
}

/* Bug: every unknown system-call number above the table was logged, and
 * "once per number" still allowed 2^32 lines from one hostile process (the
 * log, and the serial line it is written to, were the process's to flood).
 * Now a token bucket bounds the lines; every call is still counted. */
KTEST(user, unknown_syscalls_do_not_flood_the_log)
{
	char *argv[] = { "/tests/bin/enosys_flood", "20000", NULL }, *out;
	int status = -1;
	struct enosys_stats before, after;
	enosys_stats_get(&before);
	uint64_t t0 = time_monotonic_ns();
	KEXPECT(run_captured(argv, &out, &status) > 0);
	uint64_t secs = (time_monotonic_ns() - t0) / NSEC_PER_SEC + 1;
	enosys_stats_get(&after);
	KEXPECT_EQ(status, 0);
	KEXPECT(out && strcmp(out, "enosys_flood: 20000 calls, 0 not ENOSYS\n") == 0);
	kfree(out);
	uint32_t calls = after.calls - before.calls, logged = after.logged - before.logged;
	KEXPECT(calls >= 20000);                 /* the C library may add a few of its own */
	KEXPECT(logged <= ENOSYS_LOG_BURST + secs * ENOSYS_LOG_PER_SEC);
	KEXPECT_EQ(after.suppressed - before.suppressed, calls - logged);
	ktest_diag("%u unknown calls in ~%u s: %u logged, %u counted as suppressed",
		   calls, (uint32_t)secs, logged, after.suppressed - before.suppressed);
}

/* A guest-only program whose whole output must be expected (Linux's). */
static void expect_output(char *path, const char *expected)
{
	char *argv[] = { path, NULL }, *out;
	int status = -1;
	KEXPECT(run_captured(argv, &out, &status) > 0);
	KEXPECT_EQ(status, 0);
	KEXPECT(out && strcmp(out, expected) == 0);
	if (out && strcmp(out, expected) != 0)
		ktest_diag("got:\n%s", out);
	kfree(out);
}

/* user/tests/mremap_keeps_data.c says what went wrong. */
KTEST(user, mremap_keeps_data)
{
	expect_output("/tests/bin/mremap_keeps_data",
		      "moved: yes, first page's write kept: yes\n"
		      "program data after the move: 1/11 2/22 3/33\n"
		      "anonymous grown in place: yes\n"
		      "anonymous after growing: 68/68 0/0 102/102 0/0\n"
		      "anonymous after moving: 68/68 0/0 102/102 0/0\n"
		      "shrunk in place: yes\n"
		      "old size 0: refused\n"
		      "anonymous after shrinking: 68/68\n");
}

/* user/tests/mremap_oom.c: out of memory, mremap fails whole; every frame
 * comes back afterwards. */
KTEST(user, mremap_out_of_memory_loses_nothing)
{
	uint32_t free0 = frame_free_count();
	expect_output("/tests/bin/mremap_oom",
		      "out of memory: ENOMEM, data intact\n"
		      "memory back: moved, data intact\n");
	KEXPECT(frame_free_count() + 64 >= free0);
	ktest_diag("frames: %u free before, %u after", free0, frame_free_count());
}

/* user/tests/madvise_dontneed.c says what went wrong. */
KTEST(user, madvise_dontneed_drops_pages)
{
	expect_output("/tests/bin/madvise_dontneed",
		      "anonymous DONTNEED: 0\n"
		      "anonymous reads: 0 0\n"
		      "program data DONTNEED: 0\n"
		      "program data reads: 1 0 2 3\n"
		      "shared DONTNEED: 0\n"
		      "shared reads: 51\n"
		      "WILLNEED: 0\n"
		      "SEQUENTIAL: 0\n"
		      "unknown advice 999: EINVAL\n"
		      "unaligned address: EINVAL\n"
		      "range with a hole: ENOMEM\n"
		      "WILLNEED over the hole: ENOMEM\n");
}

/* tests/user/prot_none_segment.asm says what went wrong. No host oracle,
 * as for segments_sharing_a_page. */
KTEST(user, prot_none_segment_is_not_readable)
{
	char *argv[] = { "/tests/bin/prot_none_segment", NULL }, *out;
	int status = -1;
	KEXPECT(run_captured(argv, &out, &status) > 0);
	KEXPECT_EQ(status & 0x7f, SIGSEGV);
	KEXPECT(out && strcmp(out, "before\n") == 0);
	kfree(out);
}

/* Signal frames live on the user stack and handlers' masks in the thread:
 * delivering thousands of signals and faults (each left by siglongjmp, so
 * no sigreturn undoes them) must give back every frame at exit. A leak of
 * a page per delivery would be thousands of frames. */
KTEST(user, signal_delivery_leaks_nothing)
{
	char *argv[] = { "/tests/bin/signal_loop", "3000", NULL }, *out;
	int status = -1;
	run_warm_up(argv);
	uint32_t free0 = frame_free_count();
	run_captured(argv, &out, &status);
	KEXPECT_EQ(status, 0);
	KEXPECT(out && strcmp(out, "3000 signals, 3000 faults\n") == 0);
	kfree(out);
	KEXPECT(frame_free_count() + 16 >= free0);
	ktest_diag("frames: %u free before, %u after", free0, frame_free_count());
}

/* A thread group's death gives every frame back: its threads' kernel
 * stacks, the memory they shared, whatever futex waiters and signals they
 * had. thread_exit_group ends groups of threads sleeping on a condition
 * variable, in nanosleep, in a pipe read and spinning, by exit from one
 * of them, by SIGTERM, and by the last thread after main's pthread_exit. */
KTEST(user, thread_group_death_frees_every_frame)
{
	char *argv[] = { "/tests/bin/thread_exit_group", NULL }, *out;
	int status = -1;
	run_warm_up(argv);
	uint32_t free0 = ktest_frames_outside_heap();
	run_captured(argv, &out, &status);
	KEXPECT_EQ(status, 0);
	KEXPECT(out && strstr(out, "exit from a thread: exit 5\n"));
	kfree(out);
	KEXPECT_EQ(ktest_frames_outside_heap(), free0);
	ktest_diag("frames (with the heap's): %u before, %u after", free0, ktest_frames_outside_heap());
}
