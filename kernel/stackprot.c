/*
 * stackprot.c - the canary and the report of a smashed stack (see
 * stackprot.h).
 */
#include "kernel/stackprot.h"
#include "kernel/entropy.h"
#include "kernel/ksyms.h"
#include "kernel/panic.h"

#define CANARY_MASK 0xffffff00u       /* the low byte, first in memory, is NUL */
#define CANARY_BOOT 0x5f3c2a00u       /* until stack_protector_init: never 0 */

uint32_t __stack_chk_guard = CANARY_BOOT;

/* Not protected itself: the canary changes under it. */
__attribute__((no_stack_protector)) void stack_protector_init(void)
{
	uint32_t c = entropy_u32() & CANARY_MASK;
	__stack_chk_guard = c ? c : CANARY_BOOT;
}

/* Called by the check at the end of the function whose canary is gone:
 * the return address lies inside it. */
__attribute__((noreturn, no_stack_protector)) void __stack_chk_fail(void)
{
	uint32_t off, ret = (uint32_t)__builtin_return_address(0);
	const char *name = ksym_lookup(ret - 1, &off);
	panic("stack smashed in %s: the stack protector's canary was overwritten",
	      name ? name : "an unknown function");
}
