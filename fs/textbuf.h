/*
 * textbuf.h - text built into a fixed buffer with printf, remembering
 * whether it overflowed (so the caller can retry with a bigger one): what
 * /proc's files are generated into. Pure: host unit tested
 * (tests/unit/test_proc_format.c).
 */
#ifndef FS_TEXTBUF_H
#define FS_TEXTBUF_H

#include <stdbool.h>
#include <stdint.h>

struct textbuf {
	char *buf;
	uint32_t cap;                   /* bytes of buf */
	uint32_t len;                   /* bytes written (at most cap) */
	bool overflow;                  /* something did not fit */
};

void tb_init(struct textbuf *tb, char *buf, uint32_t cap);
void tb_printf(struct textbuf *tb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tb_putc(struct textbuf *tb, char c);
void tb_write(struct textbuf *tb, const void *data, uint32_t n);
/* Spaces up to column col of the current line (Linux's seq_pad). */
void tb_pad_to(struct textbuf *tb, uint32_t line_start, uint32_t col);

#endif
