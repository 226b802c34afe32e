/*
 * sysfuzz.c - a multi-process system-call fuzzer. A driver forks WORKERS
 * workers; each issues pseudo-random system calls - numbers in and out of
 * the table, arguments biased toward the nasty ones (NULL, -1, negative
 * and stale fds, kernel addresses, buffers that straddle the user/kernel
 * boundary or run into an unmapped page, read-only and PROT_NONE pages,
 * huge lengths) - from a shared call counter. A worker that makes no
 * progress for STALL_MS (blocked in a read, a pause, a futex...) is
 * killed with its process group, reaped, and replaced; so is one that
 * dies of what it did to itself. That is how the calls that block get
 * reached and their sleepers killed.
 *
 * Call I's number and arguments depend on the seed and I alone (each call
 * seeds its own generator), so a run replays: the seed is printed first,
 * and -v prints every call before it is made.
 *
 * The workers live in a chroot of a tmpfs of their own (with a file, a
 * directory, a fifo, a symlink, device nodes and /proc), so what they
 * create dies with the run: the driver unmounts it at the end. Guest only
 * (on a real host random calls as root would do harm).
 *
 * Usage: sysfuzz [-v] [CALLS [SEED [WORKERS]]]; ends with one line
 * "sysfuzz: ... the kernel is still here" and exit 0, or names what failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CALLS_DEFAULT   100000
#define SEED_DEFAULT    0x7e2a19u
#define WORKERS_DEFAULT 8
#define WORKERS_MAX     16
#define STALL_MS        50          /* no call finished for this long: blocked */
#define POLL_MS         5
#define NR_SPAN         460         /* past Linux's last i386 number (451) */
#define SCRATCH         "/tmp/sysfuzz"
#define PAGE            4096u
#define BUF_PAGES       4           /* the writable buffer; an unmapped page follows */
#define JUNK_WORDS      256         /* words refilled per call: structs of nasty values */
#define USER_TOP        0xc0000000u /* mm/layout.h: the first kernel address */
#define REBOOT_MAGIC1   0xfee1deadu
#define NFDS            12

/* --- the generator: xorshift32, one stream per call --- */

static uint32_t rng;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void seed_call(uint32_t seed, uint32_t i)
{
	rng = (seed ^ (i * 0x9e3779b9u)) | 1;   /* never 0: xorshift would stay 0 */
	for (int k = 0; k < 4; k++)
		rnd();
}

/* --- what a worker has: memory of every kind, and descriptors --- */

struct arena {
	uint8_t *buf;               /* BUF_PAGES writable, then an unmapped page */
	uint8_t *ro;                /* a read-only page */
	uint8_t *none;              /* a PROT_NONE page */
	uint8_t *shared;            /* a shared mapping of the scratch file */
	char *strings[24];          /* paths and junk, inside buf */
	int nstrings;
	int fds[NFDS];
};

static struct arena A;

static const char *const paths[] = {
	"f", "d", "p", "l", "null", "zero", "/", ".", "..", "d/x", "nonexistent",
	"proc/self/maps", "proc/self/status", "proc/meminfo", "proc/self/fd/0",
	"proc/self/exe", "f/", "l/x", "//f", "d/../f", "",
};

/* Strings at the start of buf: the paths, a 300-byte name, a 5000-byte
 * path (PATH_MAX is 4096), one ending where the unmapped page starts. */
static char *put_string(char *at, const char *s, int fill, int len)
{
	A.strings[A.nstrings++] = at;
	if (s)
		strcpy(at, s);
	else
		memset(at, fill, len), at[len] = '\0';
	return at + strlen(at) + 1;
}

static void strings_init(void)
{
	char *p = (char *)A.buf + 2 * PAGE;     /* past the junk words */
	for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		p = put_string(p, paths[i], 0, 0);
	p = put_string(p, NULL, 'n', 300);
	p = put_string(p, NULL, 'a', 5000);
	char *end = (char *)A.buf + BUF_PAGES * PAGE - 8;
	memcpy(end, "abcdefgh", 8);             /* no NUL before the hole */
	A.strings[A.nstrings++] = end;
}

