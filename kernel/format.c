/*
 * format.c - the kernel's printf engine (interface and deviations from C
 * are described in format.h).
 *
 * Each conversion is parsed into a struct fmt_spec, its argument fetched
 * according to the length modifier, and the result emitted as
 *     [spaces] [sign or 0x] [zeros] body [spaces]
 * Integers travel as uint64_t magnitudes; their digits are produced
 * backwards into a small stack buffer.
 *
 * No 64-bit division: hex needs only shifts, and decimal uses plain 32-bit
 * division once the value fits in 32 bits, and a divide-by-10 built from
 * 32-bit operations before that. So the 32-bit kernel never pulls in
 * libgcc's __udivdi3/__umoddi3 from here, and the common case stays fast.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "format.h"

#define FMT_DIGITS_MAX   20     /* decimal digits of UINT64_MAX; hex needs 16 */
#define FMT_PTR_DIGITS    8     /* %p shows at least a whole 32-bit address */
#define FMT_NO_PREC     (-1)    /* no precision given */

/*
 * Widths and precisions are clamped to this, so the field arithmetic
 * (width - sign - zeros - digits) can never overflow an int. No real
 * message is anywhere near this long.
 */
#define FMT_FIELD_MAX   100000000

#define FMT_HEX_BITS      4     /* bits per hex digit */
#define FMT_HEX_MASK    0xfu

/* 2^32 == 10 * FMT_2P32_DIV10 + FMT_2P32_MOD10; see fmt_divmod10(). */
#define FMT_2P32_DIV10  429496729u
#define FMT_2P32_MOD10  6u

/* Flag characters, as bits of fmt_spec.flags. */
#define FMT_LEFT    (1u << 0)   /* '-' */
#define FMT_ZERO    (1u << 1)   /* '0' */
#define FMT_PLUS    (1u << 2)   /* '+' */
#define FMT_SPACE   (1u << 3)   /* ' ' */
#define FMT_ALT     (1u << 4)   /* '#' */

enum fmt_len {
	FMT_LEN_NONE, FMT_LEN_HH, FMT_LEN_H, FMT_LEN_L, FMT_LEN_LL,
	FMT_LEN_Z, FMT_LEN_T, FMT_LEN_J,
};

struct fmt_spec {
	unsigned flags;
	int width;              /* 0 when none */
	int prec;               /* FMT_NO_PREC when none */
	enum fmt_len len;
	char conv;              /* conversion character; '\0' if the format ended */
};

struct fmt_out {
	format_put_fn put;
	void *ctx;
	int count;              /* characters emitted so far */
};

/* ---- output helpers ---- */

static void fmt_putc(struct fmt_out *o, char c)
{
	o->put(c, o->ctx);
	o->count++;
}

static void fmt_repeat(struct fmt_out *o, char c, int n)
{
	while (n-- > 0)
		fmt_putc(o, c);
}

static void fmt_write(struct fmt_out *o, const char *s, int n)
{
	for (int i = 0; i < n; i++)
		fmt_putc(o, s[i]);
}

/* Length of s, reading at most max characters (all of s if max < 0). */
static int fmt_strnlen(const char *s, int max)
{
	int n = 0;

	while ((max < 0 || n < max) && s[n] != '\0')
		n++;
	return n;
}

/* Emit n characters of body, space-padded to the field width. */
static void fmt_field(struct fmt_out *o, const struct fmt_spec *sp,
		      const char *body, int n)
{
	int pad = sp->width - n;

	if (!(sp->flags & FMT_LEFT))
		fmt_repeat(o, ' ', pad);
	fmt_write(o, body, n);
	if (sp->flags & FMT_LEFT)
		fmt_repeat(o, ' ', pad);
}

/* ---- digits ---- */

