/*
 * string.c - memory and string primitives for the kernel (no libc here).
 * memcpy/memset use "rep" string instructions: short, and fast under QEMU.
 */
#include "kernel/string.h"
#include <stdint.h>

void *(memset)(void *d, int c, size_t n)
{
	void *ret = d;
	uint32_t fill = (uint8_t)c * 0x01010101u;
	size_t words = n / 4, rest = n % 4;
	__asm__ volatile("rep stosl" : "+D"(d), "+c"(words) : "a"(fill) : "memory");
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(rest) : "a"(fill) : "memory");
	return ret;
}

void *(memcpy)(void *d, const void *s, size_t n)
{
	void *ret = d;
	size_t words = n / 4, rest = n % 4;
	__asm__ volatile("rep movsl" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(rest) : : "memory");
	return ret;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (dp <= sp || dp >= sp + n)
		return memcpy(d, s, n);
	while (n--)                        /* overlapping, destination above */
		dp[n] = sp[n];
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncmp(hay, needle, n) == 0)
			return (char *)hay;
	return n ? NULL : (char *)hay;
}

int split_words(char *s, char *words[], int max)
{
	int n = 0;
	while (*s && n < max) {
		while (*s == ' ')
			*s++ = '\0';
		if (!*s)
			break;
		words[n++] = s;
		while (*s && *s != ' ')
			s++;
	}
	words[n] = NULL;
	return n;
}

size_t strlcpy(char *d, const char *s, size_t size)
{
	size_t len = strlen(s);
	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return len;
}
