/*
 * vfork_parent_killable - a parent asleep in vfork, waiting for its child
 * to exec or exit, dies at once when it gets SIGKILL; the child runs on.
 * tern's parent slept uninterruptibly until the child ended, so a kill -9
 * took effect only then (Linux's wait_for_vfork_done is killable).
 * Expected output: Linux's (qemu-user makes vfork a fork).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHILD_SLEEP_MS 400
#define KILL_AFTER_MS  50

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* The victim vforks a child that sleeps, then says so on the pipe. */
static void victim(int wfd)
{
	pid_t pid = vfork();
	if (pid == 0) {
		sleep_ms(CHILD_SLEEP_MS);
		static const char msg[] = "child done";
		write(wfd, msg, sizeof(msg) - 1);
		_exit(0);
	}
	_exit(3);                            /* never reached: killed meanwhile */
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int p[2];
	if (pipe(p))
		return 1;
	pid_t v = fork();
	if (v == 0) {
		close(p[0]);
		victim(p[1]);
	}
	close(p[1]);
	sleep_ms(KILL_AFTER_MS);
	kill(v, SIGKILL);
	int status = 0;
	pid_t r = waitpid(v, &status, 0);
	printf("victim reaped: %s, killed by %s\n", r == v ? "yes" : "no",
	       WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? "SIGKILL" : "something else");
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	char buf[32] = { 0 };
	ssize_t n = read(p[0], buf, sizeof(buf) - 1);
	printf("the child still running then: %s\n", n < 0 && errno == EAGAIN ? "yes" : "no");
	fcntl(p[0], F_SETFL, 0);
	n = read(p[0], buf, sizeof(buf) - 1);
	printf("then the child said: %s\n", n > 0 ? buf : "nothing");
	return 0;
}
