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
 * Nothing of the driver's is left within the workers' reach but the
 * counter page (see struct progress): their stdio is the driver's null
 * device, not the driver's stdout, and the page is guarded and checked.
 *
 * Usage: sysfuzz [-v|-t] [CALLS [SEED [WORKERS]]]; ends with one line
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
#define EXIT_BAD_SLOT   5           /* a worker found its record spoilt: the driver mends it */

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

/* A shared mapping of a file that another worker removed is MAP_FAILED:
 * no address, not a pointer near 4 GiB. */
static uint8_t *or_null(void *p)
{
	return p == MAP_FAILED ? NULL : p;
}

static int memory_init(void)
{
	A.buf = mmap(NULL, (BUF_PAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	A.ro = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	A.none = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	A.shared = or_null(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, A.fds[0], 0));
	if (A.buf == MAP_FAILED || A.ro == MAP_FAILED || A.none == MAP_FAILED)
		return -1;
	memset(A.ro, 0xff, PAGE);               /* -1s: a struct of nasty values */
	/* The hole is made last: made earlier, the next mmap (top down) filled
	 * it, and buffers "running into the unmapped page" ran on. */
	if (munmap(A.buf + BUF_PAGES * PAGE, PAGE) || mprotect(A.ro, PAGE, PROT_READ))
		return -1;
	strings_init();
	return 0;
}

/* Descriptors of every kind the chroot offers (any may have been removed
 * by an earlier worker: then -1). */
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

/* --- the counter page: each worker's progress, for the driver --- */

/*
 * Where a worker is, in a record of its own in a MAP_SHARED page the
 * driver reads. The worker's random calls can write into that page: it
 * is in their address space. A 1,000,000-call run found the counters
 * spoilt: mmap places areas top down, so the page lay right above the
 * worker's buffer and the unmapped page meant to end it, and the worker's
 * own shared file mapping, made next, filled that hole; a write through
 * a pointer near its end (uname's 390 bytes, the first time) went on
 * into the counters. Random pointers can reach it too. So the page
 * lies between PROT_NONE guard pages, each record carries a checksum,
 * and the worker's private copy is the one that counts: a call that
 * changed its record is counted as a hit (the first one named) and the
 * record is put right. A record found spoilt while no worker of its own
 * runs is restored by the driver from its last good reading (the calls
 * after it are made again, and counted once).
 */
struct progress {
	uint32_t next;              /* the next call index this slot makes */
	uint32_t done;              /* calls completed (progress, for the driver) */
	uint32_t skipped;
	uint32_t hits;              /* calls that wrote into this record */
	uint32_t first_hit, first_nr;   /* the first of them: its index and number */
};

#define PROGRESS_WORDS (sizeof(struct progress) / 4)

struct slot {
	uint32_t word[PROGRESS_WORDS];  /* a struct progress */
	uint32_t sum;                   /* progress_sum() of it */
};

static volatile struct slot *slots;
static uint32_t seed, calls, nworkers;
static int verbose, selftest, trace_fd = -1;

#define FNV_BASIS 0x811c9dc5u
#define FNV_PRIME 0x01000193u

/* FNV-1a over the slot number and the words. */
static uint32_t progress_sum(uint32_t s, const struct progress *p)
{
	const uint32_t *w = (const uint32_t *)p;
	uint32_t h = FNV_BASIS ^ s;
	for (unsigned k = 0; k < PROGRESS_WORDS; k++)
		h = (h ^ w[k]) * FNV_PRIME;
	return h;
}

/* Slot s into *p: whether it was whole (the sum matches). */
static int slot_load(uint32_t s, struct progress *p)
{
	uint32_t *to = (uint32_t *)p;
	for (unsigned k = 0; k < PROGRESS_WORDS; k++)
		to[k] = slots[s].word[k];
	return slots[s].sum == progress_sum(s, p);
}

static void slot_store(uint32_t s, const struct progress *p)
{
	const uint32_t *from = (const uint32_t *)p;
	for (unsigned k = 0; k < PROGRESS_WORDS; k++)
		slots[s].word[k] = from[k];
	slots[s].sum = progress_sum(s, p);
}

/* Whether slot s still says what the worker last stored (*mine). */
static int slot_intact(uint32_t s, const struct progress *mine)
{
	struct progress now;
	return slot_load(s, &now) && memcmp(&now, mine, sizeof(now)) == 0;
}

/* The page, between two PROT_NONE pages: a buffer running into it from
 * either side faults there, and no mmap can fill the space next to it. */
static volatile struct slot *counter_page(void)
{
	uint8_t *g = mmap(NULL, 3 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g == MAP_FAILED)
		return NULL;
	return (volatile struct slot *)or_null(mmap(g + PAGE, PAGE, PROT_READ | PROT_WRITE,
			    MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
}

/* --- a worker --- */

#define JUNK_OUT_LEN 44             /* what a worker once wrote into the driver's stdout */

/* -t: each worker's first call reads /dev/zero over the whole counter
 * page, its second writes 0xff bytes to its stdout (the null device, also
 * when the chroot's null is gone: the driver removes it): the defences
 * above must undo and count the first and swallow the second. */
static void plant(uint32_t i, struct call *c)
{
	if (i < nworkers)
		*c = (struct call){ SYS_read, { (uint32_t)A.fds[3], (uint32_t)(uintptr_t)slots, PAGE } };
	else if (i < 2 * nworkers)
		*c = (struct call){ SYS_write, { STDOUT_FILENO, (uint32_t)(uintptr_t)A.ro, JUNK_OUT_LEN } };
}

static void trace(uint32_t i, const struct call *c)
{
	char line[160];
	int n = snprintf(line, sizeof(line), "call %u: %u(%#x, %#x, %#x, %#x, %#x, %#x)\n", i, c->nr,
			 c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
	write(trace_fd, line, n);
}

/* Stdio to the driver's null device, opened before any worker ran: one
 * in the chroot may be gone (a worker's random unlink), and a worker left
 * with the driver's own stdout wrote junk into the driver's report. */
static void stdio_to_null(int null_fd)
{
	if (verbose)
		trace_fd = dup(STDERR_FILENO);  /* -v: the trace goes to the driver's stderr */
	for (int fd = 0; fd < 3; fd++)
		dup2(null_fd, fd);
	close(null_fd);
}

/* After call i: count it if it changed our record, and put the record right. */
static void check_slot(uint32_t s, struct progress *mine, const struct call *c, uint32_t i)
{
	if (slot_intact(s, mine))
		return;
	if (mine->hits++ == 0)
		mine->first_hit = i, mine->first_nr = c->nr;
	slot_store(s, mine);
}

static void worker(uint32_t s, int null_fd)
{
	struct progress mine;
	pid_t me = getpid();
	if (!slot_load(s, &mine))
		_exit(EXIT_BAD_SLOT);
	setpgid(0, 0);
	stdio_to_null(null_fd);
	if (chroot(SCRATCH) || chdir("/"))
		_exit(3);
	fds_init();
	if (memory_init())
		_exit(4);
	while (mine.next < calls) {
		struct call c;
		uint32_t i = mine.next;
		mine.next = i + nworkers;           /* this call is spent, whatever it does */
		slot_store(s, &mine);
		make_call(seed, i, &c);
		if (selftest)
			plant(i, &c);
		if (skipped(&c)) {
			mine.skipped++;
			continue;
		}
		if (verbose)
			trace(i, &c);
		syscall(c.nr, c.a[0], c.a[1], c.a[2], c.a[3], c.a[4], c.a[5]);
		if (syscall(SYS_gettid) != me)      /* a child of fork or clone: not a worker */
			syscall(SYS_exit, 0);
		check_slot(s, &mine, &c, i);
		mine.done++;
	}
	slot_store(s, &mine);
	_exit(0);
}

/* --- the driver --- */

struct stats {
	uint32_t started, stalled, signalled;
	uint32_t restored;          /* spoilt records the driver put back */
	struct progress total;      /* every slot's, added up (first_*: the first slot hit) */
};

struct running {
	pid_t pid;
	uint32_t seen;              /* done at the last look */
	uint32_t still_ms;          /* how long it has not moved */
	struct progress last;       /* the slot's record at the last look that found it whole */
};

static int null_fd = -1;        /* the driver's: the scratch's null device, for the workers' stdio */

/* Before a worker of slot s starts: its record, whole (restored if not). */
static void slot_mend(uint32_t s, struct running *r, struct stats *st)
{
	struct progress now;
	if (slot_load(s, &now)) {
		r->last = now;
	} else {
		slot_store(s, &r->last);
		st->restored++;
	}
}

static pid_t start_worker(uint32_t s, struct running *r, struct stats *st)
{
	slot_mend(s, r, st);
	pid_t pid = fork();
	if (pid == 0)
		worker(s, null_fd);
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

/* One look at slot s: reap an ended worker, kill a stuck one, restart.
 * A record caught half written (or spoilt) is not read: no progress. */
static int watch(uint32_t s, struct running *r, struct stats *st)
{
	int status;
	struct progress now;
	if (slot_load(s, &now))
		r->last = now;
	if (r->pid > 0 && waitpid(r->pid, &status, WNOHANG) == r->pid) {
		kill(-r->pid, SIGKILL);
		st->signalled += WIFSIGNALED(status);
		r->pid = 0;
	} else if (r->pid > 0) {
		r->still_ms = r->last.done == r->seen ? r->still_ms + POLL_MS : 0;
		r->seen = r->last.done;
		if (r->still_ms >= STALL_MS)
			finish(r, st, 1);
	}
	if (r->pid == 0 && r->last.next < calls) {
		r->pid = start_worker(s, r, st);
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

/* Add slot s's final record (the driver's copy if it is spoilt) to the totals. */
static void add_up(uint32_t s, struct running *r, struct stats *st)
{
	struct progress p, *t = &st->total;
	if (!slot_load(s, &p))
		p = r->last, st->restored++;
	if (p.hits && !t->hits)
		t->first_hit = p.first_hit, t->first_nr = p.first_nr;
	t->done += p.done;
	t->skipped += p.skipped;
	t->hits += p.hits;
}

static void drive(struct stats *st)
{
	struct running run[WORKERS_MAX] = { 0 };
	for (uint32_t s = 0; s < nworkers; s++) {
		run[s].last.next = s;
		slot_store(s, &run[s].last);
	}
	for (int busy = 1; busy; ) {
		busy = 0;
		for (uint32_t s = 0; s < nworkers; s++)
			busy |= watch(s, &run[s], st);
		reap_strays();
		if (busy)
			sleep_ms(POLL_MS);
	}
	for (uint32_t s = 0; s < nworkers; s++)
		add_up(s, &run[s], st);
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
	else if (a < argc && strcmp(argv[a], "-t") == 0)
		selftest = 1, a++;
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
	slots = counter_page();
	if (!slots || scratch_make() || (null_fd = open(SCRATCH "/null", O_RDWR)) < 0) {
		printf("FAIL: cannot set up (%s)\n", strerror(errno));
		return 1;
	}
	if (selftest)
		unlink(SCRATCH "/null");
	print_meminfo("before");
	long t0 = now_ms();
	drive(&st);
	long ms = now_ms() - t0;
	print_meminfo("after");
	close(null_fd);
	int gone = scratch_remove();
	printf("sysfuzz: calls returned: %u, skipped: %u, the rest ended or stalled their worker\n",
	       st.total.done, st.total.skipped);
	printf("sysfuzz: counter page: %u calls wrote into it (undone", st.total.hits);
	if (st.total.hits)
		printf("; the first: call %u, number %u", st.total.first_hit, st.total.first_nr);
	printf("), %u records restored by the driver\n", st.restored);
	printf("sysfuzz: %ld ms, %ld calls/s\n", ms, ms ? calls * 1000L / ms : 0);
	printf("sysfuzz: %u workers started, %u killed after %u ms without progress, %u died by a signal\n",
	       st.started, st.stalled, STALL_MS, st.signalled);
	printf("sysfuzz: every worker reaped, scratch %s; the kernel is still here\n",
	       gone ? "NOT removed" : "removed");
	return gone ? 1 : 0;
}
