/*
 * random.h - the kernel's random bytes (getrandom, AT_RANDOM).
 * xorshift128+ seeded from the TSC and the RTC at boot: unpredictable
 * enough for address-free uses, NOT cryptographic (say so to users).
 */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <stddef.h>
#include <stdint.h>

void random_init(uint64_t seed);
void random_bytes(void *buf, size_t n);

#endif
