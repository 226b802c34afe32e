/*
 * sysinfo.c - simple process and system queries answer sensibly: ids,
 * uname, clocks, nanosleep, getrandom, /proc/self/exe, getrlimit. Values
 * differ between machines, so only the checks' verdict is printed.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define AFTER_2017 1500000000L          /* the kernel's test clock is 2020 */
#define SLEEP_NS (10 * 1000 * 1000L)
#define RANDOM_LEN 16

#define CHECK(cond, what) do { if (!(cond)) { \
    printf("FAIL: %s\n", what); return 1; } } while (0)

static const char *base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

#define NS_PER_S 1000000000LL

static long long ns_between(struct timespec a, struct timespec b)
{
    return (b.tv_sec - a.tv_sec) * NS_PER_S + (b.tv_nsec - a.tv_nsec);
}

int main(int argc, char **argv)
{
    (void)argc;
    struct utsname u;
    struct timespec t0, t1, nap = { 0, SLEEP_NS };
    unsigned char rnd[RANDOM_LEN];
    char exe[PATH_MAX];
    struct rlimit rl;

    CHECK(getpid() > 0, "getpid() > 0");
    CHECK(getppid() >= 0, "getppid() >= 0");
    CHECK(gettid() == getpid(), "gettid() == getpid()");
    /* These cannot fail; calling them checks the syscalls exist. */
    (void)getuid(); (void)geteuid(); (void)getgid(); (void)getegid();
    CHECK(uname(&u) == 0 && u.sysname[0] != '\0', "uname sysname non-empty");
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t0) == 0, "clock_gettime 1");
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t1) == 0, "clock_gettime 2");
    CHECK(ns_between(t0, t1) >= 0, "CLOCK_MONOTONIC does not go back");
    CHECK(time(NULL) > AFTER_2017, "time(NULL) > 1500000000");
    CHECK(nanosleep(&nap, NULL) == 0, "nanosleep 10 ms");
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t1) == 0, "clock_gettime 3");
    CHECK(ns_between(t0, t1) >= SLEEP_NS, "nanosleep slept at least 10 ms");
    CHECK(getrandom(rnd, sizeof rnd, 0) == RANDOM_LEN, "getrandom 16 bytes");
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    CHECK(len > 0, "readlink /proc/self/exe");
    exe[len] = '\0';
    CHECK(strcmp(base(exe), base(argv[0])) == 0, "/proc/self/exe names this program");
    CHECK(getrlimit(RLIMIT_STACK, &rl) == 0, "getrlimit(RLIMIT_STACK)");
    printf("sysinfo ok\n");
    return 0;
}
