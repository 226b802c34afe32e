/*
 * aslr.h - address-space layout randomization, as Linux does it on i386.
 *
 * At each execve, with randomize_va_space at 1 or more:
 *  - the stack's top is up to ASLR_STACK_PAGES pages (8 MiB, Linux's
 *    STACK_RND_MASK 0x7ff) below USER_STACK_TOP, and the first stack
 *    pointer up to ASLR_SP_BYTES (8 KiB, arch_align_stack) below the
 *    strings at its top;
 *  - the mmap base (mm->mmap_top, where mmap searches down from) is up
 *    to ASLR_MMAP_PAGES pages (1 MiB: mmap_rnd_bits 8) below USER_MMAP_TOP
 *    (the ELF interpreter, ld.so, is placed there like a mapping);
 *  - a PIE's load base is up to ASLR_MMAP_PAGES pages above
 *    ELF_ET_DYN_BASE (Linux's arch_mmap_rnd added to the load bias);
 * and with 2 (the default) also
 *  - the heap start (brk) is up to ASLR_BRK_BYTES (32 MiB) above the end
 *    of the program's last segment (arch_randomize_brk).
 * 0 turns it all off: `norandmaps` on the command line starts there, and
 * /proc/sys/kernel/randomize_va_space reads and sets it (0, 1 or 2). The
 * level at execve decides for the new image; later changes do not move
 * it. The offsets come from kernel/entropy.h (the CPU's RDRAND or RDSEED
 * when it has them). AT_RANDOM's 16 bytes come from there too, at every
 * level, as on Linux. A process's personality(2) with ADDR_NO_RANDOMIZE
 * turns it off for its own execs (setarch -R), unless the program is
 * set-user/group-id (Linux's PER_CLEAR_ON_SETID).
 */
#ifndef MM_ASLR_H
#define MM_ASLR_H

#include <stdbool.h>
#include <stdint.h>

#define ASLR_STACK_PAGES 0x800u           /* offsets 0 .. 0x7ff pages */
#define ASLR_SP_BYTES    8192u
#define ASLR_MMAP_PAGES  0x100u
#define ASLR_BRK_BYTES   (32u << 20)

enum aslr_level { ASLR_OFF = 0, ASLR_STACK_MMAP = 1, ASLR_FULL = 2 };

/* Boot: norandmaps given or not. */
void aslr_init(bool norandmaps);
/* randomize_va_space: the level now, and its setter (-EINVAL outside 0..2). */
int aslr_level(void);
int aslr_set_level(long level);

/* One execve's layout, fixed when it starts (its level then; none at
 * all when randomize is false: the caller's personality asked for
 * ADDR_NO_RANDOMIZE, proc/exec.c). */
struct aslr_layout {
	uint32_t stack_top;     /* the stack area's end: USER_STACK_TOP - pages */
	uint32_t sp_offset;     /* bytes below the strings for the first esp (16-aligned) */
	uint32_t mmap_top;      /* mmap's top-down search starts here */
	uint32_t brk_offset;    /* added to the heap start (page multiple) */
	uint32_t dyn_offset;    /* added to a PIE's load base (page multiple) */
};
void aslr_choose(struct aslr_layout *l, bool randomize);

#endif
