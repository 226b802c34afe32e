/*
 * mremap_keeps_data.c - regression test for "mremap loses data". A moved or
 * grown area was re-created without its backing, so the pages of program
 * data (an ELF area) that had not been touched yet came back as zeros
 * instead of the file's bytes; touched pages and anonymous memory must
 * survive too. Linux keeps everything: a moved file mapping goes on
 * mapping the same file bytes, and grown, the bytes that follow.
 * Guest only (tests/kernel/user_test.c has Linux's output): qemu-user, the
 * host oracle here, can neither grow a mapping in place nor move this one.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)

/* Three whole pages of initialized data, each page's first and last byte
 * set in the file. Only the first page is touched before the move. */
static unsigned char data[3 * PAGE] __attribute__((aligned(PAGE))) = {
	[0] = 1, [PAGE - 1] = 11, [PAGE] = 2, [2 * PAGE - 1] = 22,
	[2 * PAGE] = 3, [3 * PAGE - 1] = 33,
};

static void show(const char *what, const unsigned char *p, int pages)
{
	printf("%s:", what);
	for (int i = 0; i < pages; i++)
		printf(" %d/%d", p[i * PAGE], p[i * PAGE + PAGE - 1]);
	printf("\n");
}

int main(void)
{
	data[1] = 9;                            /* the first page is now private */
	/* The third page follows, so two pages cannot grow in place: a move. */
	unsigned char *d = mremap(data, 2 * PAGE, 5 * PAGE, MREMAP_MAYMOVE);
	if (d == MAP_FAILED) {
		printf("FAIL: mremap of program data\n");
		return 1;
	}
	printf("moved: %s, first page's write kept: %s\n", d != data ? "yes" : "no",
	       d[1] == 9 ? "yes" : "no");
	show("program data after the move", d, 3);   /* the third: the file's next bytes */

	unsigned char *a = mmap(NULL, 4 * PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(a, 0x44, PAGE);
	memset(a + 2 * PAGE, 0x66, PAGE);       /* pages 1 and 3 stay untouched */
	munmap(a + 3 * PAGE, PAGE);             /* room to grow in place */
	unsigned char *g = mremap(a, 3 * PAGE, 4 * PAGE, 0);
	printf("anonymous grown in place: %s\n", g == a ? "yes" : "no");
	show("anonymous after growing", a, 4);
	unsigned char *m = mremap(a, 4 * PAGE, 64 * PAGE, MREMAP_MAYMOVE);
	show("anonymous after moving", m, 4);
	unsigned char *s = mremap(m, 64 * PAGE, PAGE, 0);
	printf("shrunk in place: %s\n", s == m ? "yes" : "no");
	printf("old size 0: %s\n", mremap(s, 0, PAGE, MREMAP_MAYMOVE) == MAP_FAILED ? "refused" : "mapped");
	show("anonymous after shrinking", s, 1);
	return 0;
}
