/*
 * frame_test.c - in-guest tests of the frame allocator (suite "frame").
 */
#include "kernel/ktest.h"
#include "mm/copywin.h"
#include "mm/frame.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/tmt.h"

KTEST(frame, drain_every_frame_and_refill)
{
	struct frame_stats before, empty, after;
	frame_get_stats(&before);
	/* The list of taken frames is allocated first, so it is not drained. */
	paddr_t *taken = kmalloc((before.free + 1) * sizeof(paddr_t));
	KEXPECT(taken != NULL);
	if (!taken)
		return;
	frame_get_stats(&before);
	uint32_t n = 0;
	paddr_t pa;
	while (n <= before.free && (pa = frame_alloc()) != FRAME_NONE) {
		KEXPECT((pa & 0xfff) == 0);
		taken[n++] = pa;
	}
	frame_get_stats(&empty);
	KEXPECT_EQ(n, before.free);
	KEXPECT_EQ(empty.free, 0);
	KEXPECT_EQ(empty.used, before.total);
	KEXPECT_EQ(frame_alloc(), FRAME_NONE);
	KEXPECT_EQ(empty.bad_frees, before.bad_frees);  /* no frame came out twice */
	for (uint32_t i = 0; i < n; i++)
		frame_free(taken[i]);
	frame_get_stats(&after);
	KEXPECT_EQ(after.free, before.free);
	KEXPECT_EQ(after.total, before.total);
	KEXPECT_EQ(after.bad_frees, before.bad_frees);
	kfree(taken);
	ktest_diag("drained and refilled %u frames", n);
}

KTEST(frame, reference_counts)
{
	uint32_t free0 = frame_free_count();
	paddr_t pa = frame_alloc();
	KEXPECT(pa != FRAME_NONE);
	KEXPECT_EQ(frame_refcount(pa), 1);
	frame_ref(pa);
	KEXPECT_EQ(frame_refcount(pa), 2);
	frame_free(pa);
	KEXPECT_EQ(frame_refcount(pa), 1);
	KEXPECT_EQ(frame_free_count(), free0 - 1);
	frame_free(pa);
	KEXPECT_EQ(frame_refcount(pa), 0);
	KEXPECT_EQ(frame_free_count(), free0);
}

KTEST(frame, double_free_is_caught)
{
	struct frame_stats a, b;
	paddr_t pa = frame_alloc();
	frame_free(pa);
	frame_get_stats(&a);
	frame_free(pa);                       /* reported, ignored */
	frame_free(KERNEL_PHYS_LOAD);         /* the kernel image: never the pool's */
	frame_get_stats(&b);
	KEXPECT_EQ(b.free, a.free);
	KEXPECT_EQ(b.bad_frees, a.bad_frees + 2);
}

KTEST(frame, stats_add_up)
{
	struct frame_stats st;
	frame_get_stats(&st);
	KEXPECT_EQ(st.used + st.free, st.total);
	KEXPECT(st.reserved > 0);             /* at least the kernel image */
}

KTEST(tmt, hundred_thousand_cycles)
{
	uint32_t in_use = tmt_slots_in_use();
	paddr_t pa = frame_alloc();
	uint32_t bad = 0;
	for (uint32_t i = 0; i < 100000; i++) {
		volatile uint32_t *p = tmt_map(pa);
		p[i & 1023] = i;
		bad += p[i & 1023] != i;
		tmt_unmap((void *)p);
	}
	KEXPECT_EQ(bad, 0);
	KEXPECT_EQ(tmt_slots_in_use(), in_use);
	frame_free(pa);
}

KTEST(tmt, many_slots_at_once)
{
	enum { N = 1000 };
	static uint32_t *slot[N];
	uint32_t in_use = tmt_slots_in_use();
	paddr_t pa = frame_alloc();
	frame_zero(pa);
	for (int i = 0; i < N; i++) {
		slot[i] = tmt_map(pa);
		slot[i][i] = (uint32_t)i + 1;       /* every slot sees the same frame */
	}
	KEXPECT_EQ(tmt_slots_in_use(), in_use + N);
	KEXPECT_EQ(slot[0][N - 1], N);
	KEXPECT_EQ(slot[N - 1][0], 1);
	for (int i = 0; i < N; i++)
		tmt_unmap(slot[i]);
	KEXPECT_EQ(tmt_slots_in_use(), in_use);
	frame_free(pa);
}

KTEST(tmt, frame_copy_and_zero)
{
	paddr_t a = frame_alloc(), b = frame_alloc();
	uint32_t *p = tmt_map(a);
	for (int i = 0; i < 1024; i++)
		p[i] = 0x9e3779b9u * (uint32_t)i;
	tmt_unmap(p);
	frame_copy(b, a);
	frame_zero(a);
	uint32_t *pa_ = tmt_map(a), *pb = tmt_map(b);
	uint32_t bad = 0;
	for (int i = 0; i < 1024; i++)
		bad += pa_[i] != 0 || pb[i] != 0x9e3779b9u * (uint32_t)i;
	tmt_unmap(pb);
	tmt_unmap(pa_);
	KEXPECT_EQ(bad, 0);
	frame_free(a);
	frame_free(b);
}

/* A frame whose every word is v. */
static paddr_t filled_frame(uint32_t v)
{
	paddr_t pa = frame_alloc();
	uint32_t *p = tmt_map(pa);
	for (int i = 0; i < 1024; i++)
		p[i] = v;
	tmt_unmap(p);
	return pa;
}

/* Copy windows unmap lazily (mm/copywin.c): a window given back keeps its
 * entries, and the next batch starting at the same frame gets the same
 * window. An entry whose frame changed must be rewritten and flushed: a
 * stale translation (the TLB still holding b) would read b through c's
 * entry. A hole gives its window back (32 holes in a row leave them all). */
KTEST(tmt, copy_window_sees_a_changed_frame)
{
	paddr_t a = filled_frame(0xaaaaaaaau), b = filled_frame(0xbbbbbbbbu), c = filled_frame(0xccccccccu);
	paddr_t ab[2] = { a, b }, ac[2] = { a, c }, hole[2] = { a, FRAME_NONE };
	volatile uint32_t *w = copywin_map(ab, 2);
	KEXPECT(w != NULL);
	uint32_t seen_b = w ? w[1024] : 0;       /* b's first word, now in the TLB */
	if (w)
		copywin_unmap((void *)w, 2);
	for (int i = 0; i < 40; i++)
		KEXPECT(copywin_map(hole, 2) == NULL);
	volatile uint32_t *again = copywin_map(ac, 2);
	KEXPECT(again == w);
	KEXPECT_EQ(seen_b, 0xbbbbbbbbu);
	KEXPECT_EQ(again ? again[0] : 0, 0xaaaaaaaau);
	KEXPECT_EQ(again ? again[1024] : 0, 0xccccccccu);
	if (again)
		copywin_unmap((void *)again, 2);
	frame_free(a);
	frame_free(b);
	frame_free(c);
}
