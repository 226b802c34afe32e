/*
 * msync_mincore.c - msync and mincore (issue 15): their argument checks
 * as Linux makes them (EINVAL for bad flags or an address inside a page,
 * ENOMEM for a range with no mapping, EFAULT for a bad vector), msync on
 * every kind of mapping, and which pages mincore calls resident.
 */
#include "vfs_scratch.h"
#include <sys/mman.h>

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)

static void show_vec(const char *what, void *p, size_t len)
{
	unsigned char vec[8] = { 0 };
	int r = mincore(p, len, vec);
	printf("mincore %s: ", what);
	if (r < 0)
		printf("%s", strerrorname_np(errno));
	else
		for (size_t i = 0; i < (len + PAGE - 1) / PAGE; i++)
			printf("%d", vec[i] & 1);
	printf("\n");
}

int main(void)
{
	scratch_enter("msync_mincore");
	char *a = mmap(NULL, 4 * PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SHOW(munmap(a + 2 * PAGE, PAGE));        /* a hole at page 2 */
	SHOW(msync(a, PAGE, MS_SYNC));
	SHOW(msync(a, PAGE, MS_ASYNC));
	SHOW(msync(a, PAGE, 0));
	SHOW(msync(a, 0, MS_SYNC));
	SHOW(msync(a + 1, PAGE, MS_SYNC));
	SHOW(msync(a, PAGE, 8));
	SHOW(msync(a, PAGE, MS_SYNC | MS_ASYNC));
	SHOW(msync(a, 1, MS_INVALIDATE));
	SHOW(msync(a, 4 * PAGE, MS_SYNC));
	SHOW(msync(a, 4 * PAGE, MS_ASYNC));
	SHOW(msync(a, 3 * PAGE, MS_SYNC | MS_INVALIDATE));
	SHOW(msync(a + 2 * PAGE, PAGE, MS_ASYNC));
	SHOW(msync(a, -PAGE, MS_ASYNC));

	a[0] = 1;
	show_vec("anon, page 0 touched", a, 2 * PAGE);
	show_vec("over the hole", a, 4 * PAGE);
	show_vec("inside a page", a + 1, PAGE);
	show_vec("length 0", a, 0);
	SHOW(mincore(a, PAGE, (unsigned char *)8));
	SHOW(mincore(a, 0xc0000000u, (unsigned char *)a));

	char *s = mmap(NULL, 2 * PAGE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	s[PAGE] = 1;
	show_vec("shared anon, page 1 touched", s, 2 * PAGE);
	SHOW(msync(s, 2 * PAGE, MS_SYNC));

	int fd = open("f", O_CREAT | O_RDWR, 0644);
	char page[PAGE];
	memset(page, 'x', sizeof(page));
	SHOW(write(fd, page, PAGE));
	SHOW(pwrite(fd, page, 10, 2 * PAGE));   /* page 1: a hole */
	char *f = mmap(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	show_vec("file mapping, nothing touched", f, 4 * PAGE);
	SHOW(msync(f, 4 * PAGE, MS_SYNC));
	munmap(f, 4 * PAGE);
	munmap(s, 2 * PAGE);
	munmap(a, 4 * PAGE);
	close(fd);
	unlink("f");
	scratch_leave();
	return 0;
}
