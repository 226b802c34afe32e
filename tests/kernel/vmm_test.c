/*
 * vmm_test.c - in-guest tests of address spaces, the self-map and the
 * foreign window (suite "vmm").
 */
#include "uapi/errno.h"
#include "kernel/ktest.h"
#include "kernel/x86.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/tmt.h"
#include "mm/vmm.h"

#define TEST_UVA   0x40000000u          /* a user-half address */
#define PATTERN    0xc0ffee11u

/* A kernel address whose page table nothing else creates (top of the heap region). */
#define TEST_KVA   (KHEAP_END - PAGE_SIZE)

KTEST(vmm, map_translate_protect_unmap)
{
	uint32_t free0 = frame_free_count();
	struct vm_space *s = vmm_space_create(), *old = vmm_current();
	KEXPECT(s != NULL);
	vmm_space_switch(s);
	KEXPECT_EQ(vmm_map_new(TEST_UVA, VMM_WRITE | VMM_USER), 0);
	KEXPECT_EQ(vmm_map_new(TEST_UVA, VMM_WRITE), -EEXIST);
	KEXPECT_EQ(ktest_user_read32(TEST_UVA), 0);     /* fresh pages are zeroed */
	ktest_user_write32(TEST_UVA, PATTERN);
	paddr_t pa;
	uint32_t flags;
	KEXPECT(vmm_translate(TEST_UVA + 4, &pa, &flags));
	KEXPECT_EQ(pa & 0xfff, 4);
	KEXPECT((flags & (PTE_P | PTE_W | PTE_U)) == (PTE_P | PTE_W | PTE_U));
	KEXPECT_EQ(vmm_protect(TEST_UVA, VMM_USER), 0);
	KEXPECT(vmm_translate(TEST_UVA, NULL, &flags) && !(flags & PTE_W));
	KEXPECT_EQ(vmm_protect(TEST_UVA + PAGE_SIZE, 0), -EFAULT);
	uint32_t *k = tmt_map(pa & PTE_FRAME);   /* the same frame, through a slot */
	KEXPECT_EQ(*k, PATTERN);
	tmt_unmap(k);
	vmm_unmap_free(TEST_UVA);
	KEXPECT(!vmm_translate(TEST_UVA, NULL, NULL));
	vmm_space_switch(old);
	vmm_space_destroy(s);
	KEXPECT_EQ(frame_free_count(), free0);   /* page, table, directory all back */
}

KTEST(vmm, build_space_through_foreign_window)
{
	uint32_t free0 = frame_free_count(), spaces = vmm_space_count();
	struct vm_space *s = vmm_space_create(), *old = vmm_current();
	KEXPECT(s != NULL);
	KEXPECT_EQ(vmm_space_count(), spaces + 1);
	/* Fill a frame, map it into s without entering s. */
	paddr_t pa = frame_alloc();
	uint32_t *k = tmt_map(pa);
	k[0] = PATTERN;
	k[1023] = ~PATTERN;
	tmt_unmap(k);
	KEXPECT_EQ(vmm_map_in(s, TEST_UVA, pa, VMM_WRITE | VMM_USER), 0);
	KEXPECT_EQ(vmm_map_in(s, TEST_UVA, pa, VMM_WRITE), -EEXIST);
	paddr_t got;
	KEXPECT(vmm_translate_in(s, TEST_UVA, &got, NULL) && got == pa);
	KEXPECT(!vmm_translate(TEST_UVA, NULL, NULL));  /* not in the current space */
	vmm_space_switch(s);
	KEXPECT_EQ(ktest_user_read32(TEST_UVA), PATTERN);
	KEXPECT_EQ(ktest_user_read32(TEST_UVA + PAGE_SIZE - 4), ~PATTERN);
	KEXPECT_EQ(self_pd()[SELF_PDE] & PTE_FRAME, s->pd);
	vmm_space_switch(old);
	vmm_space_destroy(s);                    /* frees pa with the user half */
	KEXPECT_EQ(vmm_space_count(), spaces);
	KEXPECT_EQ(frame_free_count(), free0);
}

KTEST(vmm, kernel_tables_reach_every_space)
{
	struct vm_space *s = vmm_space_create(), *old = vmm_current();
	KEXPECT(s != NULL);
	KEXPECT(!(self_pd()[pde_index(TEST_KVA)] & PTE_P));  /* a table made now */
	KEXPECT_EQ(vmm_map_new(TEST_KVA, VMM_WRITE), 0);
	*(volatile uint32_t *)TEST_KVA = PATTERN;
	vmm_space_switch(s);                     /* created before the table */
	KEXPECT_EQ(*(volatile uint32_t *)TEST_KVA, PATTERN);
	vmm_space_switch(old);
	vmm_unmap_free(TEST_KVA);
	vmm_space_destroy(s);
}

KTEST(vmm, foreign_window_left_empty)
{
	struct vm_space *s = vmm_space_create();
	paddr_t pa;
	KEXPECT(!vmm_translate_in(s, TEST_UVA, &pa, NULL));
	KEXPECT_EQ(self_pd()[FOREIGN_PDE], 0);
	vmm_space_destroy(s);
}

KTEST(vmm, out_of_memory_is_an_error)
{
	/* Take every frame, then ask for a mapping that needs a new table. */
	uint32_t free0 = frame_free_count();
	struct vm_space *s = vmm_space_create(), *old = vmm_current();
	vmm_space_switch(s);
	paddr_t head = FRAME_NONE, pa;
	while ((pa = frame_alloc()) != FRAME_NONE) {   /* chain them through themselves */
		uint32_t *k = tmt_map(pa);
		k[0] = head;
		tmt_unmap(k);
		head = pa;
	}
	KEXPECT_EQ(vmm_map_new(TEST_UVA, VMM_WRITE), -ENOMEM);
	KEXPECT(!vmm_translate(TEST_UVA, NULL, NULL));
	while (head != FRAME_NONE) {
		uint32_t *k = tmt_map(head);
		paddr_t next = k[0];
		tmt_unmap(k);
		frame_free(head);
		head = next;
	}
	vmm_space_switch(old);
	vmm_space_destroy(s);
	KEXPECT_EQ(frame_free_count(), free0);
}
