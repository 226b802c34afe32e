/*
 * uvm_test.c - in-guest tests of user memory areas that need the kernel's
 * hands: failures injected into the frame allocator (suite "uvm"). Each
 * test runs in a fresh address space with an mm of its own; pages are
 * faulted in with uvm_fault, as a user access would.
 */
#include "uapi/errno.h"
#include "kernel/ktest.h"
#include "mm/frame.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "mm/vmm.h"

#define AREA_START  0x40000000u
#define AREA_PAGES  (3 * PT_ENTRIES)       /* moved, they need three new tables */
#define STRIDE      (PT_ENTRIES / 2)       /* pages touched: every 2 MiB */
#define GROWN       (64u << 20)
#define MAX_TRIES   32                     /* allocations a move may make */

struct uvm_env {
	struct vm_space *space, *old;
	struct mm *mm;
};

/* The test's thread takes the space and mm as its process's own, as uvm.h
 * asks (and asserts): a preemption then switches back into this space. */
static void env_enter(struct uvm_env *e)
{
	struct process *p = current_process();
	e->old = p->vm;
	e->space = vmm_space_create();
	e->mm = mm_create();
	p->vm = e->space;                      /* before the switch, as proc_exit */
	p->mm = e->mm;
	vmm_space_switch(e->space);
}

static void env_leave(struct uvm_env *e)
{
	struct process *p = current_process();
	mm_destroy(e->mm);
	p->mm = NULL;
	p->vm = e->old;
	vmm_space_switch(e->old);
	vmm_space_destroy(e->space);
}

static uint32_t page_at(uint32_t base, uint32_t i) { return base + i * STRIDE * PAGE_SIZE; }

static bool pages_intact(uint32_t base)
{
	for (uint32_t i = 0; i * STRIDE < AREA_PAGES; i++)
		if (!vmm_translate(page_at(base, i), NULL, NULL) ||
		    *(volatile uint32_t *)page_at(base, i) != i + 1)
			return false;
	return true;
}

/* Regression test for "mremap loses data": when a page table for the new
 * place could not be allocated, the page being moved was freed and mremap
 * still returned success. Every allocation the move makes is failed in
 * turn: each attempt must fail whole (-ENOMEM, the area where it was, every
 * touched page's data in it), until one succeeds with the data moved
 * (page tables made by a failed attempt stay, so a few failures suffice). */
KTEST(uvm, mremap_failing_allocation_loses_nothing)
{
	uint32_t free0 = ktest_frames_outside_heap();
	struct uvm_env e;
	env_enter(&e);
	uint32_t end = AREA_START + AREA_PAGES * PAGE_SIZE;
	KEXPECT_EQ(mm_add_area(e.mm, AREA_START, end, PROT_READ | PROT_WRITE, VMA_ANON), 0);
	for (uint32_t i = 0; i * STRIDE < AREA_PAGES; i++) {
		KEXPECT_EQ(uvm_fault(e.mm, page_at(AREA_START, i), true), 0);
		*(volatile uint32_t *)page_at(AREA_START, i) = i + 1;
	}
	/* Something just above, so that the area cannot grow in place. */
	KEXPECT_EQ(mm_add_area(e.mm, end, end + PAGE_SIZE, PROT_READ, VMA_ANON), 0);
	long r = -ENOMEM;
	uint32_t failures = 0;
	for (uint32_t n = 1; n <= MAX_TRIES && r == -ENOMEM; n++) {
		frame_fail_after(n);
		r = mm_remap(e.mm, AREA_START, AREA_PAGES * PAGE_SIZE, GROWN, true);
		frame_fail_after(0);
		if (r == -ENOMEM) {
			failures++;
			KEXPECT(mm_find_area(e.mm, AREA_START) && pages_intact(AREA_START));
		}
	}
	KEXPECT(failures > 0);                   /* the injection did hit the move */
	/* An address, not -errno (addresses above 2 GiB are negative longs). */
	bool moved = r != -ENOMEM && (uint32_t)r != AREA_START && page_offset((uint32_t)r) == 0;
	KEXPECT(moved);
	if (moved)
		KEXPECT(pages_intact((uint32_t)r) && !mm_find_area(e.mm, AREA_START));
	ktest_diag("mremap failed whole %u times before it moved", failures);
	env_leave(&e);
	KEXPECT_EQ(ktest_frames_outside_heap(), free0);
}
