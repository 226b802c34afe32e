/*
 * pipe2_cloexec.c - pipe2(O_CLOEXEC) makes descriptors that close at
 * execve (issue 13: the flag was accepted and dropped, and descriptors had
 * no close-on-exec bit at all). The program makes one pipe with the flag
 * and one without, then executes itself: in the new image the first pair
 * must be gone (EBADF) and the second still open.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *state(int fd)
{
	struct stat st;
	if (fstat(fd, &st) == 0)
		return "open";
	return errno == EBADF ? "closed (EBADF)" : "error";
}

int main(int argc, char **argv)
{
	if (argc == 6 && argv[1][0] == 'c') {          /* the new image */
		for (int i = 2; i < 6; i++)
			printf("after exec, fd %s (%s): %s\n", argv[i], i < 4 ? "O_CLOEXEC" : "plain",
			       state(atoi(argv[i])));
		return 0;
	}
	int a[2], b[2];
	if (pipe2(a, O_CLOEXEC) != 0 || pipe2(b, 0) != 0) {
		printf("pipe2 failed\n");
		return 1;
	}
	printf("before exec: %s %s %s %s\n", state(a[0]), state(a[1]), state(b[0]), state(b[1]));
	char s[4][12];
	int fds[4] = { a[0], a[1], b[0], b[1] };
	for (int i = 0; i < 4; i++)
		snprintf(s[i], sizeof(s[i]), "%d", fds[i]);
	fflush(stdout);
	char *args[] = { argv[0], "check", s[0], s[1], s[2], s[3], NULL };
	char *envp[] = { NULL };
	execve(argv[0], args, envp);
	printf("execve failed\n");
	return 1;
}
