/*
 * fork_mprotect_isolation.c - regression test for "fork + mprotect breaks
 * isolation". fork marked only the writable pages copy-on-write; a page that
 * was read-only (or PROT_NONE) at fork was shared unmarked, so when the child
 * made it writable with mprotect the shared frame itself became writable and
 * the child's write landed in the parent's memory. A frame that two spaces
 * share must stay write-protected whatever the area's protection becomes.
 * Both directions are checked (the child writes; the parent writes while the
 * child looks), for PROT_READ and PROT_NONE at fork, and for a page of the
 * program's own data (an ELF area).
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)

static char data_page[PAGE] __attribute__((aligned(PAGE))) = "data written by the parent";

/* Run child() in a child; its exit status (or 100 + signal). */
static int in_child(int (*child)(char *), char *p)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0)
		_exit(child(p));
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

static int child_unprotects_and_writes(char *p)
{
	if (mprotect(p, PAGE, RW) != 0)
		return 2;
	strcpy(p, "child");
	return strcmp(p, "child") == 0 ? 0 : 3;
}

/* One case: fill, set prot, fork a child that makes the page writable and
 * writes; the parent's page must keep its bytes. */
static void child_write_case(const char *what, char *p, int prot)
{
	strcpy(p, "parent");
	mprotect(p, PAGE, prot);
	int st = in_child(child_unprotects_and_writes, p);
	mprotect(p, PAGE, RW);
	printf("%s: child status %d, parent sees \"%s\"\n", what, st, p);
}

/* The other way round: the child keeps the read-only page and looks at it
 * after the parent has made its copy writable and written it. */
static void parent_write_case(char *p)
{
	int go[2], done[2];
	strcpy(p, "before");
	mprotect(p, PAGE, PROT_READ);
	if (pipe(go) || pipe(done))
		return;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		read(go[0], &c, 1);
		_exit(strcmp(p, "before") == 0 ? 0 : 1);
	}
	mprotect(p, PAGE, RW);
	strcpy(p, "after");
	write(go[1], "x", 1);
	int status;
	waitpid(pid, &status, 0);
	printf("parent writes: child saw its own copy: %s, parent has \"%s\"\n",
	       WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no", p);
}

int main(void)
{
	char *p = mmap(NULL, PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("FAIL: mmap\n");
		return 1;
	}
	child_write_case("anonymous, PROT_READ at fork", p, PROT_READ);
	child_write_case("anonymous, PROT_NONE at fork", p, PROT_NONE);
	child_write_case("anonymous, read-write at fork", p, RW);
	child_write_case("program data, PROT_READ at fork", data_page, PROT_READ);
	parent_write_case(p);
	return 0;
}
