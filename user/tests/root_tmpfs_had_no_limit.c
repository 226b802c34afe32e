/*
 * root_tmpfs_had_no_limit.c - filling the root file system (issues 15
 * and 18: "a full RAM file system gets ENOSPC ... the kernel and other
 * processes carry on"). Every tmpfs mount had Linux's default limit of
 * half of memory, but the root tmpfs, unpacked from the boot archive,
 * had none: a program writing to / until it failed took every free frame
 * and ended in an out-of-memory kill (of itself or of another process)
 * instead of ENOSPC. Now the root gets what Linux's rootfs gets (it is
 * mounted without SB_KERNMOUNT, so shmem's defaults apply): half of
 * memory in blocks and as many inodes. The write stops at ENOSPC after
 * about what statfs said was free, an empty file can still be made, a
 * child still forks and runs, and after rm the blocks are free again.
 * With the argument "frames" (tests/system/run.py, booted norandmaps) it
 * fills and empties / twice and says whether the free-frame count after
 * the second rm is the one after the first (the first round grows the
 * kernel's heap for the file's page tree: not a leak). Linux's output is
 * kept (tests/user/expected: the host's / is no tmpfs).
 */
#include "vfs_scratch.h"
#include <stdbool.h>
#include <stdlib.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>

#define PAGE  4096
#define CHUNK (64 * 1024)
#define FILL  "/root_tmpfs_had_no_limit.fill"

static char chunk[CHUNK];
static char meminfo[4096];

/* MemFree in pages, read without stdio (no heap of its own). */
static long free_frames(void)
{
	int fd = open("/proc/meminfo", O_RDONLY);
	long n = fd >= 0 ? read(fd, meminfo, sizeof(meminfo) - 1) : -1;
	close(fd);
	meminfo[n > 0 ? n : 0] = '\0';
	char *at = strstr(meminfo, "MemFree:");
	return at ? strtol(at + 8, NULL, 10) / 4 : -1;
}

static long free_blocks(void)
{
	struct statfs s;
	return statfs("/", &s) == 0 ? (long)s.f_bfree : -1;
}

/* Write FILL until a write fails: the pages written; the errno in *err. */
static long fill(int *err)
{
	int fd = open(FILL, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	long written = 0, r = 0;
	while (fd >= 0 && (r = write(fd, chunk, CHUNK)) > 0)
		written += r;
	*err = fd < 0 || r < 0 ? errno : 0;
	close(fd);
	return written / PAGE;
}

static bool about(long a, long b)
{
	return labs(a - b) <= b / 50;        /* within 2% */
}

static void limit_is_half_of_memory(void)
{
	struct statfs s;
	struct sysinfo si;
	statfs("/", &s);
	sysinfo(&si);
	long pages = (long)((unsigned long long)si.totalram * si.mem_unit / PAGE);
	/* Linux takes half of the memory it had when it mounted the root, a
	 * little less than it has after boot. */
	printf("/: blocks about half of memory: %s\n", labs(2 * (long)s.f_blocks - pages) <= pages / 20 ? "yes" : "no");
	printf("/: inodes as many as blocks: %s\n", s.f_files == s.f_blocks ? "yes" : "no");
}

/* A child forks, runs and is reaped while / is full. */
static void child_runs(void)
{
	int status = -1;
	pid_t pid = fork();
	if (pid == 0)
		_exit(42);
	waitpid(pid, &status, 0);
	printf("a child while full: %s\n", WIFEXITED(status) && WEXITSTATUS(status) == 42 ? "ran" : "did not run");
}

static void while_full(void)
{
	printf("full: no free block left: %s\n", free_blocks() == 0 ? "yes" : "no");
	int fd = open("/root_tmpfs_had_no_limit.empty", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	printf("an empty file: %s\n", fd >= 0 ? "made" : strerrorname_np(errno));
	if (fd >= 0) {
		printf("a byte in it: %s\n", write(fd, "x", 1) == 1 ? "written" : strerrorname_np(errno));
		close(fd);
		unlink("/root_tmpfs_had_no_limit.empty");
	}
	child_runs();
}

/* Fill / and empty it again: the free frames after the rm. */
static long round_trip(bool report)
{
	int err;
	long before = free_blocks(), pages = fill(&err);
	if (report) {
		printf("filling /: %s\n", err ? strerrorname_np(err) : "no error");
		printf("written about what was free: %s\n", about(pages, before) ? "yes" : "no");
		while_full();
	}
	SHOW(unlink(FILL));
	if (report)
		printf("after rm: the free blocks are back: %s\n", free_blocks() == before ? "yes" : "no");
	return free_frames();
}

int main(int argc, char **argv)
{
	bool frames = argc > 1 && strcmp(argv[1], "frames") == 0;
	memset(chunk, 'r', sizeof(chunk));
	free_frames();
	limit_is_half_of_memory();
	long first = round_trip(true);
	if (frames) {
		long second = round_trip(false);
		printf("frames after the second rm: %s (%ld, %ld)\n", first == second ? "the same" : "differ",
		       first, second);
	}
	return 0;
}
