/*
 * enosys.c - unknown system call numbers fail with ENOSYS (and do not
 * crash the kernel or the process).
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#define FAR_OUT_OF_RANGE 9999
#define UNASSIGNED 0x1ff

static int is_enosys(long nr)
{
    errno = 0;
    long ret = syscall(nr);
    if (ret == -1 && errno == ENOSYS)
        return 1;
    printf("FAIL: syscall(%ld) returned %ld, errno %d\n", nr, ret, errno);
    return 0;
}

int main(void)
{
    if (!is_enosys(FAR_OUT_OF_RANGE) || !is_enosys(UNASSIGNED))
        return 1;
    printf("enosys ok\n");
    return 0;
}
