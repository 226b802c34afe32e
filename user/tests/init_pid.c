/*
 * init_pid.c - regression test "first_process_is_pid_1", run as the first
 * program (init=/tests/bin/init_pid) by the system tests, not from
 * tests/user/list (on the host it is not init, so there is no oracle).
 *
 * What went wrong: the first process was pid 2. Pids are thread ids, and
 * the idle thread, made at boot before init, took tid 1. On Linux init is
 * pid 1 and its parent is the idle/swapper task, pid 0; orphans will be
 * handed to pid 1 once signals land, so programs (and busybox's init) may
 * rely on the number. Prints both ids and exits 0 only if they are 1 and 0.
 */
#include <stdio.h>
#include <unistd.h>

#define INIT_PID 1
#define KERNEL_PID 0

int main(void)
{
    pid_t pid = getpid(), ppid = getppid();
    printf("init: getpid() = %d, getppid() = %d\n", (int)pid, (int)ppid);
    return pid == INIT_PID && ppid == KERNEL_PID ? 0 : 1;
}
