/*
 * madvise_dontneed.c - regression test for "madvise(MADV_DONTNEED) succeeds
 * silently": the pages were kept, so the next read saw the old bytes. On
 * Linux the pages are dropped: private anonymous memory reads zeros again,
 * a private file mapping (program data) reads the file's bytes again, and a
 * shared mapping keeps its contents. Unknown advice is EINVAL; the hints
 * succeed; a range with a hole is ENOMEM (the mapped part is still done).
 * Guest only (tests/kernel/user_test.c has Linux's output): qemu-user, the
 * host oracle here, accepts any advice.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)

static unsigned char data[2 * PAGE] __attribute__((aligned(PAGE))) = {
	[0] = 1, [PAGE] = 2, [2 * PAGE - 1] = 3,
};

static const char *result(int r)
{
	return r == 0 ? "0" : errno == EINVAL ? "EINVAL" : errno == ENOMEM ? "ENOMEM" : "other";
}

int main(void)
{
	unsigned char *a = mmap(NULL, 2 * PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(a, 0x77, 2 * PAGE);
	printf("anonymous DONTNEED: %s\n", result(madvise(a, 2 * PAGE, MADV_DONTNEED)));
	printf("anonymous reads: %d %d\n", a[0], a[2 * PAGE - 1]);

	memset(data, 0x55, sizeof(data));
	printf("program data DONTNEED: %s\n", result(madvise(data, sizeof(data), MADV_DONTNEED)));
	printf("program data reads: %d %d %d %d\n", data[0], data[1], data[PAGE], data[2 * PAGE - 1]);

	unsigned char *s = mmap(NULL, PAGE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	memset(s, 0x33, PAGE);
	printf("shared DONTNEED: %s\n", result(madvise(s, PAGE, MADV_DONTNEED)));
	printf("shared reads: %d\n", s[0]);

	printf("WILLNEED: %s\n", result(madvise(a, PAGE, MADV_WILLNEED)));
	printf("SEQUENTIAL: %s\n", result(madvise(a, PAGE, MADV_SEQUENTIAL)));
	printf("unknown advice 999: %s\n", result(madvise(a, PAGE, 999)));
	printf("unaligned address: %s\n", result(madvise(a + 1, PAGE, MADV_DONTNEED)));
	munmap(a + PAGE, PAGE);
	printf("range with a hole: %s\n", result(madvise(a, 2 * PAGE, MADV_DONTNEED)));
	printf("WILLNEED over the hole: %s\n", result(madvise(a, 2 * PAGE, MADV_WILLNEED)));
	return 0;
}
