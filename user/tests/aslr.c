/*
 * aslr.c - address-space layout randomization (tern's mm/aslr.h), seen
 * from user space: runs itself RUNS times and compares where each run's
 * stack, mmap area and heap (brk) were, and its AT_RANDOM bytes.
 *
 *   aslr          at the level /proc/sys/kernel/randomize_va_space has:
 *                 0 all the same; 1 stack, mmap differ, brk the same;
 *                 2 all differ. AT_RANDOM differs at every level.
 *   aslr levels   the same at levels 0, 1 and 2 in turn, set through the
 *                 proc file (then put back), and a write of 3 is EINVAL.
 *   aslr setarch  personality(ADDR_NO_RANDOMIZE), as `setarch -R`: the
 *                 runs it execs are all the same (AT_RANDOM aside) and
 *                 keep the flag, but a set-user-ID copy is randomized and
 *                 loses it (Linux's PER_CLEAR_ON_SETID); a domain other
 *                 than PER_LINUX(32), or a flag tern does not honour, is
 *                 refused with EINVAL.
 *   aslr print    one run: the addresses and its personality, one line.
 *
 * "differs": not all RUNS runs agree (the mmap base has only 256
 * places: two runs agree once in 256, three in 65,536). Guest only (not
 * in tests/user/list): the host's own level is not the test's to change.
 * tests/system/run.py boots it with and without norandmaps.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define RUNS 3
#define FIELDS 4                        /* compared; then the personality */
#define QUERY 0xffffffffu               /* personality(QUERY) only reads it */
#define SUID_DIR "/tmp/aslr-suid"
#define LEVEL_FILE "/proc/sys/kernel/randomize_va_space"

static const char *const names[FIELDS] = { "stack", "mmap", "brk", "AT_RANDOM" };

static int print_layout(void)
{
	int local;
	void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	const uint32_t *rnd = (const uint32_t *)getauxval(AT_RANDOM);
	printf("%08lx %08lx %08lx %08x %x\n", (unsigned long)(uintptr_t)&local,
	       (unsigned long)(uintptr_t)m, (unsigned long)(uintptr_t)sbrk(0), rnd ? rnd[0] : 0,
	       (unsigned)personality(QUERY));
	return 0;
}

