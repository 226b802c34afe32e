/*
 * mmap_past_4gib_was_eoverflow.c - mmap2 of a file at an offset past 4 GiB
 * (pgoff * 4096 > 2^32) was EOVERFLOW (issue 15): an area kept the byte
 * offset of its file in 32 bits, while files reach 16 TiB - 4 KiB
 * (fs/page_tree.c). Linux's area keeps a page number (vm_pgoff), and so
 * does ours now. A sparse file on a tmpfs gets data at 5 GiB (pwrite64,
 * and _llseek + write), mapped there MAP_PRIVATE and MAP_SHARED: both see
 * it, a shared store reaches the file and a private one does not, a later
 * write reaches both, /proc/self/maps shows the offset, and a truncation
 * takes the page out of the mappings (mincore). mmap2's last page number
 * is 2^32 - 1: an area ending there maps, one past is EOVERFLOW. Linux is
 * the oracle (tests/user/expected/): the host's /tmp is no i386 tmpfs.
 */
#include "vfs_scratch.h"
#include <stdint.h>
#include <sys/mman.h>
#include <sys/mount.h>

#define GIB      (1ull << 30)
#define AT       (5 * GIB)                  /* the data's offset */
#define PG       4096u
#define LAST_PG  0xffffffffu                /* mmap2's largest page number */

static long mmap2(void *addr, size_t len, int prot, int flags, int fd, unsigned long pgoff)
{
	return syscall(SYS_mmap2, addr, len, prot, flags, fd, pgoff);
}

/* The offset field of the /proc/self/maps line of the area at p. */
static void show_maps_offset(const char *what, const void *p)
{
	char line[256], want[16], off[32] = "(no line)";
	snprintf(want, sizeof(want), "%08lx-", (unsigned long)(uintptr_t)p);
	FILE *f = fopen("/proc/self/maps", "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, want, strlen(want)))
			sscanf(line, "%*s %*s %31s", off);
	if (f)
		fclose(f);
	printf("%s: maps offset %s\n", what, off);
}

static void write_at_5gib(int fd)
{
	SHOW(pwrite64(fd, "pwrite64 at 5 GiB", 17, AT));
	int64_t pos;
	SHOW(syscall(SYS__llseek, fd, (unsigned long)((AT + 100) >> 32),
		     (unsigned long)(AT + 100), &pos, SEEK_SET));
	printf("_llseek to %llu\n", (unsigned long long)pos);
	SHOW(write(fd, "llseek+write", 12));
	SHOW(ftruncate64(fd, AT + PG));           /* the whole page: stores in it count */
}

static void map_both(int fd)
{
	char *sh = (char *)mmap2(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, AT / PG);
	char *pr = (char *)mmap2(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, AT / PG);
	if (sh == MAP_FAILED || pr == MAP_FAILED) {
		printf("mmap2 at 5 GiB: shared %s, private %s\n", sh == MAP_FAILED ? "failed" : "ok",
		       pr == MAP_FAILED ? strerrorname_np(errno) : "ok");
		return;
	}
	printf("shared sees \"%.17s\" and \"%.12s\"\n", sh, sh + 100);
	printf("private sees \"%.17s\" and \"%.12s\"\n", pr, pr + 100);
	show_maps_offset("shared", sh);
	memcpy(sh + 200, "stored in the shared map", 24);
	memcpy(pr + 300, "stored in the private map", 25);
	char buf[32] = "";
	SHOW(pread64(fd, buf, 24, AT + 200));
	printf("the file at 5 GiB + 200: \"%s\"\n", buf);
	memset(buf, 0, sizeof(buf));
	SHOW(pread64(fd, buf, 25, AT + 300));
	printf("the file at 5 GiB + 300 (private store): \"%s\" (%d bytes)\n", buf, (int)strlen(buf));
	SHOW(pwrite64(fd, "late", 4, AT + 400));
	printf("after a write: shared \"%.4s\", private \"%.4s\"\n", sh + 400, pr + 400);
	unsigned char in = 9;
	SHOW(ftruncate64(fd, AT));                /* the mapped page is past the end now */
	SHOW(mincore(sh, PG, &in));
	printf("after truncating to 5 GiB: shared page resident %d\n", in & 1);
	SHOW(munmap(sh, PG));
	SHOW(munmap(pr, PG));
}

/* The largest page numbers: an area may end at page 2^32 - 1, not past. */
static void last_pages(int fd)
{
	long p = mmap2(NULL, PG, PROT_READ, MAP_SHARED, fd, LAST_PG - 1);
	printf("mmap2 at page 2^32 - 2: %s\n", p == -1 ? strerrorname_np(errno) : "ok");
	if (p != -1)
		show_maps_offset("page 2^32 - 2", (void *)p), munmap((void *)p, PG);
	p = mmap2(NULL, PG, PROT_READ, MAP_SHARED, fd, LAST_PG);
	printf("mmap2 at page 2^32 - 1: %s\n", p == -1 ? strerrorname_np(errno) : "ok");
	p = mmap2(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, LAST_PG - 1);
	printf("mmap2 of 2 pages at page 2^32 - 2: %s\n", p == -1 ? strerrorname_np(errno) : "ok");
}

int main(void)
{
	scratch_enter("mmap_past_4gib_was_eoverflow");
	SHOW(mkdir("m", 0755));
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	int fd = SHOW(open("m/sparse", O_RDWR | O_CREAT | O_LARGEFILE, 0644));
	write_at_5gib(fd);
	map_both(fd);
	last_pages(fd);
	close(fd);
	SHOW(unlink("m/sparse"));
	SHOW(umount("m"));
	SHOW(rmdir("m"));
	scratch_leave();
	return 0;
}
