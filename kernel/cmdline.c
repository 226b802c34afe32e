/*
 * cmdline.c - kernel command line parsing (syntax and limits are
 * described in cmdline.h).
 *
 * The line is copied into c->buf and split there in place: each option's
 * quotes are squeezed out by copying its characters down, and NULs are
 * written over the separating blank and the key's '='. The write position
 * never passes the read position, so no character is clobbered before it
 * has been read.
 */
#include <stdbool.h>
#include <stddef.h>

#include "cmdline.h"

#define CL_LONG_MAX   (~0UL >> 1)   /* LONG_MAX, without <limits.h> */
#define CL_DEC_BASE   10
#define CL_HEX_BASE   16

static bool cl_isblank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static bool cl_streq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Copy src into dst[max], truncating so the result is always terminated. */
static void cl_copy(char *dst, const char *src, size_t max)
{
	size_t i;

	for (i = 0; i + 1 < max && src[i] != '\0'; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

/* Record one option, or count it as dropped when opt[] is full. */
static void cl_add(struct cmdline *c, const char *key, const char *val)
{
	if (key[0] == '\0')
		return;         /* "=x" or "" names nothing */
	if (c->count == CMDLINE_OPTS_MAX) {
		c->dropped++;
		return;
	}
	c->opt[c->count].key = key;
	c->opt[c->count].val = val;
	c->count++;
}

/*
 * Split off the option starting at r (a non-blank), record it and return
 * where scanning continues. Quotes toggle "blanks are literal" and are
 * dropped; the first '=' outside quotes ends the key.
 */
static char *cl_take_option(struct cmdline *c, char *r)
{
	char *key = r, *w = r, *eq = NULL, *next;
	bool quoted = false;

	for (; *r != '\0' && (quoted || !cl_isblank(*r)); r++) {
		if (*r == '"') {
			quoted = !quoted;
			continue;
		}
		if (*r == '=' && !quoted && eq == NULL)
			eq = w;
		*w++ = *r;
	}
	/* Decide where to resume before the NUL may overwrite *r (w == r). */
	next = *r != '\0' ? r + 1 : r;
	*w = '\0';
	if (eq != NULL) {
		*eq = '\0';
		cl_add(c, key, eq + 1);
	} else {
		cl_add(c, key, w);      /* bare flag: w points at a "" */
	}
	return next;
}

void cmdline_parse(struct cmdline *c, const char *s)
{
	char *r = c->buf;

	c->count = 0;
	c->dropped = 0;
	cl_copy(c->buf, s != NULL ? s : "", CMDLINE_MAX);
	for (;;) {
		while (cl_isblank(*r))
			r++;
		if (*r == '\0')
			break;
		r = cl_take_option(c, r);
	}
}

const char *cmdline_get(const struct cmdline *c, const char *key)
{
	/* Search backwards so a later option overrides an earlier one. */
	for (int i = c->count - 1; i >= 0; i--)
		if (cl_streq(c->opt[i].key, key))
			return c->opt[i].val;
	return NULL;
}

bool cmdline_has(const struct cmdline *c, const char *key)
{
	return cmdline_get(c, key) != NULL;
}

/* Value of digit ch in base, or -1 if it is not one. */
static int cl_digit(char ch, unsigned long base)
{
	int d;

	if (ch >= '0' && ch <= '9')
		d = ch - '0';
	else if (ch >= 'a' && ch <= 'f')
		d = ch - 'a' + CL_DEC_BASE;
	else if (ch >= 'A' && ch <= 'F')
		d = ch - 'A' + CL_DEC_BASE;
	else
		return -1;
	return (unsigned long)d < base ? d : -1;
}

/* Parse all of s as [+-][0x]digits; false on junk, emptiness or overflow. */
bool cmdline_parse_long(const char *s, long *out)
{
	unsigned long base = CL_DEC_BASE, mag = 0, limit;
	bool neg = false;
	int d;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = CL_HEX_BASE;
		s += 2;
	}
	if (*s == '\0')
		return false;
	/* Two's complement: one more magnitude is available below zero. */
	limit = neg ? CL_LONG_MAX + 1 : CL_LONG_MAX;
	for (; *s != '\0'; s++) {
		d = cl_digit(*s, base);
		if (d < 0 || mag > (limit - (unsigned long)d) / base)
			return false;
		mag = mag * base + (unsigned long)d;
	}
	/* Negate without ever forming -(LONG_MIN) in a long. */
	*out = (neg && mag != 0) ? -(long)(mag - 1) - 1 : (long)mag;
	return true;
}

long cmdline_get_long(const struct cmdline *c, const char *key, long def)
{
	const char *s = cmdline_get(c, key);
	long v;

	if (s == NULL || !cmdline_parse_long(s, &v))
		return def;
	return v;
}
