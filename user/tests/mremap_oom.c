/*
 * mremap_oom.c - mremap when memory has really run out (the companion of
 * the in-guest uvm.mremap_failing_allocation_loses_nothing, which fails
 * each allocation in turn): memory is used up with MAP_SHARED mappings
 * (made whole at once, refused cleanly), one page is given back, and an
 * area whose pages need three new page tables is moved: -ENOMEM, and the
 * old area is whole. With the memory back the same mremap succeeds and the
 * data moves along. Guest only: how much memory there is differs on the host.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)
#define FILLERS 256
#define GROWN (256u << 20)            /* spans page tables nobody has made */

static void *filler[FILLERS];
static size_t filler_len[FILLERS];

/* Take memory until not even one page is left; the number of mappings. */
static int use_up_memory(void)
{
	int n = 0;
	for (size_t len = 16u << 20; len >= PAGE && n < FILLERS; ) {
		void *p = mmap(NULL, len, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			len /= 2;
			continue;
		}
		filler[n] = p;
		filler_len[n++] = len;
	}
	return n;
}

#define AREA (12u << 20)             /* the moved pages need three page tables */
#define STRIDE (1u << 20)            /* one touched page per MiB */

static void fill(unsigned char *p)
{
	for (unsigned off = 0; off < AREA; off += STRIDE)
		p[off] = (unsigned char)(off / STRIDE + 1);
}

static int intact(const unsigned char *p)
{
	for (unsigned off = 0; off < AREA; off += STRIDE)
		if (p[off] != (unsigned char)(off / STRIDE + 1))
			return 0;
	return 1;
}

int main(void)
{
	unsigned char *a = mmap(NULL, AREA, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	fill(a);
	int n = use_up_memory();
	/* One page back: enough for one new page table, not for all. */
	if (n > 0 && filler_len[n - 1] == PAGE)
		munmap(filler[--n], PAGE);
	unsigned char *r = mremap(a, AREA, GROWN, MREMAP_MAYMOVE);
	int err = errno;
	int kept = intact(r == MAP_FAILED ? a : r);
	for (int i = 0; i < n; i++)
		munmap(filler[i], filler_len[i]);
	printf("out of memory: %s, data %s\n",
	       r == MAP_FAILED && err == ENOMEM ? "ENOMEM" : "no ENOMEM", kept ? "intact" : "LOST");
	if (r != MAP_FAILED)
		return 1;
	unsigned char *b = mremap(a, AREA, GROWN, MREMAP_MAYMOVE);
	printf("memory back: %s, data %s\n", b == MAP_FAILED ? "failed" : "moved",
	       b != MAP_FAILED && intact(b) ? "intact" : "LOST");
	return 0;
}
