/*
 * vm_limits.c - the limits on a process's address space: RLIMIT_AS over
 * the sum of its areas, and RLIMIT_STACK over the stack area, which grows
 * down on demand as Linux's VM_GROWSDOWN area does.
 *
 * execve makes the stack area only as large as the arguments need plus
 * STACK_EXPAND (Linux's setup_arg_pages), within RLIMIT_STACK. A fault in
 * the free space just below it grows it to the faulting page when the
 * area then spans at most RLIMIT_STACK (read at the fault, so setrlimit
 * applies at once), leaves STACK_GUARD_GAP to the area below and keeps
 * the space within RLIMIT_AS; otherwise the fault is a plain SIGSEGV
 * (SEGV_MAPERR), as Linux's expand_stack failing. Everything here runs
 * under the mm's lock, like every change to the areas (uvm.h).
 */
#include "mm/uvm.h"
#include "mm/layout.h"
#include "kernel/panic.h"
#include "proc/cred.h"
#include "uapi/resource.h"

#define STACK_GUARD_GAP (256u * PAGE_SIZE)   /* Linux's stack_guard_gap */

/* The bytes of user space mm's areas cover (Linux's total_vm). */
static uint64_t mm_total(struct mm *mm)
{
	uint64_t total = 0;
	for (struct vma *v = mm->vmas; v; v = v->next)
		total += v->end - v->start;
	return total;
}

/* The bytes of [start, end) that areas cover already. */
static uint64_t mm_covered(struct mm *mm, uint32_t start, uint32_t end)
{
	uint64_t n = 0;
	for (struct vma *v = mm->vmas; v && v->start < end; v = v->next)
		if (v->end > start)
			n += (v->end < end ? v->end : end) - (v->start > start ? v->start : start);
	return n;
}

bool mm_may_map(struct mm *mm, uint32_t start, uint32_t end)
{
	assert_sleeplock_held(&mm->lock);
	uint64_t limit = rlimit_cur(RLIMIT_AS);
	if (limit == RLIM64_INFINITY)
		return true;                     /* the common case walks nothing */
	return mm_total(mm) - mm_covered(mm, start, end) + (end - start) <= limit;
}

bool mm_may_grow(struct mm *mm, uint32_t bytes)
{
	assert_sleeplock_held(&mm->lock);
	uint64_t limit = rlimit_cur(RLIMIT_AS);
	return limit == RLIM64_INFINITY || mm_total(mm) + bytes <= limit;
}

uint32_t mm_stack_initial(uint32_t need)
{
	uint64_t limit = rlimit_cur(RLIMIT_STACK) & ~(uint64_t)(PAGE_SIZE - 1);
	uint64_t size = (uint64_t)page_up(need) + STACK_EXPAND;
	if (size > limit)
		size = limit > need ? limit : page_up(need);   /* the arguments fit, whatever the limit */
	return size > USER_STACK_MAX ? USER_STACK_MAX : (uint32_t)size;
}

bool mm_grow_stack(struct mm *mm, uint32_t addr)
{
	assert_sleeplock_held(&mm->lock);
	struct vma *prev = NULL, *s = mm->vmas;
	while (s && s->end <= addr) {            /* the first area ending above addr */
		prev = s;
		s = s->next;
	}
	if (!s || s->kind != VMA_STACK || addr >= s->start || addr < USER_BASE)
		return false;
	uint32_t start = page_down(addr);
	if ((uint64_t)(s->end - start) > rlimit_cur(RLIMIT_STACK))
		return false;
	if (prev && start - prev->end < STACK_GUARD_GAP)
		return false;
	if (!mm_may_grow(mm, s->start - start))
		return false;
	s->start = start;
	return true;
}
