/*
 * oom_victim.c - system calls whose user copies need a fresh page, for the
 * in-guest test user.oom_inside_a_system_call_leaks_nothing, which makes
 * one frame allocation after another fail while this runs (guest only).
 *
 * write from, and read into, bss pages never touched before (the copy
 * faults them in), fork, and execve of itself with an argument string in
 * another untouched page. A call that fails sets a bit; the exit status
 * (passed on through execve) says which calls failed.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define WRITE_FAILED  1
#define READ_FAILED   2
#define FORK_FAILED   4
#define EXECVE_FAILED 8

/* In bss, a page each, untouched until a call copies to or from them. */
static char src[PAGE] __attribute__((aligned(PAGE)));
static char dst[PAGE] __attribute__((aligned(PAGE)));
static char arg[PAGE] __attribute__((aligned(PAGE)));

int main(int argc, char **argv, char **envp)
{
    if (argc > 2)                               /* the exec'd image */
        return atoi(argv[1]);
    int bits = 0, fds[2];
    if (pipe(fds) == 0) {
        bits |= write(fds[1], src, PAGE) != PAGE ? WRITE_FAILED : 0;
        if (!(bits & WRITE_FAILED))             /* else the read would wait for ever */
            bits |= read(fds[0], dst, PAGE) < 0 ? READ_FAILED : 0;
    }
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    if (pid < 0)
        bits |= FORK_FAILED;
    else
        waitpid(pid, NULL, 0);
    char status[3] = { '0' + bits / 10, '0' + bits % 10, 0 };
    char *args[] = { argv[0], status, arg, NULL };
    execve(argv[0], args, envp);
    return bits | EXECVE_FAILED;
}
