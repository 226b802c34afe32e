/*
 * textbuf.c - printf into a fixed buffer (see textbuf.h).
 */
#include "fs/textbuf.h"
#include "kernel/format.h"
#include <stdarg.h>

void tb_init(struct textbuf *tb, char *buf, uint32_t cap)
{
	*tb = (struct textbuf){ .buf = buf, .cap = cap };
}

void tb_putc(struct textbuf *tb, char c)
{
	if (tb->len < tb->cap)
		tb->buf[tb->len++] = c;
	else
		tb->overflow = true;
}

static void put(char c, void *ctx)
{
	tb_putc(ctx, c);
}

void tb_printf(struct textbuf *tb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kvformat(put, tb, fmt, ap);
	va_end(ap);
}

void tb_write(struct textbuf *tb, const void *data, uint32_t n)
{
	const char *p = data;
	for (uint32_t i = 0; i < n; i++)
		tb_putc(tb, p[i]);
}

void tb_pad_to(struct textbuf *tb, uint32_t line_start, uint32_t col)
{
	while (tb->len - line_start < col && !tb->overflow)
		tb_putc(tb, ' ');
}
