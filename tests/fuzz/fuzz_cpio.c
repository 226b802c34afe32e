/*
 * fuzz_cpio.c - libFuzzer harness for the cpio (newc) reader (fs/cpio.c),
 * which walks the initramfs the boot loader hands over. Each input is an
 * archive: cpio_next must not read outside it (ASan) and every entry it
 * returns must lie inside it, its name NUL-terminated within the archive,
 * stripped of leading "/" and "./", without a ".." component (the unpacker
 * trusts that). cpio_find of a name taken from the input must agree with
 * the walk. Built by `make fuzz` (tests/fuzz/fuzz.mk).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fs/cpio.h"

#define MAX_ENTRIES 100000            /* the walk must end; progress is by bytes */

static int inside(const uint8_t *base, size_t size, const void *p, size_t n)
{
	const uint8_t *q = p;
	return q >= base && q <= base + size && n <= (size_t)(base + size - q);
}

static int has_dotdot(const char *name, uint32_t len)
{
	for (uint32_t i = 0; i + 1 < len + 1; i++) {
		int start = i == 0 || name[i - 1] == '/';
		int end = i + 2 == len || (i + 2 < len && name[i + 2] == '/');
		if (start && i + 1 < len && name[i] == '.' && name[i + 1] == '.' && end)
			return 1;
	}
	return 0;
}

static void check_entry(const uint8_t *a, size_t size, const struct cpio_entry *e)
{
	if (!inside(a, size, e->name, e->namelen + 1) || e->name[e->namelen] != '\0')
		abort();
	if (!inside(a, size, e->data, e->size))
		abort();
	if (e->name[0] == '/' || (e->namelen >= 2 && e->name[0] == '.' && e->name[1] == '/'))
		abort();
	if (has_dotdot(e->name, e->namelen))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *a = malloc(size ? size : 1);
	memcpy(a, data, size);
	struct cpio_iter it;
	struct cpio_entry e, found, last = { 0 };
	int r, n = 0;
	cpio_iter_init(&it, a, (uint32_t)size);
	while ((r = cpio_next(&it, &e)) == 1) {
		check_entry(a, size, &e);
		last = e;
		if (++n > MAX_ENTRIES)
			abort();
	}
	if (r == 0 && n > 0 && last.namelen < 256) {
		char path[256];
		memcpy(path, last.name, last.namelen + 1);
		/* The last entry of a name is the one found. */
		if (cpio_find(a, (uint32_t)size, path, &found) != 0 || found.data != last.data)
			abort();
	}
	free(a);
	return 0;
}
