/*
 * shared_anon_stays_shared.c - a MAP_SHARED|MAP_ANONYMOUS page stays
 * shared between a parent and its forked child through everything the
 * child may do to its own mapping of it, as on Linux. Written when
 * sysfuzz's counter page (such a page, shared by the driver and its
 * workers) came out of a 1,000,000-call run spoilt: each suspect a
 * worker's random call could be - mprotect, madvise(MADV_DONTNEED),
 * mremap (moved, grown), munmap of part, MAP_FIXED over the page next to
 * it, a fork after mprotect - is done by a child, which then writes; the
 * parent must see the write. (The cause was the fuzzer's own writes into
 * the page, user/fuzz/sysfuzz.c; the kernel passes all of these.)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE  4096
#define PAGES 4
#define RW    (PROT_READ | PROT_WRITE)

static volatile char *shared;             /* PAGES pages, shared with every child */

/* What a child does to its own mapping before it writes its mark. */
static volatile char *after_mprotect(void)
{
	mprotect((void *)shared, PAGES * PAGE, PROT_READ);
	mprotect((void *)shared, PAGES * PAGE, RW);
	return shared;
}

static volatile char *after_dontneed(void)
{
	madvise((void *)shared, PAGES * PAGE, MADV_DONTNEED);
	return shared;
}

/* Grown by a page (in place or moved): the first pages are the same. */
static volatile char *after_mremap_grow(void)
{
	void *p = mremap((void *)shared, PAGES * PAGE, (PAGES + 1) * PAGE, MREMAP_MAYMOVE);
	return p == MAP_FAILED ? NULL : p;
}

/* Moved for sure: the page after it is taken first (if it was free). */
static volatile char *after_mremap_move(void)
{
	mmap((void *)(shared + PAGES * PAGE), PAGE, PROT_NONE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	void *p = mremap((void *)shared, PAGES * PAGE, (PAGES + 1) * PAGE, MREMAP_MAYMOVE);
	return p == MAP_FAILED || p == (void *)shared ? NULL : p;
}

static volatile char *after_partial_munmap(void)
{
	munmap((void *)(shared + PAGE), PAGE);
	return shared;
}

/* A private page put over the second page: the others stay shared. */
static volatile char *after_fixed_neighbour(void)
{
	mmap((void *)(shared + PAGE), PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	return shared;
}

/* mprotect read-only, then a grandchild (forked meanwhile) writes. */
static volatile char *after_fork_after_mprotect(void)
{
	mprotect((void *)shared, PAGES * PAGE, PROT_READ);
	pid_t pid = fork();
	if (pid == 0) {
		mprotect((void *)shared, PAGES * PAGE, RW);
		shared[3 * PAGE] = 'g';
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	mprotect((void *)shared, PAGES * PAGE, RW);
	return shared[3 * PAGE] == 'g' ? shared : NULL;
}

struct step {
	const char *what;
	volatile char *(*child)(void);
};

static const struct step steps[] = {
	{ "mprotect read-only and back", after_mprotect },
	{ "madvise(MADV_DONTNEED)", after_dontneed },
	{ "mremap grown by a page", after_mremap_grow },
	{ "mremap grown where it cannot grow (moved)", after_mremap_move },
	{ "munmap of the second page", after_partial_munmap },
	{ "MAP_FIXED private page over the second page", after_fixed_neighbour },
	{ "fork after mprotect read-only", after_fork_after_mprotect },
};

/* The child's step, then its mark in the first and last pages, where the
 * step left them; whether the parent sees it. */
static int parent_sees(const struct step *s, char mark)
{
	shared[0] = shared[(PAGES - 1) * PAGE] = '.';
	pid_t pid = fork();
	if (pid == 0) {
		volatile char *p = s->child();
		if (!p)
			_exit(1);
		p[0] = p[(PAGES - 1) * PAGE] = mark;
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 && shared[0] == mark &&
	       shared[(PAGES - 1) * PAGE] == mark;
}

int main(void)
{
	shared = mmap(NULL, PAGES * PAGE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED) {
		printf("mmap: failed\n");
		return 1;
	}
	memset((void *)shared, '-', PAGES * PAGE);
	fflush(stdout);
	for (unsigned i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		printf("%s in the child, then its write: the parent %s\n", steps[i].what,
		       parent_sees(&steps[i], (char)('a' + i)) ? "sees it" : "does NOT see it");
	return 0;
}
