/*
 * brk.c - the program break: grow it by 1 MiB in steps with sbrk(), touch
 * every page, shrink it back with brk(), then grow it again and check the
 * re-grown memory reads as zero. Nothing is printed until the end, so that
 * stdio's buffer allocation cannot move the break under our feet.
 */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#define PAGE_SIZE 4096
#define GROW_TOTAL (1024 * 1024)
#define GROW_STEP (64 * 1024)
#define FILL 0xA5

static const char *grow(char *base)
{
    for (int off = 0; off < GROW_TOTAL; off += GROW_STEP) {
        char *p = sbrk(GROW_STEP);
        if (p == (char *)-1)
            return "sbrk grow failed";
        if (p != base + off)
            return "sbrk returned a non-contiguous block";
    }
    if (sbrk(0) != base + GROW_TOTAL)
        return "break not at base + 1 MiB";
    return NULL;
}

int main(void)
{
    char *base = sbrk(0);
    const char *err = grow(base);
    for (int off = 0; !err && off < GROW_TOTAL; off += PAGE_SIZE) {
        if (base[off] != 0 || base[off + PAGE_SIZE - 1] != 0)
            err = "fresh brk memory is not zero";
        base[off] = (char)FILL;
        base[off + PAGE_SIZE - 1] = (char)FILL;
    }
    if (!err && brk(base) != 0)
        err = "brk shrink failed";
    if (!err && sbrk(0) != base)
        err = "break not back at base after shrink";
    if (!err)
        err = grow(base);
    for (int off = 0; !err && off < GROW_TOTAL; off += PAGE_SIZE)
        if (base[off] != 0 || base[off + PAGE_SIZE - 1] != 0)
            err = "re-grown brk memory is not zero";
    if (!err && brk(base) != 0)
        err = "final brk shrink failed";
    if (err) {
        printf("FAIL: %s\n", err);
        return 1;
    }
    printf("brk ok\n");
    return 0;
}
