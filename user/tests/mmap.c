/*
 * mmap.c - anonymous memory mappings: mmap2 (reads zero, write/read back),
 * munmap, mmap at a hint, mprotect RO and back to RW, mremap grow keeping
 * the contents, and munmap of the middle page of a 3-page mapping.
 * Prints one line per step; no addresses.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE 4096
#define BIG (64 * 1024)
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

#define CHECK(cond, what) do { if (!(cond)) { \
    printf("FAIL: %s\n", what); return 1; } } while (0)

static int all_equal(const unsigned char *p, size_t n, unsigned char v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return 0;
    return 1;
}

int main(void)
{
    unsigned char *p = mmap(NULL, BIG, RW, ANON, -1, 0);
    CHECK(p != MAP_FAILED, "mmap 64 KiB");
    CHECK(all_equal(p, BIG, 0), "fresh mapping reads zero");
    for (size_t i = 0; i < BIG; i++)
        p[i] = (unsigned char)(i * 7);
    for (size_t i = 0; i < BIG; i++)
        CHECK(p[i] == (unsigned char)(i * 7), "read back what was written");
    printf("mmap 64 KiB: zero, write/read ok\n");
    CHECK(munmap(p, BIG) == 0, "munmap 64 KiB");
    printf("munmap ok\n");

    /* The range just freed is a hint that is certainly free. */
    unsigned char *q = mmap(p, PAGE, RW, ANON, -1, 0);
    CHECK(q == p, "mmap at a free hint returns the hint");
    CHECK(all_equal(q, PAGE, 0), "hinted mapping reads zero");
    printf("mmap at hint ok\n");

    memset(q, 0x5A, PAGE);
    CHECK(mprotect(q, PAGE, PROT_READ) == 0, "mprotect PROT_READ");
    CHECK(all_equal(q, PAGE, 0x5A), "read-only page still readable");
    CHECK(mprotect(q, PAGE, RW) == 0, "mprotect back to RW");
    q[0] = 1;
    CHECK(q[0] == 1, "write after mprotect RW");
    printf("mprotect ro/rw ok\n");

    q[0] = 0x5A;
    unsigned char *r = mremap(q, PAGE, 4 * PAGE, MREMAP_MAYMOVE);
    CHECK(r != MAP_FAILED, "mremap grow");
    CHECK(all_equal(r, PAGE, 0x5A), "mremap kept the contents");
    CHECK(all_equal(r + PAGE, 3 * PAGE, 0), "mremap new part reads zero");
    memset(r + PAGE, 0x33, 3 * PAGE);
    CHECK(munmap(r, 4 * PAGE) == 0, "munmap remapped");
    printf("mremap grow ok\n");

    unsigned char *t = mmap(NULL, 3 * PAGE, RW, ANON, -1, 0);
    CHECK(t != MAP_FAILED, "mmap 3 pages");
    memset(t, 0x11, 3 * PAGE);
    CHECK(munmap(t + PAGE, PAGE) == 0, "munmap middle page");
    CHECK(all_equal(t, PAGE, 0x11) && all_equal(t + 2 * PAGE, PAGE, 0x11),
          "outer pages kept after partial munmap");
    /* The hole is free: a mapping hinted there lands exactly in it. */
    unsigned char *hole = mmap(t + PAGE, PAGE, RW, ANON, -1, 0);
    CHECK(hole == t + PAGE, "middle page is unmapped");
    CHECK(all_equal(hole, PAGE, 0), "new middle page reads zero");
    CHECK(munmap(t, 3 * PAGE) == 0, "munmap all 3 pages");
    printf("munmap middle page ok\n");
    return 0;
}
