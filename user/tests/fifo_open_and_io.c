/*
 * fifo_open_and_io.c - a FIFO made by mknod (mkfifo) is a pipe with a
 * name: a blocking read open waits for a writer and a write open for a
 * reader, O_NONBLOCK opens do not wait (a writer without a reader gets
 * ENXIO), O_RDWR is both ends at once, data goes through in order, the
 * last writer's close is end of file for the reader, what nobody read is
 * dropped when every end has closed, and the FIFO is not seekable.
 */
#include "vfs_scratch.h"
#include <sys/wait.h>

static void across_fork(void)
{
	char buf[32];
	pid_t pid = fork();
	if (pid == 0) {                      /* the writer: waits for the reader's open */
		int w = open("fifo", O_WRONLY);
		write(w, "hello, fifo", 11);
		close(w);
		_exit(0);
	}
	int r = open("fifo", O_RDONLY);      /* waits for the writer's open */
	printf("read end opened: %s\n", r >= 0 ? "yes" : "no");
	int n = 0, got;
	while ((got = read(r, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += got;
	buf[n] = '\0';
	printf("read \"%s\", then end of file: %s\n", buf, got == 0 ? "yes" : "no");
	close(r);
	waitpid(pid, NULL, 0);
}

static void nonblocking_and_rdwr(void)
{
	char buf[16];
	SHOW(open("fifo", O_WRONLY | O_NONBLOCK));
	int r = SHOW(open("fifo", O_RDONLY | O_NONBLOCK));
	SHOW(read(r, buf, sizeof(buf)));
	int w = SHOW(open("fifo", O_WRONLY | O_NONBLOCK));
	SHOW(write(w, "abc", 3));
	SHOW(read(r, buf, sizeof(buf)));
	SHOW(lseek(w, 0, SEEK_SET));
	struct stat st;
	fstat(w, &st);
	printf("fstat: a FIFO: %s\n", S_ISFIFO(st.st_mode) ? "yes" : "no");
	close(w);
	close(r);
	int rw = SHOW(open("fifo", O_RDWR));
	SHOW(write(rw, "xyz", 3));
	SHOW(read(rw, buf, sizeof(buf)));
	SHOW(write(rw, "left", 4));
	close(rw);
	r = SHOW(open("fifo", O_RDONLY | O_NONBLOCK));
	SHOW(read(r, buf, sizeof(buf)));      /* what was left went with the last end */
	close(r);
}

int main(void)
{
	scratch_enter("fifo_open_and_io");
	SHOW(mkfifo("fifo", 0600));
	fflush(stdout);
	across_fork();
	nonblocking_and_rdwr();
	unlink("fifo");
	scratch_leave();
	return 0;
}
