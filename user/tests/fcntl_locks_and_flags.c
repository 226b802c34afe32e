/*
 * fcntl_locks_and_flags.c - fcntl64 (issue 15): F_GETFL/F_SETFL
 * (O_APPEND moves writes to the end, O_NONBLOCK makes an empty pipe say
 * EAGAIN), F_GETFD/F_SETFD, F_DUPFD and F_DUPFD_CLOEXEC, dup3's errors,
 * the generic ioctls FIOCLEX, FIONCLEX, FIONBIO and FIONREAD, and POSIX
 * record locks between two processes: EAGAIN, F_GETLK naming the holder,
 * merging and splitting of one owner's ranges, F_SETLKW waiting for an
 * unlock, EDEADLK for a wait that would close a circle, and every lock
 * dropped when any descriptor of the file is closed.
 */
#include "vfs_scratch.h"
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include "wait_asleep.h"

/* glibc's fcntl with a struct flock64 (F_*LK64 on i386). */
static long lk(int fd, int cmd, short type, long long start, long long len)
{
	struct flock64 fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fcntl(fd, cmd, &fl);
}

/* F_GETLK at [start, start+len): who is in the way, as text. */
static void show_getlk(const char *who, int fd, short type, long long start, long long len, pid_t holder)
{
	struct flock64 fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	if (fcntl(fd, F_GETLK64, &fl) < 0) {
		printf("%s getlk: %s\n", who, strerrorname_np(errno));
		return;
	}
	if (fl.l_type == F_UNLCK)
		printf("%s getlk %lld+%lld: free\n", who, start, len);
	else
		printf("%s getlk %lld+%lld: %s lock %lld+%lld by %s\n", who, start, len,
		       fl.l_type == F_WRLCK ? "write" : "read", (long long)fl.l_start, (long long)fl.l_len,
		       fl.l_pid == holder ? "the holder" : "someone else");
}

static void flags(void)
{
	int fd = SHOW(open("f", O_CREAT | O_RDWR | O_TRUNC, 0644));
	printf("F_GETFL: %#x\n", (unsigned)fcntl(fd, F_GETFL) & ~O_LARGEFILE);
	SHOW(write(fd, "hello", 5));
	SHOW(fcntl(fd, F_SETFL, O_APPEND | O_RDONLY | O_CREAT));
	printf("F_GETFL: %#x\n", (unsigned)fcntl(fd, F_GETFL) & ~O_LARGEFILE);
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(write(fd, "!", 1));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(pwrite(fd, "?", 1, 0));                 /* Linux appends even so */
	char buf[16] = { 0 };
	SHOW(pread(fd, buf, sizeof(buf) - 1, 0));
	printf("contents: %s\n", buf);
	int n = -1;
	SHOW(ioctl(fd, FIONREAD, &n));
	printf("FIONREAD at the end: %d\n", n);
	SHOW(lseek(fd, 2, SEEK_SET));
	SHOW(ioctl(fd, FIONREAD, &n));
	printf("FIONREAD at 2: %d\n", n);
	SHOW(fcntl(fd, F_GETFD));
	SHOW(fcntl(fd, F_SETFD, FD_CLOEXEC));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(ioctl(fd, FIONCLEX));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(ioctl(fd, FIOCLEX));
	SHOW(fcntl(fd, F_GETFD));
	int d1 = fcntl(fd, F_DUPFD, 20), d2 = fcntl(fd, F_DUPFD_CLOEXEC, 20);
	printf("F_DUPFD from 20: %s, F_DUPFD_CLOEXEC from 20: %s\n", d1 >= 20 ? "yes" : "no",
	       d2 > d1 ? "above it" : "no");
	SHOW(fcntl(d1, F_GETFD));
	SHOW(fcntl(d2, F_GETFD));
	SHOW(fcntl(fd, F_DUPFD, -1));
	SHOW(fcntl(99, F_GETFD));
	SHOW(fcntl(fd, 9999));
	SHOW(dup3(fd, fd, 0));
	SHOW(dup3(fd, 40, 0x1234));
	SHOW(dup3(99, 40, 0));
	SHOW(dup3(fd, -1, 0));
	SHOW(dup3(fd, 40, O_CLOEXEC));
	SHOW(fcntl(40, F_GETFD));
	SHOW(dup2(fd, fd));
	SHOW(dup2(99, 99));
	close(d1), close(d2), close(40), close(fd);
}

