/*
 * tmpfs_size_was_ignored.c - tmpfs's size= (issue 18: a full disk). mount
 * took the options string and read none of it, so `mount -t tmpfs -o
 * size=16k` made a file system bounded only by memory, and a program
 * writing more than free memory into a new tmpfs ran the machine out of
 * frames instead of getting ENOSPC. Now size= (bytes, K/M/G, N% of
 * memory) bounds the pages its files own: a write is short at the limit,
 * then ENOSPC; statfs counts the blocks; /proc/mounts shows size=; a
 * remount may grow it, not below what is in use, nor limit an unlimited
 * one; a bad value is EINVAL; holes take no room; a shared mapping's
 * hole touched when it is full is SIGBUS (Linux's shmem_fault), not an
 * out-of-memory kill. Without size= a tmpfs gets half of memory, Linux's
 * default. Linux's output is kept (tests/user/expected: the host cannot
 * mount).
 */
#include "vfs_scratch.h"
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/sysinfo.h>
#include <sys/vfs.h>

#define PAGE 4096

static void show_blocks(const char *when)
{
	struct statfs s;
	if (statfs("m", &s) != 0)
		printf("%s: statfs: %s\n", when, strerrorname_np(errno));
	else
		printf("%s: %ld blocks, %ld free\n", when, (long)s.f_blocks, (long)s.f_bfree);
}

/* The size= option of scratch/m's /proc/mounts line, or "none". */
static void show_size_option(void)
{
	char line[512], want[128], found[64] = "none";
	snprintf(want, sizeof(want), " %s/m ", scratch);
	FILE *f = fopen("/proc/mounts", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (!strstr(line, want))
			continue;
		char *at = strstr(line, ",size=");
		if (at)
			snprintf(found, sizeof(found), "%.*s", (int)strcspn(at + 1, ", "), at + 1);
	}
	if (f)
		fclose(f);
	printf("/proc/mounts: %s\n", found);
}

/* Write n bytes at off into m/NAME (made if missing): the count or errno. */
static void write_at(const char *name, long n, long off)
{
	char path[64];
	char *buf = calloc(1, (size_t)n);
	snprintf(path, sizeof(path), "m/%s", name);
	int fd = open(path, O_WRONLY | O_CREAT, 0644);
	printf("write %ld at %ld to %s: ", n, off, name);
	SHOW(pwrite(fd, buf, (size_t)n, off));
	close(fd);
	free(buf);
}

static void fill_and_free(void)
{
	SHOW(mount("none", "m", "tmpfs", 0, "mode=755,size=16k"));
	show_blocks("empty");
	show_size_option();
	write_at("a", 5 * PAGE, 0);                   /* short: 4 pages fit */
	write_at("a", 1, 4 * PAGE);                   /* full: ENOSPC */
	show_blocks("full");
	write_at("b", 1, 0);                          /* a new file: no room either */
	SHOW(truncate("m/a", PAGE));
	show_blocks("a cut to one page");
	write_at("a", 2 * PAGE, PAGE);
	write_at("hole", 1, 1 << 20);                 /* a sparse file: one page */
	show_blocks("a three pages, hole one");
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "size=8k"));    /* below use */
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "size=64k"));
	show_blocks("grown to 64k");
	show_size_option();
	write_at("a", 4 * PAGE, 3 * PAGE);
	show_blocks("a seven pages");
	SHOW(unlink("m/a"));
	SHOW(unlink("m/b"));
	SHOW(unlink("m/hole"));
	show_blocks("all gone");
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "size=0"));     /* no limit */
	show_size_option();
	SHOW(mount("none", "m", NULL, MS_REMOUNT, "size=16k"));   /* not retroactively */
	SHOW(umount("m"));
}

static sigjmp_buf bus_jump;

static void on_bus(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	printf("%s, %s\n", sig == SIGBUS ? "SIGBUS" : "another signal",
	       si->si_code == BUS_ADRERR ? "BUS_ADRERR" : "another code");
	siglongjmp(bus_jump, 1);
}

/* A shared mapping of a sparse file on a tmpfs with room for two pages:
 * the third page touched has no room. */
static void mapped_hole_when_full(void)
{
	struct sigaction sa = { .sa_sigaction = on_bus, .sa_flags = SA_SIGINFO };
	SHOW(mount("none", "m", "tmpfs", 0, "size=8k"));
	int fd = open("m/map", O_RDWR | O_CREAT, 0644);
	SHOW(ftruncate(fd, 4 * PAGE));
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	sigaction(SIGBUS, &sa, NULL);
	for (int i = 0; i < 4; i++) {
		printf("page %d: ", i);
		fflush(stdout);
		if (sigsetjmp(bus_jump, 1) == 0) {
			p[i * PAGE] = 1;
			printf("written\n");
		}
	}
	show_blocks("mapped");
	munmap(p, 4 * PAGE);
	close(fd);
	SHOW(unlink("m/map"));
	SHOW(umount("m"));
}

static void bad_values(void)
{
	const char *bad[] = { "size=", "size=12q", "size=1kk", "size=-1" };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		printf("%s: ", bad[i]);
		SHOW(mount("none", "m", "tmpfs", 0, bad[i]));
	}
}

/* Without size=: half of memory (Linux's shmem_default_max_blocks). */
static void default_size(void)
{
	struct sysinfo si;
	struct statfs s;
	sysinfo(&si);
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	statfs("m", &s);
	unsigned long long pages = (unsigned long long)si.totalram * si.mem_unit / PAGE;
	printf("default: half of memory: %s\n", (unsigned long long)s.f_blocks == pages / 2 ? "yes" : "no");
	show_size_option();
	SHOW(umount("m"));
	SHOW(mount("none", "m", "tmpfs", 0, "size=50%"));
	statfs("m", &s);
	printf("size=50%%: half of memory: %s\n", (unsigned long long)s.f_blocks == (pages + 1) / 2 ? "yes" : "no");
	SHOW(umount("m"));
}

int main(void)
{
	scratch_enter("tmpfs_size_was_ignored");
	mkdir("m", 0755);
	fill_and_free();
	mapped_hole_when_full();
	bad_values();
	default_size();
	rmdir("m");
	scratch_leave();
	return 0;
}
