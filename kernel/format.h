/*
 * format.h - the kernel's printf engine.
 *
 * kvformat() turns a printf-style format into characters handed one at a
 * time to a caller-supplied put function, so the console, the serial port
 * and string buffers all share one implementation. It uses no allocator
 * and no libc, so it can run before memory management is up and is also
 * compiled on the host for unit tests.
 *
 * Supported: %d %i %u %x %X %p %s %c %%; flags '-' '0' '+' ' ' '#';
 * width and precision as digits or '*'; length modifiers hh h l ll z t j.
 * Deviations from C, chosen so a bad format never hides a message:
 *   - an unknown or incomplete conversion ("%q", a trailing "%") is
 *     printed literally;
 *   - %s of NULL prints "(null)" (cut by the precision like any string);
 *   - %p prints "0x" and at least 8 hex digits, never "(nil)".
 */
#ifndef KERNEL_FORMAT_H
#define KERNEL_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives each output character in order; ctx is passed through untouched. */
typedef void (*format_put_fn)(char c, void *ctx);

/* Format into put; returns the number of characters emitted. */
int kvformat(format_put_fn put, void *ctx, const char *fmt, va_list ap);

/*
 * C99 snprintf semantics: writes at most size-1 characters plus a NUL when
 * size > 0 (buf may be NULL when size is 0) and returns the length the
 * whole output would have had, so a result >= size means it was cut.
 */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
