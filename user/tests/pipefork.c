/*
 * pipefork.c - a pipe between parent and child: data crosses in order,
 * the reader sees end of file when the writer closes, and 64 KiB (more than
 * the pipe holds) goes through with the writer blocking as it must.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOTAL (64 * 1024)
#define CHUNK 1000

int main(void)
{
	int fd[2];
	if (pipe(fd) != 0) {
		printf("FAIL: pipe\n");
		return 1;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		char buf[CHUNK];
		for (int sent = 0; sent < TOTAL; ) {
			int n = TOTAL - sent < CHUNK ? TOTAL - sent : CHUNK;
			for (int i = 0; i < n; i++)
				buf[i] = (char)('a' + (sent + i) % 26);
			if (write(fd[1], buf, n) != n)
				_exit(1);
			sent += n;
		}
		_exit(0);
	}
	close(fd[1]);
	char buf[4096];
	long got = 0, bad = 0, n;
	while ((n = read(fd[0], buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++)
			bad += buf[i] != (char)('a' + (got + i) % 26);
		got += n;
	}
	int status;
	waitpid(pid, &status, 0);
	printf("received %ld bytes, %ld wrong, writer exited %d\n", got, bad, WEXITSTATUS(status));
	return 0;
}
