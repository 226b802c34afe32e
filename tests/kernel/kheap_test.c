/*
 * kheap_test.c - in-guest tests of kmalloc/kfree and kernel stacks
 * (suites "kheap" and "kstack").
 */
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kheap.h"
#include "mm/kstack.h"
#include "mm/layout.h"
#include "mm/vmm.h"

KTEST(kheap, sizes_alignment_and_contents)
{
	static const uint32_t sizes[] = { 1, 15, 16, 17, 32, 100, 512, 1000, 1024, 1025, 4096, 4097, 20000 };
	enum { N = sizeof(sizes) / sizeof(sizes[0]) };
	uint8_t *p[N];
	for (int i = 0; i < N; i++) {
		p[i] = kmalloc(sizes[i]);
		KEXPECT(p[i] != NULL);
		KEXPECT(((uint32_t)p[i] & 15) == 0);
		KEXPECT((uint32_t)p[i] >= KHEAP_BASE && (uint32_t)p[i] < KHEAP_END);
		memset(p[i], i + 1, sizes[i]);
	}
	for (int i = 0; i < N; i++) {
		uint32_t bad = 0;
		for (uint32_t j = 0; j < sizes[i]; j++)
			bad += p[i][j] != (uint8_t)(i + 1);
		KEXPECT_EQ(bad, 0);                  /* no two blocks overlap */
		kfree(p[i]);
	}
	void *a = kmalloc_aligned(100, 256), *b = kmalloc_aligned(10, 4096);
	KEXPECT(((uint32_t)a & 255) == 0);
	KEXPECT(((uint32_t)b & 4095) == 0);
	kfree(a);
	kfree(b);
	KEXPECT(kmalloc(0) == NULL);
	KEXPECT(kmalloc(0x40000000) == NULL);     /* larger than the heap */
}

KTEST(kheap, no_leak_after_churn)
{
	enum { N = 2000 };
	static void *p[N];
	/* Warm up: each class keeps one slab page, so measure after a first round. */
	for (int round = 0; round < 2; round++) {
		struct kheap_stats before, after;
		uint32_t free0 = frame_free_count();
		kheap_get_stats(&before);
		for (int i = 0; i < N; i++)
			p[i] = kmalloc(16u << (i % 8));    /* 16 ... 2048 */
		for (int i = N - 1; i >= 0; i -= 2)
			kfree(p[i]);
		for (int i = N - 2; i >= 0; i -= 2)
			kfree(p[i]);
		kheap_get_stats(&after);
		if (round == 1) {
			KEXPECT_EQ(after.pages, before.pages);
			KEXPECT_EQ(frame_free_count(), free0);
		}
	}
}

/*
 * A slab that emptied was given back unless it was its class's only one.
 * With one full slab and one more object that came and went in a second
 * slab (file_create's pattern: an object freed in the full slab, then the
 * one in the new slab), every round set up and gave back a slab page:
 * 254 free-list links, 3,600 of file_create's 13,152 instructions.
 */
KTEST(kheap, slab_thrash_at_a_full_slabs_edge)
{
	enum { SIZE = 1024, MAX = 64, ROUNDS = 100 };
	void *p[MAX];
	struct kheap_stats st;
	int n = 0;
	kheap_get_stats(&st);
	uint32_t made = st.slabs_made;
	/* Allocate until a fresh slab is set up, then fill it (3 objects). */
	do {
		p[n++] = kmalloc(SIZE);
		kheap_get_stats(&st);
	} while (st.slabs_made == made && n < MAX - 2);
	KEXPECT(st.slabs_made == made + 1);
	p[n++] = kmalloc(SIZE);
	p[n++] = kmalloc(SIZE);
	made = st.slabs_made;
	for (int r = 0; r < ROUNDS; r++) {
		void *x = kmalloc(SIZE);         /* no free object: a second slab */
		kfree(p[n - 1]);                 /* the full slab has room again */
		kfree(x);                        /* the second slab is empty */
		p[n - 1] = kmalloc(SIZE);
	}
	kheap_get_stats(&st);
	KEXPECT(st.slabs_made - made <= 1);
	for (int i = 0; i < n; i++)
		kfree(p[i]);
}

KTEST(kheap, bad_frees_are_reported)
{
	struct kheap_stats a, b;
	kheap_get_stats(&a);
	void *small = kmalloc(40), *big = kmalloc(8192);
	kfree(small);
	kfree(small);                             /* double free, slab */
	kfree(big);
	kfree(big);                               /* double free, block */
	kfree((void *)0x12345);                   /* not a heap address */
	kheap_get_stats(&b);
	KEXPECT_EQ(b.bad_frees, a.bad_frees + 3);
	void *again = kmalloc(40);                /* the heap still works */
	KEXPECT(again != NULL);
	kfree(again);
}

KTEST(kheap, fails_cleanly_when_memory_runs_out)
{
	uint32_t free0 = frame_free_count();
	void *head = NULL, *p;
	uint32_t n = 0;
	while ((p = kmalloc(64 * 1024)) != NULL) {  /* chain the blocks through themselves */
		*(void **)p = head;
		head = p;
		n++;
	}
	KEXPECT(n > 0);
	KEXPECT(kmalloc(64 * 1024) == NULL);
	while (head) {
		void *next = *(void **)head;
		kfree(head);
		head = next;
	}
	/* Every frame is back but the kernel page tables the heap grew into,
	 * which are never freed (docs/memory.md): one per 4 MiB of heap. */
	uint32_t tables = n * 16 / PT_ENTRIES + 2;
	KEXPECT(frame_free_count() <= free0);
	KEXPECT(frame_free_count() + tables >= free0);
	ktest_diag("%u blocks of 64 KiB before kmalloc said no", n);
}

KTEST(kstack, guard_page_is_unmapped)
{
	uint32_t free0 = frame_free_count();
	uint32_t top = kstack_alloc();
	KEXPECT(top != 0);
	uint32_t bottom = top - KSTACK_SIZE;
	KEXPECT(vmm_translate(bottom, NULL, NULL));
	KEXPECT(vmm_translate(top - 4, NULL, NULL));
	KEXPECT(!vmm_translate(bottom - 4, NULL, NULL));
	KEXPECT(kstack_is_guard(bottom - 4));
	KEXPECT(!kstack_is_guard(bottom));
	*(volatile uint32_t *)(top - 4) = 1;
	kstack_free(top);
	KEXPECT(!vmm_translate(top - 4, NULL, NULL));
	KEXPECT(frame_free_count() <= free0);      /* a page table may remain */
	KEXPECT(frame_free_count() + 1 >= free0);
}
