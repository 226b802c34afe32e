/*
 * mount_opts.c - tmpfs's mount options (see mount_opts.h), read as Linux
 * 6.1's shmem_parse_options and shmem_parse_one read them (mm/shmem.c):
 *
 *  - a comma ends an option unless a digit follows it (mpol's node lists
 *    hold commas), so "size=16k,5" is one bad value; empty options are
 *    passed over;
 *  - the generic words (ro, rw, sync, async, dirsync, lazytime,
 *    nolazytime, mand, nomand) come first, matched by name alone (any
 *    value ignored), as vfs_parse_sb_flag: they set or clear the file
 *    system's MS_ flags;
 *  - size= is memparse's number (C's base prefixes 0x and 0, then an
 *    optional K, M, G, T, P or E suffix; no digits read as 0, as
 *    memparse does) or a percentage of memory (N%), rounded up to whole
 *    pages; nr_blocks= and nr_inodes= are memparse's numbers; 0 is no
 *    limit; past 32 bits a count is capped (Linux's unsigned long wraps);
 *  - mode= is octal and uid=, gid= any base (kstrtouint: an optional +,
 *    a final newline, nothing else; -1 is no id); huge= one of four words;
 *    inode32 a flag (no value);
 *  - anything else is EINVAL: Debian's i386 kernel refuses inode64 (its
 *    inode numbers are 32 bits) and mpol= (no NUMA), and any other name;
 *    the caller logs why, in Linux's words (tmpfs_opts.why).
 */
#include "fs/mount_opts.h"
#include <stddef.h>
#include "mm/layout.h"
#include "uapi/errno.h"
#include "uapi/mount.h"

#define PERCENT        100u
#define MEMPARSE_UNITS "KMGTPE"         /* each 1024 times the one before */
#define KIB_SHIFT      10
#define NO_ID          0xffffffffu      /* (uid_t)-1: make_kuid's invalid id */

enum opt_id {
	OPT_SIZE, OPT_NR_BLOCKS, OPT_NR_INODES, OPT_MODE, OPT_UID, OPT_GID,
	OPT_HUGE, OPT_INODE32, OPT_SB_SET, OPT_SB_CLEAR, OPT_INODE64, OPT_MPOL,
};

static const struct {
	const char *key;
	enum opt_id id;
	uint32_t flag;                  /* a generic word's MS_ flag */
} keys[] = {
	{ "ro", OPT_SB_SET, MS_RDONLY }, { "rw", OPT_SB_CLEAR, MS_RDONLY },
	{ "sync", OPT_SB_SET, MS_SYNCHRONOUS }, { "async", OPT_SB_CLEAR, MS_SYNCHRONOUS },
	{ "dirsync", OPT_SB_SET, MS_DIRSYNC },
	{ "lazytime", OPT_SB_SET, MS_LAZYTIME }, { "nolazytime", OPT_SB_CLEAR, MS_LAZYTIME },
	{ "mand", OPT_SB_SET, MS_MANDLOCK }, { "nomand", OPT_SB_CLEAR, MS_MANDLOCK },
	{ "size", OPT_SIZE, 0 }, { "nr_blocks", OPT_NR_BLOCKS, 0 }, { "nr_inodes", OPT_NR_INODES, 0 },
	{ "mode", OPT_MODE, 0 }, { "uid", OPT_UID, 0 }, { "gid", OPT_GID, 0 }, { "huge", OPT_HUGE, 0 },
	{ "inode32", OPT_INODE32, 0 }, { "inode64", OPT_INODE64, 0 }, { "mpol", OPT_MPOL, 0 },
};
#define KEYS (sizeof(keys) / sizeof(keys[0]))

static const char *const huge_names[] = { "never", "always", "within_size", "advise" };
#define HUGE_NAMES (sizeof(huge_names) / sizeof(huge_names[0]))

/* One option of the string: its name, and its value (NULL: a bare word). */
struct opt {
	const char *key, *val, *end;    /* the name ends at '=' or end */
	uint32_t klen;
};

