/*
 * entropy.h - unpredictable bits for the kernel's secrets: the stack
 * protector's canary, the ASLR offsets, AT_RANDOM and the seed of the
 * kernel's generator (kernel/random.h).
 *
 * From the CPU's generator when CPUID reports one (RDSEED, else RDRAND),
 * else from boot-time jitter: the low bits of the time stamp counter
 * across work whose duration varies (CPUID, port I/O). Jitter is weak on
 * a machine whose TSC counts instructions (QEMU's -icount, as the
 * benchmarks run): there only the RTC's second varies between boots, and
 * under -rtc base=... not even that; say so to whoever relies on it.
 */
#ifndef KERNEL_ENTROPY_H
#define KERNEL_ENTROPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Does the CPU have RDRAND or RDSEED? (Probed on first use.) */
bool entropy_from_cpu(void);
/* 32 unpredictable bits (as far as the source allows). */
uint32_t entropy_u32(void);
/* "RDSEED", "RDRAND" or "TSC jitter": what entropy_u32 draws from. */
const char *entropy_source(void);
/* n bytes for a secret made often (AT_RANDOM, ASLR offsets at each
 * execve): the CPU's generator when it has one, else kernel/random.c's,
 * which the boot seeded with entropy_u32 (jitter costs thousands of
 * instructions a word: too much for every execve). */
void entropy_bytes(void *buf, size_t n);

#endif