/*
 * *v /= 10, returning the remainder, with 32-bit operations only.
 * With v = hi*2^32 + lo and hi = 10*q + r, v/10 = q*2^32 + (r*2^32 + lo)/10,
 * and r*2^32 = r*(10*FMT_2P32_DIV10 + FMT_2P32_MOD10). Since r <= 9 every
 * partial sum below is at most the true low quotient, so none overflows.
 */
static uint32_t fmt_divmod10(uint64_t *v)
{
	uint32_t hi = (uint32_t)(*v >> 32);
	uint32_t lo = (uint32_t)*v;
	uint32_t r = hi % 10;
	uint32_t small = r * FMT_2P32_MOD10 + lo % 10;     /* <= 63 */
	uint32_t qlo = r * FMT_2P32_DIV10 + lo / 10 + small / 10;

	*v = ((uint64_t)(hi / 10) << 32) | qlo;
	return small % 10;
}

/* Write v in decimal so that it ends just before end; returns digit count. */
static int fmt_dec(uint64_t v, char *end)
{
	char *p = end;
	uint32_t w;

	while (v > UINT32_MAX)
		*--p = (char)('0' + fmt_divmod10(&v));
	w = (uint32_t)v;
	do {
		*--p = (char)('0' + w % 10);
		w /= 10;
	} while (w != 0);
	return (int)(end - p);
}

/* Write v in hex so that it ends just before end; returns digit count. */
static int fmt_hex(uint64_t v, bool upper, char *end)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *p = end;

	do {
		*--p = digits[v & FMT_HEX_MASK];
		v >>= FMT_HEX_BITS;
	} while (v != 0);
	return (int)(end - p);
}

/* ---- integers ---- */

/*
 * Emit prefix (sign or "0x") and the digits, padded as C does: the
 * precision is a minimum digit count and disables the '0' flag; otherwise
 * '0' pads with zeros between the prefix and the digits.
 */
static void fmt_number(struct fmt_out *o, const struct fmt_spec *sp,
		       const char *prefix, const char *digits, int n)
{
	int plen = fmt_strnlen(prefix, -1);
	int zeros = 0;
	int pad;

	if (sp->prec != FMT_NO_PREC) {
		if (sp->prec > n)
			zeros = sp->prec - n;
	} else if ((sp->flags & FMT_ZERO) && !(sp->flags & FMT_LEFT)) {
		if (sp->width > plen + n)
			zeros = sp->width - plen - n;
	}
	pad = sp->width - plen - zeros - n;
	if (!(sp->flags & FMT_LEFT))
		fmt_repeat(o, ' ', pad);
	fmt_write(o, prefix, plen);
	fmt_repeat(o, '0', zeros);
	fmt_write(o, digits, n);
	if (sp->flags & FMT_LEFT)
		fmt_repeat(o, ' ', pad);
}

/* Format magnitude v in decimal or hex after prefix. */
static void fmt_integer(struct fmt_out *o, const struct fmt_spec *sp,
			const char *prefix, uint64_t v, bool hex)
{
	char buf[FMT_DIGITS_MAX];
	char *end = buf + sizeof(buf);
	int n;

	if (v == 0 && sp->prec == 0)
		n = 0;          /* C: an explicit zero precision prints no "0" */
	else if (hex)
		n = fmt_hex(v, sp->conv == 'X', end);
	else
		n = fmt_dec(v, end);
	fmt_number(o, sp, prefix, end - n, n);
}

static uint64_t fmt_arg_unsigned(va_list *ap, enum fmt_len len)
{
	switch (len) {
	case FMT_LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
	case FMT_LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
	case FMT_LEN_L:  return va_arg(*ap, unsigned long);
	case FMT_LEN_LL: return va_arg(*ap, unsigned long long);
	case FMT_LEN_Z:  return va_arg(*ap, size_t);
	case FMT_LEN_T:  return (size_t)va_arg(*ap, ptrdiff_t);
	case FMT_LEN_J:  return va_arg(*ap, uintmax_t);
	default:         return va_arg(*ap, unsigned int);
	}
}