/* One run of "self print": its numbers; 0 or -1. */
static int run_once(const char *self, unsigned long v[FIELDS + 1])
{
	int fds[2];
	char buf[128] = { 0 };
	if (pipe(fds) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		execl(self, self, "print", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	ssize_t n = read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	waitpid(pid, NULL, 0);
	if (n <= 0 || sscanf(buf, "%lx %lx %lx %lx %lx", &v[0], &v[1], &v[2], &v[3], &v[4]) != FIELDS + 1)
		return -1;
	return 0;
}

static int read_level(void)
{
	char c = '?';
	int fd = open(LEVEL_FILE, O_RDONLY);
	if (fd < 0 || read(fd, &c, 1) != 1)
		c = '?';
	close(fd);
	return c - '0';
}

/* 0, or what failed. */
static int write_level(const char *s)
{
	int fd = open(LEVEL_FILE, O_WRONLY | O_TRUNC);
	if (fd < 0) {
		printf("open %s: %s\n", LEVEL_FILE, strerror(errno));
		return -1;
	}
	int r = write(fd, s, strlen(s)) == (ssize_t)strlen(s) ? 0 : -1;
	if (r)
		printf("write %.1s: %s\n", s, strerror(errno));
	close(fd);
	return r;
}

/* Compare RUNS runs of self, which should be laid out as at `level`
 * and run with personality `persona`; 0 when what differs is what the
 * level says should. The line starts with label (after the runs: the
 * console may have said something meanwhile). */
static int compare_as(const char *label, const char *self, int level, unsigned long persona)
{
	unsigned long v[RUNS][FIELDS + 1];
	int bad = 0;
	for (int r = 0; r < RUNS; r++)
		if (run_once(self, v[r]) != 0) {
			printf("a run failed\n");
			return 1;
		} else if (v[r][FIELDS] != persona) {
			printf("a run had personality %#lx, not %#lx (WRONG)\n", v[r][FIELDS], persona);
			bad = 1;
		}
	printf("%srandomize_va_space %d:", label, read_level());
	for (int f = 0; f < FIELDS; f++) {
		int differs = 0;
		for (int r = 1; r < RUNS; r++)
			differs |= v[r][f] != v[0][f];
		int should = f == 3 || (f < 2 ? level >= 1 : level >= 2);
		printf(" %s %s%s", names[f], differs ? "differs" : "same", differs == should ? "" : " (WRONG)");
		bad |= differs != should;
	}
	printf("\n");
	return bad;
}

/* Compare RUNS runs at the current level. */
static int compare(const char *self)
{
	return compare_as("", self, read_level(), personality(QUERY));
}

/* A set-user-ID copy of self (same name, for the multi-call binary). */
static const char *setuid_copy(const char *self)
{
	static const char path[] = SUID_DIR "/aslr";
	int in = open(self, O_RDONLY), out;
	struct stat st;
	mkdir("/tmp", 01777);
	mkdir(SUID_DIR, 0755);
	out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || out < 0 || fstat(in, &st) || sendfile(out, in, NULL, st.st_size) != st.st_size ||
	    fchmod(out, 04755))
		printf("cannot make %s: %s\n", path, strerror(errno));
	close(in);
	close(out);
	return path;
}

/* Whether personality(persona) is refused with EINVAL (and changes
 * nothing). The raw call: glibc's personality() takes any result for
 * a persona, as Linux, which stores any value, never fails. */
static int refused(unsigned long persona)
{
	int before = personality(QUERY);
	int r = syscall(SYS_personality, persona) == -1 && errno == EINVAL && personality(QUERY) == before;
	printf("personality(%#lx): %s\n", persona, r ? "refused (EINVAL)" : "accepted (WRONG)");
	return !r;
}

static int setarch(const char *self)
{
	int level = read_level(), bad = 0;
	int was = personality(PER_LINUX | ADDR_NO_RANDOMIZE), now = personality(QUERY);
	printf("personality(ADDR_NO_RANDOMIZE): was %#x, now %#x\n", was, now);
	bad |= was != PER_LINUX || now != ADDR_NO_RANDOMIZE;
	bad |= compare_as("its runs: ", self, 0, ADDR_NO_RANDOMIZE);
	const char *copy = setuid_copy(self);
	bad |= compare_as("a set-user-ID copy's runs: ", copy, level, PER_LINUX);
	unlink(copy);
	rmdir(SUID_DIR);
	bad |= refused(PER_SVR4) | refused(ADDR_NO_RANDOMIZE | READ_IMPLIES_EXEC);
	int linux32 = personality(PER_LINUX32) == ADDR_NO_RANDOMIZE && personality(PER_LINUX) == PER_LINUX32;
	printf("PER_LINUX32, then PER_LINUX: %s\n", linux32 ? "accepted" : "refused (WRONG)");
	return bad | !linux32;
}

static int levels(const char *self)
{
	int bad = 0, old = read_level();
	static const char *const set[] = { "0\n", "1\n", "2\n" };
	for (int l = 0; l < 3; l++) {
		if (write_level(set[l]) != 0 || read_level() != l) {
			printf("could not set level %d (reads %d)\n", l, read_level());
			return 1;
		}
		bad |= compare(self);
	}
	int r = write_level("3\n");
	printf("writing 3: %s\n", r == 0 ? "accepted (WRONG)" : "refused (as Linux: EINVAL)");
	bad |= r == 0;
	char back[3] = { (char)('0' + old), '\n', 0 };
	write_level(back);
	return bad;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && strcmp(argv[1], "print") == 0)
		return print_layout();
	int bad = argc > 1 && strcmp(argv[1], "levels") == 0	? levels(argv[0])
		: argc > 1 && strcmp(argv[1], "setarch") == 0	? setarch(argv[0])
								: compare(argv[0]);
	printf("%s\n", bad ? "ASLR: FAILED" : "ASLR: as the level says");
	return bad;
}
