/*
 * proc_self_fields.c - /proc/self as busybox's ps, top, free and uptime
 * read it: stat's fields agree with getpid, getppid and the program's
 * name; status, cmdline, exe and fd/ say the same; maps lists this
 * program's own mappings (its code, its stack, a fresh mmap) with the
 * right permissions; meminfo agrees with sysinfo; uptime, loadavg,
 * mounts, filesystems and sys/kernel parse. Values differ between
 * machines, so only the checks' verdicts are printed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#define BUF_SIZE 16384

static char buf[BUF_SIZE];

static const char *yes(int c) { return c ? "yes" : "no"; }

/* The whole file into buf (NUL-terminated): its length, or -1. */
static int slurp(const char *path)
{
	int fd = open(path, O_RDONLY), n = 0, r;
	if (fd < 0)
		return -1;
	while ((r = read(fd, buf + n, BUF_SIZE - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return n;
}

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static void check_stat(const char *argv0)
{
	char comm[64], state;
	int pid, ppid, pgrp, session, tty, tpgid;
	unsigned long vsize;
	long rss;
	if (slurp("/proc/self/stat") < 0) {
		printf("stat: cannot read\n");
		return;
	}
	int fields = 2;                            /* pid and comm, then one space before each */
	for (char *p = strrchr(buf, ')'); p && *p; p++)
		fields += *p == ' ';
	int got = sscanf(buf, "%d (%63[^)]) %c %d %d %d %d %d", &pid, comm, &state, &ppid, &pgrp,
			 &session, &tty, &tpgid);
	const char *p = strrchr(buf, ')') + 2;
	for (int i = 0; i < 20; i++)               /* past state .. starttime: vsize is field 23 */
		p = strchr(p, ' ') + 1;
	sscanf(p, "%lu %ld", &vsize, &rss);
	printf("stat: 8 leading fields parse: %s, 52 fields: %s\n", yes(got == 8), yes(fields == 52));
	printf("stat: pid is getpid: %s, ppid is getppid: %s\n", yes(pid == getpid()), yes(ppid == getppid()));
	printf("stat: comm is the program's name: %s, state running: %s\n",
	       yes(strncmp(comm, base(argv0), 15) == 0), yes(state == 'R'));
	printf("stat: vsize and rss above zero: %s\n", yes(vsize > 0 && rss > 0));
}

/* A generated file seeks like Linux's seq_file: back to the start
 * reads the same again; from the end is EINVAL. */
static void check_seek(void)
{
	char a[16], b[16];
	int fd = open("/proc/self/stat", O_RDONLY);
	int same = read(fd, a, sizeof(a)) == sizeof(a) && lseek(fd, 0, SEEK_SET) == 0 &&
		   read(fd, b, sizeof(b)) == sizeof(b) && memcmp(a, b, sizeof(a)) == 0;
	printf("stat: lseek to 0 reads the same: %s, SEEK_END is EINVAL: %s\n", yes(same),
	       yes(lseek(fd, 0, SEEK_END) < 0 && errno == EINVAL));
	close(fd);
}

static void check_status(void)
{
	int pid = -1, ppid = -1, threads = -1;
	char name[64] = "";
	if (slurp("/proc/self/status") < 0) {
		printf("status: cannot read\n");
		return;
	}
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		sscanf(line, "Name:\t%63s", name);
		sscanf(line, "Pid:\t%d", &pid);
		sscanf(line, "PPid:\t%d", &ppid);
		sscanf(line, "Threads:\t%d", &threads);
	}
	printf("status: Pid %s, PPid %s, Threads 1: %s, Name set: %s\n", yes(pid == getpid()),
	       yes(ppid == getppid()), yes(threads == 1), yes(name[0] != '\0'));
}

static void check_cmdline_exe(int argc, char **argv)
{
	int n = slurp("/proc/self/cmdline"), same = n > 0;
	char *p = buf;
	for (int i = 0; i < argc && same; i++) {
		same = strcmp(p, argv[i]) == 0;
		p += strlen(p) + 1;
	}
	printf("cmdline: argv, NUL after each: %s\n", yes(same && p == buf + n));
	char exe[256], real[256];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[len > 0 ? len : 0] = '\0';
	printf("exe: the program's path: %s\n", yes(realpath(argv[0], real) && strcmp(exe, real) == 0));
}

static void check_fds(void)
{
	int fd = open("/proc/self/cmdline", O_RDONLY), found = 0;
	char path[64], target[256];
	DIR *d = opendir("/proc/self/fd");
	for (struct dirent *e; d && (e = readdir(d));)
		found += atoi(e->d_name) == fd;
	if (d)
		closedir(d);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	target[n > 0 ? n : 0] = '\0';
	printf("fd: lists an open descriptor: %s, its link names the file: %s\n", yes(found == 1),
	       yes(strcmp(target, "/proc/self/cmdline") == 0 || strstr(target, "/cmdline") != NULL));
	close(fd);
}

/* The maps line whose range holds addr: its permissions and name. */
static int map_of(unsigned long addr, char perms[5], char *name, unsigned long *lo, unsigned long *hi)
{
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		int at = 0;
		name[0] = '\0';
		if (sscanf(line, "%lx-%lx %4s %*x %*x:%*x %*u %n", lo, hi, perms, &at) < 3)
			continue;
		sscanf(line + at, "%255s", name);
		if (addr >= *lo && addr < *hi)
			return 1;
	}
	return 0;
}

static void check_maps(const char *argv0)
{
	char perms[5], name[256], real[256];
	unsigned long lo, hi;
	int local;
	char *m = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	slurp("/proc/self/maps");
	int code = map_of((unsigned long)check_maps, perms, name, &lo, &hi);
	printf("maps: code is r-xp from the program: %s\n",
	       yes(code && strcmp(perms, "r-xp") == 0 && realpath(argv0, real) && strcmp(name, real) == 0));
	slurp("/proc/self/maps");
	int stack = map_of((unsigned long)&local, perms, name, &lo, &hi);
	printf("maps: a local is in [stack], rw-p: %s\n",
	       yes(stack && strcmp(name, "[stack]") == 0 && strcmp(perms, "rw-p") == 0));
	slurp("/proc/self/maps");
	int mine = map_of((unsigned long)m, perms, name, &lo, &hi);
	printf("maps: the mmap is r--p and covers its pages: %s\n",
	       yes(mine && strcmp(perms, "r--p") == 0 && lo <= (unsigned long)m &&
		   hi >= (unsigned long)m + 3 * 4096));
	munmap(m, 3 * 4096);
}

static unsigned long meminfo(const char *label)
{
	unsigned long kb = 0;
	slurp("/proc/meminfo");
	char *p = strstr(buf, label);
	if (p)
		sscanf(p + strlen(label), " %lu kB", &kb);
	return kb;
}

static void check_memory(void)
{
	struct sysinfo si;
	sysinfo(&si);
	unsigned long long total = (unsigned long long)si.totalram * si.mem_unit / 1024;
	unsigned long long free = (unsigned long long)si.freeram * si.mem_unit / 1024;
	unsigned long mtotal = meminfo("MemTotal:"), mfree = meminfo("MemFree:");
	long long diff = (long long)mfree - (long long)free;
	printf("meminfo: MemTotal is sysinfo's: %s, MemFree near sysinfo's: %s\n", yes(mtotal == total),
	       yes(mfree > 0 && (diff < 0 ? -diff : diff) < (long long)total / 20));
	printf("meminfo: MemAvailable and SwapTotal present: %s\n",
	       yes(strstr(buf, "\nMemAvailable:") && strstr(buf, "\nSwapTotal:")));
	double up, idle;
	slurp("/proc/uptime");
	int n = sscanf(buf, "%lf %lf", &up, &idle);
	printf("uptime: two numbers, near sysinfo's: %s\n", yes(n == 2 && up + 2 >= si.uptime && up <= si.uptime + 2));
	double l1, l5, l15;
	int run, all, last;
	slurp("/proc/loadavg");
	printf("loadavg: parses: %s\n",
	       yes(sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &run, &all, &last) == 6 && run >= 1 && all >= run));
}

