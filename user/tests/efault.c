/*
 * efault.c - system calls given bad user pointers fail with EFAULT instead
 * of faulting the kernel or the process. Raw syscall(2), so glibc cannot
 * check or intercept. The read test reads from a pipe holding data: a read
 * from /dev/null never touches the buffer, so Linux would return 0 there.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define LOW_BAD ((void *)0x1)
#define KERNEL_BASE ((void *)0xC0000000u)
#define KERNEL_PAGE ((void *)0xC0001000u)
#define TOP_PAGE ((void *)0xFFFFF000u)
#define LEN 10

static int failed;

static void expect_efault(const char *name, long ret)
{
    if (ret == -1 && errno == EFAULT) {
        printf("%s: EFAULT\n", name);
    } else {
        printf("FAIL: %s returned %ld (%s)\n", name, ret, strerror(errno));
        failed = 1;
    }
}

int main(void)
{
    int fds[2];

    errno = 0;
    expect_efault("write(1, 0x1)", syscall(SYS_write, 1, LOW_BAD, LEN));
    expect_efault("write(1, 0xC0000000)", syscall(SYS_write, 1, KERNEL_BASE, LEN));
    if (pipe(fds) != 0 || write(fds[1], "0123456789", LEN) != LEN) {
        printf("FAIL: pipe setup\n");
        return 1;
    }
    expect_efault("read(pipe, 0xFFFFF000)", syscall(SYS_read, fds[0], TOP_PAGE, LEN));
    expect_efault("uname(0x1)", syscall(SYS_uname, LOW_BAD));
    expect_efault("clock_gettime(MONOTONIC, 0xC0001000)",
                  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, KERNEL_PAGE));
    expect_efault("gettimeofday(0xC0000000)",
                  syscall(SYS_gettimeofday, KERNEL_BASE, NULL));
    return failed;
}
