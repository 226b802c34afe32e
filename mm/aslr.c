/*
 * aslr.c - randomize_va_space and the choice of one execve's layout (see
 * aslr.h).
 */
#include "mm/aslr.h"
#include "mm/layout.h"
#include "mm/uvm.h"
#include "kernel/entropy.h"
#include "uapi/errno.h"

#define SP_ALIGN 16u                      /* the i386 ABI's stack alignment */

/* A word: read and written whole, by the proc file and by every execve. */
static volatile int level = ASLR_FULL;

void aslr_init(bool norandmaps)
{
	level = norandmaps ? ASLR_OFF : ASLR_FULL;
}

int aslr_level(void) { return level; }

int aslr_set_level(long l)
{
	if (l < ASLR_OFF || l > ASLR_FULL)
		return -EINVAL;
	level = (int)l;
	return 0;
}

/* A random number below range (a power of two). */
static uint32_t below(uint32_t r, uint32_t range) { return r & (range - 1); }

void aslr_choose(struct aslr_layout *l, bool randomize)
{
	uint32_t r[5] = { 0, 0, 0, 0, 0 };
	int lv = randomize ? level : ASLR_OFF;
	if (lv >= ASLR_STACK_MMAP)
		entropy_bytes(r, sizeof(r));
	l->stack_top = USER_STACK_TOP - below(r[0], ASLR_STACK_PAGES) * PAGE_SIZE;
	l->sp_offset = below(r[1], ASLR_SP_BYTES) & ~(SP_ALIGN - 1);
	l->mmap_top = USER_MMAP_TOP - below(r[2], ASLR_MMAP_PAGES) * PAGE_SIZE;
	l->brk_offset = lv >= ASLR_FULL ? below(r[3], ASLR_BRK_BYTES) & PAGE_MASK : 0;
	l->dyn_offset = below(r[4], ASLR_MMAP_PAGES) * PAGE_SIZE;
}