static void check_system(void)
{
	struct utsname u;
	uname(&u);
	slurp("/proc/mounts");
	printf("mounts: shows /proc: %s\n", yes(strstr(buf, " /proc proc ") != NULL));
	slurp("/proc/filesystems");
	printf("filesystems: proc and tmpfs are nodev: %s\n",
	       yes(strstr(buf, "nodev\tproc\n") && strstr(buf, "nodev\ttmpfs\n")));
	slurp("/proc/sys/kernel/osrelease");
	printf("osrelease is uname's release: %s\n", yes(strncmp(buf, u.release, strlen(u.release)) == 0 &&
						       buf[strlen(u.release)] == '\n'));
	slurp("/proc/sys/kernel/hostname");
	printf("hostname is uname's nodename: %s\n", yes(strncmp(buf, u.nodename, strlen(u.nodename)) == 0));
	slurp("/proc/cpuinfo");
	printf("cpuinfo: processor 0 and flags: %s\n",
	       yes(strncmp(buf, "processor\t: 0\n", 14) == 0 && strstr(buf, "\nflags\t\t: ")));
}

int main(int argc, char **argv)
{
	check_stat(argv[0]);
	check_seek();
	check_status();
	check_cmdline_exe(argc, argv);
	check_fds();
	check_maps(argv[0]);
	check_memory();
	check_system();
	return 0;
}
