/*
 * mremap_file_mapping.c - a file mapping that mremap grows, moves or cuts
 * keeps mapping the file at the same offsets: grown, its new pages are
 * the file's next pages; moved from its middle, it goes on from the
 * offset it had there (mm/uvm.c backing_moved: a mapping's backing has no
 * end, unlike an ELF segment's, which would have been dropped).
 */
#define _GNU_SOURCE
#include "vfs_scratch.h"
#include <sys/mman.h>

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)

int main(void)
{
	scratch_enter("mremap_file_mapping");
	int fd = open("f", O_CREAT | O_RDWR, 0644);
	char page[PAGE];
	for (int i = 0; i < 6; i++) {
		memset(page, 'a' + i, sizeof(page));
		write(fd, page, PAGE);
	}
	char *p = mmap(NULL, 2 * PAGE, RW, MAP_SHARED, fd, PAGE);
	char *block = mmap(p + 2 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	printf("mapped: %c %c, blocked above: %s\n", p[0], p[PAGE], block == MAP_FAILED ? "no" : "yes");
	char *q = mremap(p, 2 * PAGE, 4 * PAGE, MREMAP_MAYMOVE);
	printf("grown by moving: %s; pages %c %c %c %c\n", q == p ? "no" : "yes", q[0], q[PAGE], q[2 * PAGE], q[3 * PAGE]);
	q[3 * PAGE] = 'X';
	char c;
	SHOW(pread(fd, &c, 1, 4 * PAGE));
	printf("the file sees the store through the moved mapping: %c\n", c);
	char *r = mremap(q + 2 * PAGE, 2 * PAGE, 3 * PAGE, MREMAP_MAYMOVE);
	printf("its upper half moved and grown: %c %c %c\n", r[0], r[PAGE], r[2 * PAGE]);
	SHOW(pwrite(fd, "Y", 1, 5 * PAGE + 1));
	printf("and still the file's: %c\n", r[2 * PAGE + 1]);
	char *s = mremap(q, 2 * PAGE, PAGE, 0);
	printf("cut: %s, %c\n", s == q ? "in place" : "moved", s[0]);
	munmap(s, PAGE);
	munmap(r, 3 * PAGE);
	munmap(block, PAGE);
	close(fd);
	unlink("f");
	scratch_leave();
	return 0;
}
