/*
 * cmdline.h - kernel command line parsing.
 *
 * The boot loader hands us one string such as
 *     root=/dev/hda1 quiet init="/bin/sh -x" loglevel=0x7
 * cmdline_parse() copies it into the struct and splits the copy in place
 * into key/value pairs, so the struct owns every string it points to and
 * needs no allocator.
 *
 * Syntax: options are separated by blanks (space, tab, newline, CR).
 * An option is "key=value" (split at the FIRST '=' outside quotes, so
 * "a=b=c" is key "a", value "b=c") or a bare "key" (value ""). Double
 * quotes group blanks into an option and are removed; an unclosed quote
 * runs to the end of the line. Options with an empty key ("=x", "")
 * are ignored.
 *
 * Limits: input beyond CMDLINE_MAX-1 characters is cut off (which may cut
 * the last option short); options beyond CMDLINE_OPTS_MAX are not stored
 * but counted in `dropped`.
 *
 * opt[] points into the struct's own buf, so do not copy a struct cmdline
 * by value: the copy's pointers would still refer to the original.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>

#define CMDLINE_MAX      512
#define CMDLINE_OPTS_MAX  32

struct cmdline {
	char buf[CMDLINE_MAX];          /* the split copy; opt[] points in here */
	int count;                      /* entries used in opt[] */
	struct cmdline_opt {
		const char *key, *val;  /* val is "" for a bare flag */
	} opt[CMDLINE_OPTS_MAX];
	int dropped;                    /* options that did not fit in opt[] */
};

/* Parse all of s as [+-][0x]digits into *out; false on junk, emptiness
 * or overflow (also what /proc's settable files parse, fs/procfs.c). */
bool cmdline_parse_long(const char *s, long *out);
/* Parse s (NULL or "" gives no options) into c, replacing its contents. */
void cmdline_parse(struct cmdline *c, const char *s);

/* Value of key: "" for a bare flag, NULL if absent; the last occurrence wins. */
const char *cmdline_get(const struct cmdline *c, const char *key);

/* Whether key is present, with or without a value. */
bool cmdline_has(const struct cmdline *c, const char *key);

/*
 * Value of key as a number: decimal or 0x/0X hex, optionally signed.
 * Returns def when key is absent, is a bare flag, is not entirely a
 * number, or does not fit in a long.
 */
long cmdline_get_long(const struct cmdline *c, const char *key, long def);

#endif
