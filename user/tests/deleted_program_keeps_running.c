/*
 * deleted_program_keeps_running.c - a program whose file is deleted while
 * it runs keeps running (issue 15): its memory areas name the file's
 * inode, which lives while they do, so pages first touched after the
 * unlink still come from the file. The program copies itself to a
 * scratch file, runs the copy, and the copy unlinks itself before it
 * reads 256 KiB of constants it has not touched yet.
 */
#include "vfs_scratch.h"
#include <stdlib.h>
#include <sys/wait.h>

#define BIG (256 * 1024)

static const volatile unsigned char big[BIG] = { [0 ... BIG - 1] = 7 };

static int copy_file(int in, const char *to)
{
	char buf[4096];
	int out = open(to, O_CREAT | O_WRONLY | O_TRUNC, 0755);
	long n, bad = in < 0 || out < 0;
	while (!bad && (n = read(in, buf, sizeof(buf))) > 0)
		bad = write(out, buf, (size_t)n) != n;
	close(in);
	close(out);
	return bad ? -1 : 0;
}

static int child(const char *self)
{
	struct stat st;
	SHOW(unlink(self));
	SHOW(stat(self, &st));
	long sum = 0;
	for (int i = 0; i < BIG; i++)
		sum += big[i];
	printf("constants read after the unlink: %ld\n", sum);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return child(argv[0]);
	int self = open(argv[0], O_RDONLY);      /* before the scratch directory: argv[0] may be relative */
	scratch_enter("deleted_program_keeps_running");
	SHOW(copy_file(self, "prog"));
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execl("prog", "prog", "child", (char *)NULL);
		_exit(127);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	printf("the copy exited: %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status));
	scratch_leave();
	return 0;
}
