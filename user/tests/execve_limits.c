/*
 * execve_limits.c - execve's limits on argv and envp are Linux's.
 *
 * What went wrong: the kernel copied every argument string into a buffer
 * of its own, one by one (up to 1024 strings of up to 32 KiB, per vector),
 * and only then checked the 128 KiB total: a small process whose 1024
 * argv pointers all name one 32 KiB string made it allocate 32 MiB per
 * vector before E2BIG. It also refused a 1025th argument and any string of
 * 32 KiB or more, which Linux takes. Linux measures first: one string with
 * its NUL at most 32 pages (MAX_ARG_STRLEN), all strings and pointers at
 * most a quarter of the stack rlimit (2 MiB), no limit on the count.
 *
 * Each case forks a child that calls execve on this program with the
 * case's vectors; the new image reports what it got ("exec'd: ..."), or
 * the child reports execve's error. The sizes stay clear of the exact
 * 2 MiB edge, where the pointers' size (4 or 8 bytes on the host) matters.
 *
 *   execve_limits            every case (compared with the host)
 *   execve_limits reject     only the refused ones, without forking (the
 *                            in-guest test measures what the kernel allocated)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define KIB             1024
#define STRLEN_MAX      (32 * 4096)          /* MAX_ARG_STRLEN, with the NUL */
#define CHILD_MARK      "--exec-child"

static char *self;
static char *big;                            /* STRLEN_MAX bytes, 'a'..'z', no NUL */

/* A string of len characters (a slice of big, NUL-terminated). */
static char *str(size_t len)
{
    char *s = malloc(len + 1);
    memcpy(s, big, len);
    s[len] = '\0';
    return s;
}

/* envp: n distinct variables "Ek=..." of len bytes each (qemu-user, the
 * host's oracle, keeps only one variable per name). */
static char **env(int n, size_t len)
{
    char **v = malloc((n + 1) * sizeof(char *));
    for (int i = 0; i < n; i++) {
        v[i] = str(len);
        v[i][0] = 'E';
        v[i][1] = 'a' + i;
        v[i][2] = '=';
    }
    v[n] = NULL;
    return v;
}

/* argv: the program, the child marker, then n copies of s. */
static char **vec(int n, char *s, int with_self)
{
    char **v = malloc((n + 3) * sizeof(char *));
    int k = 0;
    if (with_self) {
        v[k++] = self;
        v[k++] = CHILD_MARK;
    }
    for (int i = 0; i < n; i++)
        v[k++] = s;
    v[k] = NULL;
    return v;
}

static const char *err_name(int e)
{
    return e == E2BIG ? "E2BIG" : e == EFAULT ? "EFAULT" : e == ENOMEM ? "ENOMEM" : strerror(e);
}

/* What the new image got: counts and total bytes; contents checked. */
static int child(int argc, char **argv, char **envp)
{
    size_t bytes = 0, envc = 0;
    int ok = 1;
    for (int i = 2; i < argc; i++) {
        size_t n = strlen(argv[i]);
        bytes += n;
        ok &= memcmp(argv[i], big, n) == 0 || n == 0 || argv[i][0] == 'x';
    }
    for (char **e = envp; *e; e++, envc++)
        bytes += strlen(*e);
    printf("  exec'd: argc %d, %zu variables, %zu bytes, contents %s\n",
           argc, envc, bytes, ok ? "ok" : "WRONG");
    return 0;
}

static void run(const char *what, char **argv, char **envp)
{
    printf("%s\n", what);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execve(self, argv, envp);
        printf("  execve: %s\n", err_name(errno));
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
}

static void reject(const char *what, char **argv, char **envp)
{
    errno = 0;
    execve(self, argv, envp);
    printf("%s: execve: %s\n", what, err_name(errno));
}

static char *env0[] = { "HOME=/", NULL };

/* The refused cases: none may make the kernel allocate. */
static void rejects(void)
{
    char *s32k = str(32 * KIB - 1), *longest = str(STRLEN_MAX - 1);
    reject("one string of 32 pages + 1", vec(1, str(STRLEN_MAX), 1), env0);
    reject("1024 argv and 1024 envp pointers to one 32 KiB string",
           vec(1024, s32k, 1), vec(1024, s32k, 0));
    reject("17 strings of 32 pages", vec(17, longest, 1), env0);
    reject("9 in argv, 8 in envp, of 32 pages", vec(9, longest, 1), vec(8, longest, 0));
    reject("600000 empty strings", vec(600000, "", 1), env0);
}

int main(int argc, char **argv, char **envp)
{
    self = argv[0];
    big = malloc(STRLEN_MAX);
    for (int i = 0; i < STRLEN_MAX; i++)
        big[i] = 'a' + i % 26;
    if (argc > 1 && strcmp(argv[1], CHILD_MARK) == 0)
        return child(argc, argv, envp);
    if (argc > 1 && strcmp(argv[1], "reject") == 0) {
        rejects();
        return 0;
    }
    char *longest = str(STRLEN_MAX - 1), *x = "x";
    run("one string of 32 pages (with its NUL)", vec(1, longest, 1), env0);
    run("one string of 32 pages + 1", vec(1, str(STRLEN_MAX), 1), env0);
    run("1024 arguments", vec(1022, x, 1), env0);
    run("1025 arguments", vec(1023, x, 1), env0);
    run("100000 arguments", vec(99998, x, 1), env0);
    run("15 strings of 32 pages in argv (1.9 MiB)", vec(15, longest, 1), env0);
    run("8 in argv, 7 in envp, of 32 pages", vec(8, longest, 1), env(7, STRLEN_MAX - 1));
    run("17 strings of 32 pages (2.1 MiB)", vec(17, longest, 1), env0);
    run("9 in argv, 8 in envp, of 32 pages", vec(9, longest, 1), env(8, STRLEN_MAX - 1));
    run("600000 empty strings (2.4 MB of pointers)", vec(600000, "", 1), env0);
    run("1024 argv pointers to one 32 KiB string", vec(1024, str(32 * KIB - 1), 1), env0);
    return 0;
}
