/*
 * mount_opts.c - tmpfs's mount options (see mount_opts.h), read as Linux's
 * shmem_parse_one reads them (mm/shmem.c): a comma-separated list, of
 * which only size= limits anything here. size= is memparse's number (C's
 * base prefixes 0x and 0, then an optional K, M, G, T, P or E suffix) or
 * a percentage of the machine's memory (N%), rounded up to whole pages;
 * size=0 is no limit. The other options Linux's tmpfs knows (mode=, uid=,
 * nr_inodes= ...) are passed over, as they were before any was read.
 */
#include "fs/mount_opts.h"
#include "mm/layout.h"
#include "uapi/errno.h"

#define PERCENT        100u
#define MEMPARSE_UNITS "KMGTPE"         /* each 1024 times the one before */
#define KIB_SHIFT      10

static const char SIZE_KEY[] = "size=";

/* Does the option at p (up to a comma or the end) start with key? */
static bool has_key(const char *p, const char *key)
{
	while (*key && *p == *key)
		p++, key++;
	return *key == '\0';
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;                      /* no digit of any base */
}

/* simple_strtoull(p, &end, 0): how many characters the number took (0:
 * none), its value in *v (wrapping on overflow, as the kernel's does). */
static uint32_t parse_number(const char *p, uint64_t *v)
{
	const char *s = p;
	unsigned base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16)
		base = 16, s += 2;
	else if (s[0] == '0')
		base = 8;
	for (*v = 0; digit_value(*s) < (int)base; s++)
		*v = *v * base + (uint64_t)digit_value(*s);
	return (uint32_t)(s - p);
}

/* The suffix of memparse at *p (consumed when there): the shift. */
static unsigned memparse_shift(const char **p)
{
	for (unsigned i = 0; MEMPARSE_UNITS[i]; i++)
		if (**p == MEMPARSE_UNITS[i] || **p == MEMPARSE_UNITS[i] - 'A' + 'a') {
			(*p)++;
			return (i + 1) * KIB_SHIFT;
		}
	return 0;
}

/* The value of size= at p (after the '='), ending at a comma or the end:
 * 0 with *pages set, or -EINVAL. */
static int parse_size(const char *p, uint32_t total_frames, uint32_t *pages)
{
	uint64_t size;
	uint32_t n = parse_number(p, &size);
	if (n == 0)
		return -EINVAL;
	p += n;
	unsigned shift = memparse_shift(&p);
	size = shift < 64 ? size << shift : 0;
	if (*p == '%') {                     /* a share of memory, rounded as Linux does */
		size = size * PAGE_SIZE * total_frames / PERCENT;
		p++;
	}
	if (*p != '\0' && *p != ',')
		return -EINVAL;
	uint64_t rounded = size / PAGE_SIZE + (size % PAGE_SIZE != 0);
	*pages = rounded > UINT32_MAX ? UINT32_MAX : (uint32_t)rounded;
	return 0;
}

int tmpfs_parse_opts(const char *opts, uint32_t total_frames, struct tmpfs_opts *out)
{
	*out = (struct tmpfs_opts){ false, 0 };
	for (const char *p = opts; p && *p; p++) {
		if (has_key(p, SIZE_KEY)) {
			int err = parse_size(p + sizeof(SIZE_KEY) - 1, total_frames, &out->max_pages);
			if (err)
				return err;
			out->size_given = true;
		}
		while (*p && *p != ',')             /* on to the next option */
			p++;
		if (!*p)
			break;
	}
	return 0;
}
