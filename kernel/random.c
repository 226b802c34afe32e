/*
 * random.c - xorshift128+ (see random.h).
 */
#include "kernel/random.h"
#include "kernel/x86.h"

static uint64_t s0 = 0x9e3779b97f4a7c15ull, s1 = 0xbf58476d1ce4e5b9ull;

static uint64_t next(void)
{
	uint64_t a = s0, b = s1;
	s0 = b;
	a ^= a << 23;
	s1 = a ^ b ^ (a >> 17) ^ (b >> 26);
	return s1 + b;
}

void random_init(uint64_t seed)
{
	s0 ^= seed;
	s1 ^= rdtsc();
	for (int i = 0; i < 16; i++)
		next();
}

void random_bytes(void *buf, size_t n)
{
	uint8_t *p = buf;
	uint32_t f = irq_save();
	while (n) {
		uint64_t r = next();
		for (int i = 0; i < 8 && n; i++, n--, r >>= 8)
			*p++ = (uint8_t)r;
	}
	irq_restore(f);
}
