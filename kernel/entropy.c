/*
 * entropy.c - the CPU's random number generator or TSC jitter (see
 * entropy.h). Safe to call before anything else is up: it needs only
 * CPUID and RDTSC (the stack protector's canary is its first user).
 */
#include "kernel/entropy.h"
#include "kernel/random.h"
#include "kernel/string.h"
#include "kernel/x86.h"

#define CPUID1_ECX_RDRAND    (1u << 30)
#define CPUID7_EBX_RDSEED    (1u << 18)
#define CPUID_LEAF_FEATURES7 7
#define HW_TRIES             10       /* Intel: RDRAND may fail; retry ~10 times */
#define JITTER_ROUNDS        64
#define JITTER_PORT          0x80     /* POST port: a write is harmless, its timing varies */

enum source { SOURCE_UNKNOWN, SOURCE_RDSEED, SOURCE_RDRAND, SOURCE_JITTER };
static enum source source;            /* probed once, on first use (boot, one CPU) */

static enum source probe(void)
{
	uint32_t r[4];
	cpuid(0, r);
	uint32_t max = r[0];
	if (max >= CPUID_LEAF_FEATURES7) {
		cpuid(CPUID_LEAF_FEATURES7, r);
		if (r[1] & CPUID7_EBX_RDSEED)
			return SOURCE_RDSEED;
	}
	cpuid(1, r);
	return (r[2] & CPUID1_ECX_RDRAND) ? SOURCE_RDRAND : SOURCE_JITTER;
}

static enum source current_source(void)
{
	if (source == SOURCE_UNKNOWN)
		source = probe();
	return source;
}

/* One RDSEED or RDRAND; false when the CPU had no value ready (CF clear). */
static bool hw_u32(enum source s, uint32_t *v)
{
	uint8_t ok;
	if (s == SOURCE_RDSEED)
		__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
	else
		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

static uint32_t rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

/* The TSC's low bits across CPUID and a port write, folded together. */
static uint32_t jitter_u32(void)
{
	uint32_t acc = (uint32_t)rdtsc(), r[4];
	for (int i = 0; i < JITTER_ROUNDS; i++) {
		uint64_t t0 = rdtsc();
		cpuid(0, r);
		outb(JITTER_PORT, (uint8_t)i);
		acc = rotl(acc, 7) ^ (uint32_t)(rdtsc() - t0) ^ (uint32_t)t0;
		acc *= 0x9e3779b1u;              /* spread the few varying bits */
	}
	return acc;
}

bool entropy_from_cpu(void)
{
	return current_source() != SOURCE_JITTER;
}

uint32_t entropy_u32(void)
{
	enum source s = current_source();
	uint32_t v;
	for (int i = 0; s != SOURCE_JITTER && i < HW_TRIES; i++)
		if (hw_u32(s, &v))
			return v;
	return jitter_u32();
}

const char *entropy_source(void)
{
	static const char *const names[] = { "?", "RDSEED", "RDRAND", "TSC jitter" };
	return names[current_source()];
}

void entropy_bytes(void *buf, size_t n)
{
	if (!entropy_from_cpu()) {
		random_bytes(buf, n);
		return;
	}
	uint8_t *p = buf;
	while (n) {
		uint32_t v = entropy_u32();
		size_t k = n < sizeof(v) ? n : sizeof(v);
		memcpy(p, &v, k);
		p += k;
		n -= k;
	}
}
