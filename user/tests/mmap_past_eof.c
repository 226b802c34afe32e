/*
 * mmap_past_eof.c - a file mapping longer than the file (issue 15): the
 * rest of the file's last page reads zeros, a page wholly past the end is
 * SIGBUS (si_code BUS_ADRERR, si_addr the address touched), and a system
 * call handed such a page gets EFAULT instead. A file that grows makes
 * its pages good again.
 */
#include "vfs_scratch.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

#define PAGE 4096

static sigjmp_buf env;
static volatile int sig, code;
static void *volatile addr;

static void on_bus(int s, siginfo_t *si, void *uc)
{
	(void)uc;
	sig = s;
	code = si->si_code;
	addr = si->si_addr;
	siglongjmp(env, 1);
}

/* Touch p (a read, or a write): what happened. */
static void touch(const char *what, volatile char *p, int write)
{
	sig = 0;
	if (sigsetjmp(env, 1) == 0) {
		if (write)
			*p = 1;
		else
			(void)*p;
		printf("%s: no signal\n", what);
	} else {
		printf("%s: signal %d code %d at the address: %s\n", what, sig, code,
		       addr == (void *)p ? "yes" : "no");
	}
}

int main(void)
{
	scratch_enter("mmap_past_eof");
	struct sigaction sa = { .sa_sigaction = on_bus, .sa_flags = SA_SIGINFO };
	sigaction(SIGBUS, &sa, NULL);
	int fd = open("f", O_CREAT | O_RDWR, 0644);
	char data[100];
	memset(data, 'd', sizeof(data));
	SHOW(write(fd, data, sizeof(data)));
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *q = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	printf("mapped: %s\n", p == MAP_FAILED || q == MAP_FAILED ? "no" : "yes");
	int zeros = 1;
	for (int i = 100; i < PAGE; i++)
		zeros &= p[i] == 0 && q[i] == 0;
	printf("last byte %c, the rest of the page zeros: %s\n", p[99], zeros ? "yes" : "no");
	touch("shared, read a page past the end", p + PAGE, 0);
	touch("shared, write a page past the end", p + 2 * PAGE + 7, 1);
	touch("private, read a page past the end", q + PAGE + 1, 0);
	touch("private, write a page past the end", q + 2 * PAGE, 1);
	SHOW(pread(fd, p + PAGE, 10, 0));
	SHOW(write(fd, p + PAGE, 10));
	char big[PAGE + 10];
	memset(big, 'g', sizeof(big));
	SHOW(pwrite(fd, big, sizeof(big), 100));
	touch("after the file grew, read page 1", p + PAGE, 0);
	printf("page 1 holds: %c %c\n", p[PAGE], q[PAGE + 9]);
	touch("write page 2, still past the end", p + 2 * PAGE, 1);
	munmap(p, 3 * PAGE);
	munmap(q, 3 * PAGE);
	close(fd);
	unlink("f");
	scratch_leave();
	return 0;
}