static int64_t fmt_arg_signed(va_list *ap, enum fmt_len len)
{
	switch (len) {
	case FMT_LEN_HH: return (signed char)va_arg(*ap, int);
	case FMT_LEN_H:  return (short)va_arg(*ap, int);
	case FMT_LEN_L:  return va_arg(*ap, long);
	case FMT_LEN_LL: return va_arg(*ap, long long);
	case FMT_LEN_Z:  /* the signed type matching size_t has ptrdiff_t's size */
	case FMT_LEN_T:  return va_arg(*ap, ptrdiff_t);
	case FMT_LEN_J:  return va_arg(*ap, intmax_t);
	default:         return va_arg(*ap, int);
	}
}

static void fmt_signed(struct fmt_out *o, const struct fmt_spec *sp, va_list *ap)
{
	int64_t v = fmt_arg_signed(ap, sp->len);
	/* Negate in unsigned arithmetic so INT64_MIN has a magnitude too. */
	uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	const char *sign = "";

	if (v < 0)
		sign = "-";
	else if (sp->flags & FMT_PLUS)
		sign = "+";
	else if (sp->flags & FMT_SPACE)
		sign = " ";
	fmt_integer(o, sp, sign, mag, false);
}

static void fmt_unsigned(struct fmt_out *o, const struct fmt_spec *sp, va_list *ap)
{
	uint64_t v = fmt_arg_unsigned(ap, sp->len);
	bool hex = sp->conv == 'x' || sp->conv == 'X';
	const char *prefix = "";

	if (hex && (sp->flags & FMT_ALT) && v != 0)
		prefix = sp->conv == 'X' ? "0X" : "0x";
	fmt_integer(o, sp, prefix, v, hex);
}

/* "0x" and at least FMT_PTR_DIGITS hex digits, as the precision does. */
static void fmt_pointer(struct fmt_out *o, const struct fmt_spec *sp, va_list *ap)
{
	struct fmt_spec ps = *sp;
	uintptr_t v = (uintptr_t)va_arg(*ap, void *);

	if (ps.prec < FMT_PTR_DIGITS)
		ps.prec = FMT_PTR_DIGITS;
	fmt_integer(o, &ps, "0x", v, true);
}

/* ---- parsing ---- */

/* Parse decimal digits at *f, saturating at FMT_FIELD_MAX. */
static int fmt_parse_num(const char **f)
{
	int n = 0;

	for (; **f >= '0' && **f <= '9'; (*f)++) {
		n = n * 10 + (**f - '0');
		if (n > FMT_FIELD_MAX)
			n = FMT_FIELD_MAX;
	}
	return n;
}

static int fmt_clamp(int n)
{
	return n > FMT_FIELD_MAX ? FMT_FIELD_MAX : n;
}

static unsigned fmt_flag(char c)
{
	switch (c) {
	case '-': return FMT_LEFT;
	case '0': return FMT_ZERO;
	case '+': return FMT_PLUS;
	case ' ': return FMT_SPACE;
	case '#': return FMT_ALT;
	default:  return 0;
	}
}

/* A '*' width: negative means '-' plus the absolute value, as in C. */
static void fmt_star_width(struct fmt_spec *sp, va_list *ap)
{
	int w = va_arg(*ap, int);

	if (w < 0) {
		sp->flags |= FMT_LEFT;
		w = w < -FMT_FIELD_MAX ? FMT_FIELD_MAX : -w;
	}
	sp->width = fmt_clamp(w);
}

/* Parse ".N" or ".*" at f, if present; a negative '*' means none. */
static const char *fmt_parse_prec(const char *f, struct fmt_spec *sp, va_list *ap)
{
	int p;

	if (*f != '.')
		return f;
	f++;
	if (*f == '*') {
		p = va_arg(*ap, int);
		sp->prec = p < 0 ? FMT_NO_PREC : fmt_clamp(p);
		return f + 1;
	}
	sp->prec = fmt_parse_num(&f);   /* "." alone means zero */
	return f;
}