static int memory_init(void)
{
	A.buf = mmap(NULL, (BUF_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	A.ro = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	A.none = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (A.buf == MAP_FAILED || A.ro == MAP_FAILED || A.none == MAP_FAILED)
		return -1;
	memset(A.ro, 0xff, PAGE);               /* -1s: a struct of nasty values */
	if (munmap(A.buf + BUF_PAGES * PAGE, PAGE) || mprotect(A.ro, PAGE, PROT_READ))
		return -1;
	A.shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, A.fds[0], 0);
	strings_init();
	return 0;
}

/* Descriptors of every kind the chroot offers; stdio goes to null. */
static void fds_init(void)
{
	static const char *const names[] = { "f", "d", "null", "zero", "proc/self/status", "." };
	int n = 0, pp[2];
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		A.fds[n++] = open(names[i], i == 1 || i == 5 ? O_RDONLY : O_RDWR);
	A.fds[n++] = open("p", O_RDWR | O_NONBLOCK);   /* a fifo, both ends */
	if (pipe(pp) == 0)
		A.fds[n++] = pp[0], A.fds[n++] = pp[1];
	A.fds[n++] = dup(A.fds[0]);
	while (n < NFDS)
		A.fds[n++] = -1;
	dup2(A.fds[2], 0);
	dup2(A.fds[2], 1);
	dup2(A.fds[2], 2);
}

/* --- arguments --- */

static uint32_t ptr_into(const uint8_t *base, uint32_t size)
{
	return (uint32_t)(uintptr_t)base + rnd() % size;
}

static uint32_t nasty_int(void)
{
	static const uint32_t v[] = {
		0, 1, 2, 3, 4, 8, 16, 64, 255, 256, 4095, 4096, 4097, 65536, 0x7fffffff,
		0x80000000u, 0xffffffffu, 0xfffffffeu, 0xfffff000u, 0x10000000u, 1u << 20,
		0xc0000000u, 0xbffff000u, 0x7fffffffu - 4095,
	};
	return v[rnd() % (sizeof(v) / sizeof(v[0]))];
}

static uint32_t nasty_ptr(void)
{
	uint32_t end = (uint32_t)(uintptr_t)A.buf + BUF_PAGES * PAGE;
	switch (rnd() % 10) {
	case 0: return 0;                                    /* NULL */
	case 1: return USER_TOP - 1 - rnd() % 64;           /* straddles into the kernel */
	case 2: return USER_TOP + (rnd() & 0x3fffffffu);    /* a kernel address */
	case 3: return 0xfffff000u + (rnd() & 0xfff);       /* the top page */
	case 4: return end - rnd() % 64;                     /* runs into the unmapped page */
	case 5: return ptr_into(A.ro, PAGE);                 /* read-only */
	case 6: return ptr_into(A.none, PAGE);               /* PROT_NONE */
	case 7: return (uint32_t)(uintptr_t)A.strings[rnd() % A.nstrings];
	case 8: return A.shared ? ptr_into(A.shared, PAGE) : 0;
	default: return ptr_into(A.buf, 2 * PAGE);           /* the junk words */
	}
}

static uint32_t arg(void)
{
	switch (rnd() % 8) {
	case 0: return nasty_int();
	case 1: return rnd() % 64;                           /* small: fds, flags, signals */
	case 2: return (uint32_t)A.fds[rnd() % NFDS];         /* ours, or -1 */
	case 3: return (uint32_t)-1 - rnd() % 16;            /* negative fds, -errno lookalikes */
	case 4: return 1u << (rnd() % 32);                   /* one flag bit */
	case 5: return rnd();
	default: return nasty_ptr();
	}
}

/* The junk words that pointer arguments mostly point at: structs (iovecs,
 * timespecs, sigactions, fd sets) made of the same nasty values. */
static void junk_fill(void)
{
	uint32_t *w = (uint32_t *)A.buf;
	for (int k = 0; k < JUNK_WORDS; k++)
		w[rnd() % (2 * PAGE / 4)] = arg();
}

struct call {
	uint32_t nr, a[6];
};

static void make_call(uint32_t seed, uint32_t i, struct call *c)
{
	seed_call(seed, i);
	uint32_t pick = rnd() % 16;
	c->nr = pick == 0 ? rnd() : pick == 1 ? NR_SPAN + rnd() % 64 : rnd() % NR_SPAN;
	for (int k = 0; k < 6; k++)
		c->a[k] = arg();
	junk_fill();
}

/* --- the calls left out: only those that would end the run itself --- */

static pid_t driver;

static int is_run(uint32_t pid)
{
	return pid == 1 || pid == (uint32_t)driver;
}

/* A signal to the driver, to init (whose death ends the machine), to every
 * process (-1: the driver too) or to the driver's group would end the run.
 * Workers start in groups of their own; a worker that moved back into the
 * driver's group must not signal its group (0). */
static int hits_run(uint32_t pid)
{
	if (pid == 0)
		return getpgid(0) == driver;
	if ((int32_t)pid < 0)
		return pid == (uint32_t)-1 || is_run(-pid);
	return is_run(pid);
}

static int skipped(const struct call *c)
{
	switch (c->nr) {
	case SYS_kill:
	case SYS_rt_sigqueueinfo:
		return hits_run(c->a[0]);
	case SYS_tkill:
		return is_run(c->a[0]);
	case SYS_tgkill:
	case SYS_rt_tgsigqueueinfo:
		return hits_run(c->a[0]) || is_run(c->a[1]);
	case SYS_prlimit64:      /* a zero RLIMIT_NPROC or NOFILE on the driver stops it */
		return is_run(c->a[0]);
	case SYS_reboot:         /* with the magic it powers the machine off */
		return c->a[0] == REBOOT_MAGIC1;
	case SYS_chroot:         /* a chroot below the cwd lets ".." walk out of ours:
				  * what a worker then made outside would outlive the run */
		return 1;
	}
	return 0;
}

/* --- a worker --- */

struct slot {
	volatile uint32_t next;     /* the next call index this slot makes */
	volatile uint32_t done;     /* calls completed (progress, for the driver) */
	volatile uint32_t skipped;
};

static struct slot *slots;
static uint32_t seed, calls, nworkers;
static int verbose;

static void trace(uint32_t i, const struct call *c)
{
	char line[160];
	int n = snprintf(line, sizeof(line), "call %u: %u(%#x, %#x, %#x, %#x, %#x, %#x)\n", i, c->nr,
			 c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
	write(STDERR_FILENO, line, n);
}

static void worker(int s)
{
	struct slot *sl = &slots[s];
	pid_t me = getpid();
	setpgid(0, 0);
	if (chroot(SCRATCH) || chdir("/"))
		_exit(3);
	int err = dup(STDERR_FILENO);
	fds_init();
	if (memory_init())
		_exit(4);
	for (uint32_t i; (i = sl->next) < calls; ) {
		struct call c;
		sl->next = i + nworkers;            /* this call is spent, whatever it does */
		make_call(seed, i, &c);
		if (skipped(&c)) {
			sl->skipped++;
			continue;
		}
		if (verbose)
			dup2(err, STDERR_FILENO), trace(i, &c), dup2(A.fds[2], STDERR_FILENO);
		syscall(c.nr, c.a[0], c.a[1], c.a[2], c.a[3], c.a[4], c.a[5]);
		if (syscall(SYS_gettid) != me)      /* a child of fork or clone: not a worker */
			syscall(SYS_exit, 0);
		sl->done++;
	}
	_exit(0);
}

/* --- the driver --- */

struct stats {
	uint32_t started, stalled, signalled;
};

struct running {
	pid_t pid;
	uint32_t seen;              /* done at the last look */
	uint32_t still_ms;          /* how long it has not moved */
};

static pid_t start_worker(int s, struct stats *st)
{
	pid_t pid = fork();
	if (pid == 0)
		worker(s);
	if (pid > 0)
		st->started++;
	return pid;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

/* Kill a worker with whatever it forked (its group), then reap it. */
static void finish(struct running *r, struct stats *st, int stalled)
{
	int status;
	kill(-r->pid, SIGKILL);
	kill(r->pid, SIGKILL);                  /* in case it left its group */
	waitpid(r->pid, &status, 0);
	st->stalled += stalled;
	st->signalled += !stalled && WIFSIGNALED(status);
	r->pid = 0;
}

/* One look at slot s: reap an ended worker, kill a stuck one, restart. */
static int watch(int s, struct running *r, struct stats *st)
{
	int status;
	if (r->pid > 0 && waitpid(r->pid, &status, WNOHANG) == r->pid) {
		kill(-r->pid, SIGKILL);
		st->signalled += WIFSIGNALED(status);
		r->pid = 0;
	} else if (r->pid > 0) {
		uint32_t d = slots[s].done;
		r->still_ms = d == r->seen ? r->still_ms + POLL_MS : 0;
		r->seen = d;
		if (r->still_ms >= STALL_MS)
			finish(r, st, 1);
	}
	if (r->pid == 0 && slots[s].next < calls) {
		r->pid = start_worker(s, st);
		r->still_ms = 0;
	}
	return r->pid > 0;
}

/* Orphans the workers' children left (adopted by us if we are pid 1). */
static void reap_strays(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static void drive(struct stats *st)
{
	struct running run[WORKERS_MAX] = { 0 };
	for (int busy = 1; busy; ) {
		busy = 0;
		for (uint32_t s = 0; s < nworkers; s++)
			busy |= watch(s, &run[s], st);
		reap_strays();
		if (busy)
			sleep_ms(POLL_MS);
	}
}

/* --- the scratch file system --- */

static int scratch_make(void)
{
	mkdir("/tmp", 01777);
	if (mkdir(SCRATCH, 0755) && errno != EEXIST)
		return -1;
	if (mount("none", SCRATCH, "tmpfs", 0, NULL))
		return -1;
	int fd = open(SCRATCH "/f", O_CREAT | O_RDWR, 0666);
	if (fd < 0 || write(fd, "some file data\n", 15) != 15 || ftruncate(fd, 2 * PAGE))
		return -1;
	close(fd);
	mkdir(SCRATCH "/d", 0755);
	mkdir(SCRATCH "/proc", 0555);
	mkfifo(SCRATCH "/p", 0666);
	symlink("f", SCRATCH "/l");
	mknod(SCRATCH "/null", S_IFCHR | 0666, makedev(1, 3));
	mknod(SCRATCH "/zero", S_IFCHR | 0666, makedev(1, 5));
	return mount("proc", SCRATCH "/proc", "proc", 0, NULL);
}

/* A figure of /proc/meminfo (kB), from the chroot's proc; -1 if none. */
static long meminfo(const char *label)
{
	char text[2048], *at;
	int fd = open(SCRATCH "/proc/meminfo", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	text[n] = '\0';
	at = strstr(text, label);
	return at ? atol(at + strlen(label)) : -1;
}

static void print_meminfo(const char *when)
{
	printf("sysfuzz: /proc/meminfo %s: MemFree %ld kB, Slab %ld kB\n", when,
	       meminfo("MemFree:"), meminfo("Slab:"));
}

static int scratch_remove(void)
{
	int err = umount2(SCRATCH "/proc", MNT_DETACH);
	err |= umount2(SCRATCH, MNT_DETACH);
	return err | rmdir(SCRATCH);
}

static void parse_args(int argc, char **argv)
{
	int a = 1;
	if (a < argc && strcmp(argv[a], "-v") == 0)
		verbose = 1, a++;
	calls = a < argc ? strtoul(argv[a++], NULL, 0) : CALLS_DEFAULT;
	seed = a < argc ? strtoul(argv[a++], NULL, 0) : SEED_DEFAULT;
	nworkers = a < argc ? strtoul(argv[a++], NULL, 0) : WORKERS_DEFAULT;
	if (nworkers < 1 || nworkers > WORKERS_MAX)
		nworkers = WORKERS_DEFAULT;
}

int main(int argc, char **argv)
{
	struct stats st = { 0 };
	parse_args(argc, argv);
	printf("sysfuzz: seed %#x, %u calls, %u workers\n", seed, calls, nworkers);
	fflush(stdout);
	driver = getpid();
	setpgid(0, 0);
	slots = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (slots == MAP_FAILED || scratch_make()) {
		printf("FAIL: cannot set up (%s)\n", strerror(errno));
		return 1;
	}
	for (uint32_t s = 0; s < nworkers; s++)
		slots[s].next = s;
	print_meminfo("before");
	long t0 = now_ms();
	drive(&st);
	long ms = now_ms() - t0;
	print_meminfo("after");
	uint32_t done = 0, skip = 0;
	for (uint32_t s = 0; s < nworkers; s++)
		done += slots[s].done, skip += slots[s].skipped;
	int gone = scratch_remove();
	printf("sysfuzz: %u calls returned, %u skipped, the rest ended or stalled their worker\n", done, skip);
	printf("sysfuzz: %ld ms, %ld calls/s\n", ms, ms ? calls * 1000L / ms : 0);
	printf("sysfuzz: %u workers started, %u killed after %u ms without progress, %u died by a signal\n",
	       st.started, st.stalled, STALL_MS, st.signalled);
	printf("sysfuzz: every worker reaped, scratch %s; the kernel is still here\n",
	       gone ? "NOT removed" : "removed");
	return gone ? 1 : 0;
}