const char *tmpfs_huge_name(enum tmpfs_huge h)
{
	return (unsigned)h < HUGE_NAMES ? huge_names[h] : "never";
}

/* Is s[0..len) the word w? */
static bool word_is(const char *w, const char *s, uint32_t len)
{
	uint32_t i = 0;
	while (i < len && w[i] == s[i])
		i++;
	return i == len && w[i] == '\0';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int digit_value(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;                      /* no digit of any base */
}

/* The kernel's _parse_integer_fixup_radix: base 0 becomes 16 after "0x"
 * and a hex digit, 8 after "0", else 10; a base-16 "0x" is skipped. */
static unsigned fixup_radix(const char **s, unsigned base)
{
	const char *p = *s;
	bool hex_prefix = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
	if (base == 0)
		base = hex_prefix && digit_value(p[2]) < 16 ? 16 : p[0] == '0' ? 8 : 10;
	if (base == 16 && hex_prefix)
		*s = p + 2;
	return base;
}

/* Digits of base at *s (consumed): their value, wrapping past 64 bits;
 * *over set if it left 32 bits; the count in *n. */
static uint64_t digits(const char **s, unsigned base, uint32_t *n, bool *over)
{
	uint64_t v = 0;
	for (*n = 0; digit_value(**s) < (int)base; (*s)++, (*n)++) {
		v = v * base + (uint64_t)digit_value(**s);
		*over |= v > UINT32_MAX;
	}
	return v;
}

/* memparse: simple_strtoull(s, 0) (no digits: 0) and a suffix; *s moves on. */
static uint64_t memparse(const char **s)
{
	uint32_t n;
	bool over = false;
	uint64_t v = digits(s, fixup_radix(s, 0), &n, &over);
	for (unsigned i = 0; MEMPARSE_UNITS[i]; i++)
		if (**s == MEMPARSE_UNITS[i] || **s == MEMPARSE_UNITS[i] - 'A' + 'a') {
			(*s)++;
			unsigned shift = (i + 1) * KIB_SHIFT;
			return shift < 64 ? v << shift : 0;
		}
	return v;
}

static uint32_t cap32(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* kstrtouint(o's value, base): 0 with *v, or -EINVAL (overflow too). */
static int kstrtouint(const struct opt *o, unsigned base, uint32_t *v)
{
	const char *s = o->val;
	uint32_t n;
	bool over = false;
	if (!s)
		return -EINVAL;                  /* a bare word: no number */
	if (*s == '+')
		s++;
	*v = (uint32_t)digits(&s, fixup_radix(&s, base), &n, &over);
	if (s < o->end && *s == '\n')
		s++;
	return n && !over && s == o->end ? 0 : -EINVAL;
}

/* A memparse count (nr_blocks=, nr_inodes=): the whole value, not empty. */
static int parse_count(const struct opt *o, uint32_t *v)
{
	const char *s = o->val;
	if (!s || s == o->end)
		return -EINVAL;
	*v = cap32(memparse(&s));
	return s == o->end ? 0 : -EINVAL;
}

/* size=: bytes (memparse) or N% of memory, in pages rounded up. */
static int parse_size(const struct opt *o, uint32_t total_frames, uint32_t *pages)
{
	const char *s = o->val;
	if (!s || s == o->end)
		return -EINVAL;
	uint64_t size = memparse(&s);
	if (*s == '%') {                     /* a share of memory, rounded as Linux does */
		size = size * PAGE_SIZE * total_frames / PERCENT;
		s++;
	}
	*pages = cap32(size / PAGE_SIZE + (size % PAGE_SIZE != 0));
	return s == o->end ? 0 : -EINVAL;
}

static int parse_id(const struct opt *o, uint32_t *id, bool *given)
{
	int err = kstrtouint(o, 0, id);
	*given = true;
	return err ? err : *id == NO_ID ? -EINVAL : 0;
}

static int parse_mode(const struct opt *o, uint32_t *mode)
{
	int err = kstrtouint(o, 8, mode);
	*mode &= TMPFS_MODE_MASK;
	return err;
}

static int parse_huge(const struct opt *o, struct tmpfs_opts *out)
{
	uint32_t len = o->val ? (uint32_t)(o->end - o->val) : 0;
	for (unsigned i = 0; o->val && i < HUGE_NAMES; i++)
		if (word_is(huge_names[i], o->val, len)) {
			out->huge = (enum tmpfs_huge)i;
			out->huge_given = true;
			return 0;
		}
	return -EINVAL;
}

/* A generic word: flag set (or cleared), whatever came before. */
static int sb_word(bool set, uint32_t flag, struct tmpfs_opts *out)
{
	out->sb_set = set ? out->sb_set | flag : out->sb_set & ~flag;
	out->sb_clear = set ? out->sb_clear & ~flag : out->sb_clear | flag;
	return 0;
}

static int apply(unsigned k, const struct opt *o, uint32_t total_frames, struct tmpfs_opts *out)
{
	switch (keys[k].id) {
	case OPT_SIZE:
		out->size_given = true;
		return parse_size(o, total_frames, &out->max_pages);
	case OPT_NR_BLOCKS:
		out->size_given = true;
		return parse_count(o, &out->max_pages);
	case OPT_NR_INODES:
		out->inodes_given = true;
		return parse_count(o, &out->max_inodes);
	case OPT_MODE:
		return parse_mode(o, &out->mode);
	case OPT_UID:
		return parse_id(o, &out->uid, &out->uid_given);
	case OPT_GID:
		return parse_id(o, &out->gid, &out->gid_given);
	case OPT_HUGE:
		return parse_huge(o, out);
	case OPT_INODE32:
		return o->val ? -EINVAL : 0;     /* a flag: "Unexpected value" */
	case OPT_SB_SET:
	case OPT_SB_CLEAR:
		return sb_word(keys[k].id == OPT_SB_SET, keys[k].flag, out);
	case OPT_INODE64:                    /* 32-bit inode numbers */
	case OPT_MPOL:                       /* no NUMA */
		return -EINVAL;
	}
	return -EINVAL;
}

/* Linux's words for a refused option k (-1: a name it does not know). */
static const char *why_refused(int k)
{
	if (k < 0)
		return "Unknown parameter";
	switch (keys[k].id) {
	case OPT_INODE32:
		return "Unexpected value for";
	case OPT_INODE64:
		return "Cannot use inode64 with <64bit inums in kernel";
	case OPT_MPOL:
		return "Unsupported parameter";
	default:
		return "Bad value for";
	}
}

static int refused(int k, const struct opt *o, struct tmpfs_opts *out)
{
	out->why = why_refused(k);
	out->key = k >= 0 && keys[k].id == OPT_INODE64 ? NULL : o->key;
	out->key_len = o->klen;
	return -EINVAL;
}

/* The option's entry in keys[], or -EINVAL for a name tmpfs does not know. */
static int find_key(const struct opt *o)
{
	for (unsigned i = 0; i < KEYS; i++)
		if (word_is(keys[i].key, o->key, o->klen))
			return (int)i;
	return -EINVAL;
}

/* The option starting at p: its end is the first comma not followed by
 * a digit, or the string's end. */
static struct opt split(const char *p)
{
	struct opt o = { p, NULL, p, 0 };
	while (*o.end && !(*o.end == ',' && !is_digit(o.end[1])))
		o.end++;
	while (o.key + o.klen < o.end && o.key[o.klen] != '=')
		o.klen++;
	if (o.key + o.klen < o.end)
		o.val = o.key + o.klen + 1;
	return o;
}

int tmpfs_parse_opts(const char *opts, uint32_t total_frames, struct tmpfs_opts *out)
{
	*out = (struct tmpfs_opts){ .mode = TMPFS_DEFAULT_MODE };
	for (const char *p = opts; p && *p; ) {
		struct opt o = split(p);
		if (o.end > o.key) {
			int k = find_key(&o);
			if (k < 0 || apply((unsigned)k, &o, total_frames, out))
				return refused(k, &o, out);
		}
		p = *o.end ? o.end + 1 : o.end;
	}
	return 0;
}
