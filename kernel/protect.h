/*
 * protect.h - the CPU's guards against the kernel's own slips: SMEP and
 * SMAP, switched on at boot when CPUID reports them.
 *
 *  - SMEP (CR4 bit 20): the kernel may not execute a user page. An exploit
 *    that bends a kernel pointer to code it placed in user memory faults.
 *  - SMAP (CR4 bit 21): the kernel may not read or write a user page
 *    unless EFLAGS.AC is set. AC is set only inside the user-copy doors
 *    (mm/usercopy_raw.asm: copy_from_user, copy_to_user, clear_user and
 *    the string copies built on them) with STAC, and cleared by CLAC on
 *    their way out and on every trap entry (kernel/isr.asm), so a kernel
 *    path touching user memory any other way faults, and mm/fault.c
 *    reports it by name.
 *
 * STAC and CLAC are #UD on a CPU without SMAP; they are assembled as NOPs
 * and patched in by protect_init (kernel/smap.inc).
 */
#ifndef KERNEL_PROTECT_H
#define KERNEL_PROTECT_H

#include <stdbool.h>

/* Probe CPUID, patch the STAC/CLAC sites, set CR4.SMEP/SMAP. Call first
 * thing in kmain: the image's text is still writable (boot map) and no
 * trap can have happened yet. */
void protect_init(void);
bool smep_enabled(void);
bool smap_enabled(void);

/* A STAC or CLAC site in C (third byte 0xcb or 0xca), as kernel/smap.inc
 * makes them in assembly: a NOP until protect_init patches it. */
#define SMAP_SITE_C(third)                                                   \
	__asm__ volatile("1: .byte 0x0f, 0x1f, 0x00\n\t"                     \
			 ".pushsection .smap_sites, \"a\"\n\t"                  \
			 ".long 1b, " #third "\n\t"                               \
			 ".popsection" : : : "memory")

/* Open user memory to the kernel, and shut it again, around code that
 * stands in for user code: the in-guest tests' direct accesses to the
 * user pages they made. Kernel code proper goes through copy_*_user. A
 * fault in between is handled as a user copy's would be (demand paging). */
static inline void user_access_begin(void) { SMAP_SITE_C(0xcb); }
static inline void user_access_end(void) { SMAP_SITE_C(0xca); }

#endif