static void pipe_flags(void)
{
	int p[2], n = -1;
	char c;
	SHOW(pipe(p));
	SHOW(fcntl(p[0], F_GETPIPE_SZ) >= 4096);
	int file = open("f", O_RDONLY);
	SHOW(fcntl(file, F_GETPIPE_SZ));
	close(file);
	int on = 1;
	SHOW(ioctl(p[0], FIONBIO, &on));
	printf("nonblock after FIONBIO: %d\n", !!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	SHOW(read(p[0], &c, 1));
	on = 0;
	SHOW(ioctl(p[0], FIONBIO, &on));
	SHOW(fcntl(p[0], F_SETFL, O_NONBLOCK));
	SHOW(read(p[0], &c, 1));
	SHOW(write(p[1], "abc", 3));
	SHOW(ioctl(p[0], FIONREAD, &n));
	printf("FIONREAD on the pipe: %d\n", n);
	SHOW(fsync(p[0]));
	close(p[0]);
	close(p[1]);
}

static void lock_errors(int fd)
{
	int ro = open("f", O_RDONLY);
	SHOW(lk(ro, F_SETLK64, F_WRLCK, 0, 1));
	SHOW(lk(fd, F_SETLK64, 7, 0, 1));
	SHOW(lk(fd, F_GETLK64, F_UNLCK, 0, 1));
	SHOW(lk(fd, F_SETLK64, F_WRLCK, -5, 1));
	SHOW(lk(fd, F_SETLK64, F_WRLCK, 5, -10));
	SHOW(lk(fd, F_SETLK64, F_UNLCK, 0, 0));
	struct flock fl32 = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 4 };
	SHOW(syscall(SYS_fcntl64, fd, F_SETLK, &fl32));
	SHOW(syscall(SYS_fcntl64, fd, F_SETLK, (void *)8));
	SHOW(lk(fd, F_SETLK64, F_UNLCK, 0, 0));
	close(ro);
}

/* The child's side: it reports what it meets at each step the parent signals. */
static void child(int fd, int go, int done, pid_t parent)
{
	char step;
	while (read(go, &step, 1) == 1) {
		if (step == 'a') {
			show_getlk("child", fd, F_WRLCK, 5, 10, parent);
			SHOW(lk(fd, F_SETLK64, F_WRLCK, 5, 10));
			SHOW(lk(fd, F_SETLK64, F_RDLCK, 30, 5));
		} else if (step == 'b') {
			show_getlk("child", fd, F_RDLCK, 15, 1, parent);
			show_getlk("child", fd, F_RDLCK, 0, 1, parent);
			show_getlk("child", fd, F_RDLCK, 9, 1, parent);
		} else if (step == 'c') {
			SHOW(lk(fd, F_SETLK64, F_WRLCK, 100, 1));      /* B, the child's */
			fflush(stdout);
			write(done, "x", 1);
			SHOW(lk(fd, F_SETLKW64, F_WRLCK, 50, 1));      /* A, the parent's: waits */
		} else if (step == 'd') {
			show_getlk("child", fd, F_WRLCK, 0, 0, parent);
		}
		fflush(stdout);
		write(done, "x", 1);
	}
	_exit(0);
}

static void step(int go, int done, char s)
{
	char c;
	fflush(stdout);
	write(go, &s, 1);
	read(done, &c, 1);
}

static void locks(void)
{
	int fd = open("f", O_RDWR), go[2], done[2];
	lock_errors(fd);
	pipe(go), pipe(done);
	pid_t parent = getpid();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(go[1]), close(done[0]);
		child(fd, go[0], done[1], parent);
	}
	close(go[0]), close(done[1]);
	SHOW(lk(fd, F_SETLK64, F_WRLCK, 0, 10));
	step(go[1], done[0], 'a');
	show_getlk("parent", fd, F_WRLCK, 32, 1, pid);
	SHOW(lk(fd, F_SETLK64, F_WRLCK, 10, 10));          /* merges with 0+10 */
	step(go[1], done[0], 'b');
	SHOW(lk(fd, F_SETLK64, F_UNLCK, 5, 3));            /* splits it: 0+5 and 8+12 */
	step(go[1], done[0], 'b');
	SHOW(lk(fd, F_SETLK64, F_WRLCK, 50, 1));           /* A */
	step(go[1], done[0], 'c');                         /* the child holds B, waits for A */
	/* Not a nap: a child not yet waiting for A when we ask for B makes no
	 * circle; we would wait for B, the child get EDEADLK, and both stop. */
	if (wait_asleep(pid))
		printf("the child never waited for A\n");
	SHOW(lk(fd, F_SETLKW64, F_WRLCK, 100, 1));         /* would wait for B: a circle */
	fflush(stdout);
	long r = lk(fd, F_SETLK64, F_UNLCK, 50, 1);        /* the child gets A */
	char c;
	read(done[0], &c, 1);
	printf("parent unlocks A: %ld\n", r);
	show_getlk("parent", fd, F_WRLCK, 50, 1, pid);
	int other = open("f", O_RDONLY);
	close(other);                                      /* drops all the parent's locks */
	step(go[1], done[0], 'd');
	close(go[1]);
	waitpid(pid, NULL, 0);
	close(fd);
}

int main(void)
{
	scratch_enter("fcntl_locks_and_flags");
	flags();
	pipe_flags();
	locks();
	SHOW(unlink("f"));
	scratch_leave();
	return 0;
}
