/*
 * execve_empty_argv.c - execve with an empty argv started the program with
 * argc 0.
 *
 * What went wrong: the kernel passed argc 0 on, so a program that takes
 * its arguments from argv[1] on (most do) read envp[0] as its first
 * argument (the pkexec hole, CVE-2021-4034). Linux (since 5.18) gives such
 * a program argc 1 and argv[0] "", and counts that string towards the
 * argument limits.
 *
 * Runs itself with argv NULL, then with argv { NULL }; the new image
 * prints what it got.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void run(const char *what, char *self, char **argv, char **envp)
{
    printf("%s\n", what);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execve(self, argv, envp);
        perror("execve");
        _exit(1);
    }
    waitpid(pid, NULL, 0);
}

int main(int argc, char **argv, char **envp)
{
    if (argc != 1 || argv[0][0] == '\0') {
        printf("  argc %d, argv[0] is %s, envp[0] is %s\n", argc,
               argc == 0 ? "NULL" : argv[0][0] ? "non-empty" : "\"\"",
               envp[0] ? "a variable" : "NULL");
        return 0;
    }
    char *none[] = { NULL };
    run("argv NULL", argv[0], NULL, envp);
    run("argv { NULL }", argv[0], none, envp);
    return 0;
}
