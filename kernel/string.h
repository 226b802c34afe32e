/*
 * string.h - the kernel's memory and string primitives. gcc may emit calls
 * to memcpy/memset/memmove/memcmp on its own (struct copies), so these keep
 * their standard names and semantics.
 */
#ifndef KERNEL_STRING_H
#define KERNEL_STRING_H

#include <stddef.h>

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

/* The kernel builds with -fno-builtin, so every memcpy and memset is a
 * call, even for a ten-byte field: a constant size up to INLINE_COPY_MAX
 * goes to the compiler's own expansion instead (a few moves, no call, no
 * rep prologue). The functions above stay for everything else. */
#define INLINE_COPY_MAX 64
#define memcpy(d, s, n)                                                          \
	(__builtin_constant_p(n) && (n) <= INLINE_COPY_MAX ? __builtin_memcpy(d, s, n) \
							    : (memcpy)(d, s, n))
#define memset(d, c, n)                                                          \
	(__builtin_constant_p(n) && (n) <= INLINE_COPY_MAX ? __builtin_memset(d, c, n) \
							    : (memset)(d, c, n))
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strstr(const char *hay, const char *needle);
/* Split s in place at spaces into at most max words, NULL after the last:
 * the number of words. */
int split_words(char *s, char *words[], int max);
/* Copy at most size-1 bytes and always terminate (size > 0). */
size_t strlcpy(char *d, const char *s, size_t size);

#endif