/* Parse an optional length modifier; a doubled 'h' or 'l' is one modifier. */
static const char *fmt_parse_len(const char *f, enum fmt_len *len)
{
	switch (*f) {
	case 'h':
		*len = f[1] == 'h' ? FMT_LEN_HH : FMT_LEN_H;
		return f[1] == 'h' ? f + 2 : f + 1;
	case 'l':
		*len = f[1] == 'l' ? FMT_LEN_LL : FMT_LEN_L;
		return f[1] == 'l' ? f + 2 : f + 1;
	case 'z': *len = FMT_LEN_Z; return f + 1;
	case 't': *len = FMT_LEN_T; return f + 1;
	case 'j': *len = FMT_LEN_J; return f + 1;
	default:  *len = FMT_LEN_NONE; return f;
	}
}

/*
 * Parse flags, width, precision and length starting just after a '%'.
 * Returns a pointer to the conversion character (which is '\0' if the
 * format ended early), also stored in sp->conv.
 */
static const char *fmt_parse_spec(const char *f, struct fmt_spec *sp, va_list *ap)
{
	sp->flags = 0;
	sp->width = 0;
	sp->prec = FMT_NO_PREC;
	for (; fmt_flag(*f) != 0; f++)
		sp->flags |= fmt_flag(*f);
	if (*f == '*') {
		fmt_star_width(sp, ap);
		f++;
	} else {
		sp->width = fmt_parse_num(&f);
	}
	f = fmt_parse_prec(f, sp, ap);
	f = fmt_parse_len(f, &sp->len);
	sp->conv = *f;
	return f;
}

/* Perform one conversion; false if sp->conv is not one we know. */
static bool fmt_convert(struct fmt_out *o, const struct fmt_spec *sp, va_list *ap)
{
	const char *s;
	char c;

	switch (sp->conv) {
	case 'd': case 'i':
		fmt_signed(o, sp, ap);
		return true;
	case 'u': case 'x': case 'X':
		fmt_unsigned(o, sp, ap);
		return true;
	case 'p':
		fmt_pointer(o, sp, ap);
		return true;
	case 's':
		s = va_arg(*ap, const char *);
		if (s == NULL)
			s = "(null)";
		fmt_field(o, sp, s, fmt_strnlen(s, sp->prec));
		return true;
	case 'c':
		c = (char)va_arg(*ap, int);
		fmt_field(o, sp, &c, 1);
		return true;
	case '%':
		fmt_putc(o, '%');
		return true;
	default:
		return false;
	}
}

/* ---- public interface ---- */

int kvformat(format_put_fn put, void *ctx, const char *fmt, va_list ap)
{
	struct fmt_out o = { put, ctx, 0 };
	struct fmt_spec sp;
	const char *p = fmt;
	const char *start;
	va_list args;

	/* A copy we can pass by pointer: va_list may be an array type. */
	va_copy(args, ap);
	while (*p != '\0') {
		if (*p != '%') {
			fmt_putc(&o, *p++);
			continue;
		}
		start = p;
		p = fmt_parse_spec(p + 1, &sp, &args);
		/* Unknown or cut-off conversion: show it as written. */
		if (!fmt_convert(&o, &sp, &args))
			fmt_write(&o, start, (int)(p - start) + (*p != '\0'));
		if (*p != '\0')
			p++;
	}
	va_end(args);
	return o.count;
}

/* kvsnprintf's sink: stores while room remains, always counts. */
struct fmt_buf {
	char *buf;
	size_t size;
	size_t pos;     /* characters produced, stored or not */
};

static void fmt_buf_put(char c, void *ctx)
{
	struct fmt_buf *b = ctx;

	if (b->pos + 1 < b->size)       /* keep the last byte for the NUL */
		b->buf[b->pos] = c;
	b->pos++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_buf b = { buf, size, 0 };
	int n = kvformat(fmt_buf_put, &b, fmt, ap);

	if (size > 0)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
