/*
 * rlimits.c - resource limits (issue 15): getrlimit, setrlimit and
 * prlimit64 with Linux's rules (EINVAL for a soft limit over the hard
 * one or an unknown resource, EPERM for raising a hard limit as a
 * non-root user or RLIMIT_NOFILE past fs.nr_open, ESRCH), limits kept
 * across fork and execve, the descriptor table sized by RLIMIT_NOFILE
 * (EMFILE at the soft limit, EBADF for dup2 past it, a table that grows
 * to descriptor 1500), and RLIMIT_FSIZE (a short write across it, EFBIG
 * and SIGXFSZ at it). Every limit printed is one the program set: the
 * host's own limits are not the guest's. Hard limits are only lowered as
 * root: the host's root may lack CAP_SYS_RESOURCE (a container).
 */
#include "vfs_scratch.h"
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

struct rl64 { uint64_t cur, max; };

static long prl(int pid, int res, const struct rl64 *new, struct rl64 *old)
{
	return syscall(SYS_prlimit64, pid, res, new, old);
}

static void show_limit(const char *name, int res)
{
	struct rl64 r;
	if (prl(0, res, NULL, &r) < 0)
		printf("%s: %s\n", name, strerrorname_np(errno));
	else
		printf("%s: cur %lld max %lld\n", name, (long long)r.cur, (long long)r.max);
}

static long set32(int res, unsigned long cur, unsigned long max)
{
	struct { unsigned long cur, max; } r = { cur, max };
	return syscall(SYS_setrlimit, res, &r);
}

static void rules(void)
{
	struct rl64 r = { 64, 4096 }, old;
	SHOW(prl(0, RLIMIT_NOFILE, &r, NULL));
	show_limit("nofile", RLIMIT_NOFILE);
	r = (struct rl64){ 200, 100 };
	SHOW(prl(0, RLIMIT_NOFILE, &r, NULL));
	r = (struct rl64){ 64, (1u << 20) + 1 };
	SHOW(prl(0, RLIMIT_NOFILE, &r, NULL));
	SHOW(prl(0, 99, NULL, &old));
	SHOW(prl(999999, RLIMIT_NOFILE, NULL, &old));
	SHOW(prl(getpid(), RLIMIT_NOFILE, NULL, &old));
	SHOW(prl(0, RLIMIT_NOFILE, NULL, (void *)8));
	SHOW(set32(RLIMIT_FSIZE, 0xffffffffu, 0xffffffffu));
	show_limit("fsize (infinity from the 32-bit call)", RLIMIT_FSIZE);
	struct { unsigned long cur, max; } u;
	SHOW(set32(RLIMIT_CORE, 0, 0));
	SHOW(syscall(SYS_ugetrlimit, RLIMIT_FSIZE, &u));
	printf("ugetrlimit fsize: cur %#lx max %#lx\n", u.cur, u.max);
	SHOW(syscall(SYS_ugetrlimit, 16, &u));
	SHOW(set32(RLIMIT_NPROC, 50, 60));
	show_limit("nproc", RLIMIT_NPROC);
}

static void descriptors(void)
{
	int last = -1, fd;
	while ((fd = open("/", O_RDONLY)) >= 0)
		last = fd;
	printf("opened up to %d, then %s\n", last, strerrorname_np(errno));
	SHOW(dup2(0, 64));
	SHOW(dup2(0, 63));
	SHOW(dup(0));
	SHOW(set32(RLIMIT_NOFILE, 10, 4096));
	SHOW(close(40));
	SHOW(open("/", O_RDONLY));
	SHOW(set32(RLIMIT_NOFILE, 5000, 4096));
	SHOW(set32(RLIMIT_NOFILE, 2000, 4096));
	SHOW(dup2(0, 1500));
	SHOW(fcntl(0, F_DUPFD, 1999));
	SHOW(fcntl(0, F_DUPFD, 2000));
	for (fd = 3; fd < 2000; fd++)
		close(fd);
}

/* With RLIMIT_FSIZE set, the host's stdout (a file) would be cut too:
 * the results go through a pipe and are printed after. */
static void file_size(void)
{
	char buf[150];
	memset(buf, 'x', sizeof(buf));
	signal(SIGXFSZ, SIG_IGN);
	SHOW(set32(RLIMIT_FSIZE, 100, 0xffffffffu));
	int fd = SHOW(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));
	SHOW(write(fd, buf, 150));
	SHOW(write(fd, buf, 10));
	SHOW(write(fd, buf, 0));
	SHOW(pwrite(fd, buf, 150, 50));
	SHOW(pwrite(fd, buf, 1, 100));
	SHOW(ftruncate(fd, 100));
	SHOW(ftruncate(fd, 101));
	signal(SIGXFSZ, SIG_DFL);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		show_limit("fsize in the child", RLIMIT_FSIZE);
		fflush(stdout);
		write(fd, buf, 1);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	printf("child writing past RLIMIT_FSIZE: %s %d\n", WIFSIGNALED(status) ? "signal" : "exit",
	       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	close(fd);
	unlink("f");
	SHOW(set32(RLIMIT_FSIZE, 0xffffffffu, 0xffffffffu));
}

static void as_user(void)
{
	struct rl64 r = { 100, 200 };
	SHOW(prl(0, RLIMIT_NOFILE, &r, NULL));
	SHOW(setuid(1000));
	r.max = 300;
	SHOW(prl(0, RLIMIT_NOFILE, &r, NULL));
	r = (struct rl64){ 150, 150 };
	SHOW(prl(0, RLIMIT_NOFILE, &r, NULL));
	r.max = 200;
	SHOW(prl(0, RLIMIT_NOFILE, &r, NULL));
	show_limit("nofile as uid 1000", RLIMIT_NOFILE);
}

int main(int argc, char **argv)
{
	if (argc > 1) {                          /* after execve */
		show_limit("nofile after execve", RLIMIT_NOFILE);
		show_limit("stack after execve", RLIMIT_STACK);
		return 0;
	}
	char *self = realpath(argv[0], NULL);     /* before the scratch directory */
	scratch_enter("rlimits");
	rules();
	descriptors();
	int p[2];
	char buf[512];
	ssize_t n;
	SHOW(pipe(p));
	fflush(stdout);
	if (fork() == 0) {
		dup2(p[1], 1);
		file_size();
		fflush(stdout);
		_exit(0);
	}
	close(p[1]);
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	close(p[0]);
	wait(NULL);
	scratch_leave();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		as_user();
		fflush(stdout);
		execl(self, argv[0], "again", (char *)NULL);
		printf("execve: %s\n", strerrorname_np(errno));
		_exit(1);
	}
	int status;
	waitpid(pid, &status, 0);
	printf("child exit %d\n", WEXITSTATUS(status));
	return 0;
}
