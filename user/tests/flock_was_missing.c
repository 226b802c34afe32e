/*
 * flock_was_missing.c - flock(2) (issue 15): the call was ENOSYS, so
 * busybox flock, and any program guarding a file with it, failed. The
 * lock belongs to the open file: dup and fork share it, a second open of
 * the file is another owner; the last close lets it go; LOCK_NB says
 * EWOULDBLOCK; a waiter wakes when the holder unlocks, or with EINTR on a
 * signal; converting shared to exclusive and back works; fcntl record
 * locks are another world and do not see flock locks.
 */
#include "vfs_scratch.h"
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include "wait_asleep.h"

static void on_alarm(int sig) { (void)sig; }

/* In a child: try to lock f's file through a new open file; print the result. */
static void other_owner(const char *what, int op)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("f", O_RDONLY);
		printf("%s: ", what);
		SHOW(flock(fd, op));
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

static void sharing(void)
{
	int a = open("f", O_RDWR | O_CREAT, 0644), b = open("f", O_RDONLY);
	SHOW(flock(a, LOCK_EX));
	SHOW(flock(a, LOCK_EX));                    /* again: nothing changes */
	SHOW(flock(b, LOCK_SH | LOCK_NB));          /* another open file: in the way */
	SHOW(flock(b, LOCK_EX | LOCK_NB));
	other_owner("another process, shared", LOCK_SH | LOCK_NB);
	int c = dup(a);
	SHOW(flock(c, LOCK_EX | LOCK_NB));          /* the same open file: its own lock */
	close(c);                                   /* not the last reference: kept */
	SHOW(flock(b, LOCK_SH | LOCK_NB));
	SHOW(flock(a, LOCK_SH));                    /* converted: a shared lock */
	SHOW(flock(b, LOCK_SH | LOCK_NB));
	SHOW(flock(b, LOCK_EX | LOCK_NB));
	other_owner("another process, shared with two shared", LOCK_SH | LOCK_NB);
	SHOW(flock(b, LOCK_UN));
	SHOW(flock(a, LOCK_UN));
	SHOW(flock(b, LOCK_EX | LOCK_NB));
	close(b);                                   /* the last reference: b's lock goes */
	SHOW(flock(a, LOCK_EX | LOCK_NB));
	close(a);
}

/* A forked child holds the parent's open file: its unlock is the parent's. */
static void fork_shares(void)
{
	int a = open("f", O_RDWR), b = open("f", O_RDONLY);
	SHOW(flock(a, LOCK_EX));
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		SHOW(flock(a, LOCK_UN));
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	SHOW(flock(b, LOCK_EX | LOCK_NB));          /* the child's unlock freed it */
	close(a);
	close(b);
}

/* A waiter sleeps until the holder lets go. */
static void waiting(void)
{
	int a = open("f", O_RDWR), go[2];
	pipe(go);
	SHOW(flock(a, LOCK_EX));
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int b = open("f", O_RDONLY);
		char c;
		close(a);                                /* else the parent's close is not the last */
		write(go[1], "x", 1);
		long r = flock(b, LOCK_SH);              /* sleeps until the parent closes a */
		read(go[0], &c, 1);                      /* the parent's note, written before it closed */
		printf("child: flock(b, LOCK_SH) after the parent's close: %ld\n", r);
		fflush(stdout);
		_exit(0);
	}
	char c;
	read(go[0], &c, 1);
	if (wait_asleep(pid))                       /* a nap: the close may come first */
		printf("the child never slept in flock\n");
	write(go[1], "y", 1);
	close(a);                                   /* the last reference: the lock goes */
	waitpid(pid, NULL, 0);
	close(go[0]);
	close(go[1]);
}

/* A signal ends the wait: EINTR without SA_RESTART. */
static void interrupted(void)
{
	int a = open("f", O_RDWR), b = open("f", O_RDONLY);
	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, NULL);
	SHOW(flock(a, LOCK_EX));
	alarm(1);
	SHOW(flock(b, LOCK_SH));
	close(a);
	close(b);
}

/* fcntl locks and flock locks do not see each other. */
static void independent(void)
{
	int a = open("f", O_RDWR), b = open("f", O_RDWR);
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	SHOW(flock(a, LOCK_EX));
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		SHOW(fcntl(b, F_SETLK, &fl));           /* a record lock beside the flock */
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	close(a);
	close(b);
}

int main(void)
{
	scratch_enter("flock_was_missing");
	sharing();
	fork_shares();
	waiting();
	interrupted();
	independent();
	SHOW(flock(-1, LOCK_SH));
	SHOW(flock(99, LOCK_SH));
	int a = open("f", O_RDONLY);
	SHOW(flock(a, 0));
	SHOW(flock(a, LOCK_SH | LOCK_EX));
	SHOW(flock(a, LOCK_NB));
	SHOW(flock(a, LOCK_UN | LOCK_NB));           /* nothing held: still 0 */
	close(a);
	int p[2];
	pipe(p);
	SHOW(flock(p[0], LOCK_EX | LOCK_NB));        /* a pipe can be locked too */
	unlink("f");
	scratch_leave();
	return 0;
}
