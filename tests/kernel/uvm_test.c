/*
 * uvm_test.c - in-guest tests of user memory areas that need the kernel's
 * hands: failures injected into the frame allocator (suite "uvm"). Each
 * test runs in a fresh address space with an mm of its own; pages are
 * faulted in with uvm_fault, as a user access would. File mappings'
 * frames come back when the files are gone.
 */
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "fs/vfs.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
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
 * asks (and asserts): a preemption then switches back into this space. It
 * holds the mm's lock throughout, as a system call or a fault would. */
static void env_enter(struct uvm_env *e)
{
	struct process *p = current_process();
	e->old = p->vm;
	e->space = vmm_space_create();
	e->mm = mm_create();
	p->vm = e->space;                      /* before the switch, as proc_exit */
	p->mm = e->mm;
	vmm_space_switch(e->space);
	sleeplock_acquire(&e->mm->lock);
}

static void env_leave(struct uvm_env *e)
{
	struct process *p = current_process();
	sleeplock_release(&e->mm->lock);
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
		    ktest_user_read32(page_at(base, i)) != i + 1)
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
		ktest_user_write32(page_at(AREA_START, i), i + 1);
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

/* --- file mappings and the page cache (issue 15) --- */

#define FILE_MAP_BYTES   (10u << 20)       /* one round's file */
#define FILE_MAP_ROUNDS  10                /* 100 MiB of files in all */
#define FILE_MAP_BASE    0x50000000u

static char file_chunk[PAGE_SIZE];

/* A file at path with bytes of 'm' in it, open for reading and writing. */
static struct file *make_file(const char *path, uint32_t bytes)
{
	struct file *f = NULL;
	KEXPECT_EQ(vfs_open(NULL, path, O_CREAT | O_RDWR | O_TRUNC, 0644, &f), 0);
	memset(file_chunk, 'm', sizeof(file_chunk));
	for (uint32_t done = 0; f && done < bytes; done += PAGE_SIZE)
		KEXPECT_EQ(f->ops->write(f, file_chunk, PAGE_SIZE, 0), PAGE_SIZE);
	return f;
}

static int remove_file(const char *path)
{
	vfs_lock();
	int err = vfs_unlink(NULL, path, false);
	vfs_unlock();
	return err;
}

/* Map the file twice, shared and private, and touch every page of both:
 * reads of the shared one, writes to the private one (each a copy). */
static void map_and_touch(struct uvm_env *e, struct inode *ino, uint32_t bytes)
{
	uint32_t shared = FILE_MAP_BASE, priv = FILE_MAP_BASE + bytes;
	struct file_map fs = { .file = ino, .shared = true }, fp = { .file = ino };
	KEXPECT_EQ(mm_add_file_area(e->mm, shared, shared + bytes, PROT_READ | PROT_WRITE, &fs), 0);
	KEXPECT_EQ(mm_add_file_area(e->mm, priv, priv + bytes, PROT_READ | PROT_WRITE, &fp), 0);
	bool same = true;
	for (uint32_t off = 0; off < bytes; off += PAGE_SIZE) {
		same &= uvm_fault(e->mm, shared + off, false) == 0 &&
			(ktest_user_read32(shared + off) & 0xff) == 'm';
		same &= uvm_fault(e->mm, priv + off, true) == 0;
		ktest_user_write32(priv + off, 'p');
	}
	KEXPECT(same);
}

/* Frames of deleted, closed and unmapped files come back to the frame
 * stack: 100 MiB of files, in rounds of 10 MiB (the test machine has 128),
 * each created, written, mapped shared and private with every page
 * touched, deleted while mapped (its frames must stay), then unmapped. */
KTEST(uvm, mapped_deleted_files_give_back_their_frames)
{
	const char *path = "/tmp/ktest_file_map";
	uint32_t free0 = ktest_frames_outside_heap(), low = free0;
	for (int round = 0; round < FILE_MAP_ROUNDS; round++) {
		struct uvm_env e;
		env_enter(&e);
		struct file *f = make_file(path, FILE_MAP_BYTES);
		if (!f)
			break;
		map_and_touch(&e, file_inode(f), FILE_MAP_BYTES);
		file_put(f);
		KEXPECT_EQ(remove_file(path), 0);
		uint32_t mapped = ktest_frames_outside_heap();
		low = mapped < low ? mapped : low;
		env_leave(&e);                   /* unmaps: the file's last reference */
	}
	KEXPECT(free0 - low >= 2 * (FILE_MAP_BYTES / PAGE_SIZE));   /* the file and the copies */
	KEXPECT_EQ(ktest_frames_outside_heap(), free0);
	ktest_diag("frames: %u free before, %u at the lowest, %u after %u MiB of mapped files",
		   free0, low, ktest_frames_outside_heap(), FILE_MAP_ROUNDS * FILE_MAP_BYTES >> 20);
}

#define TRUNC_BYTES  (1u << 20)

/* truncate_zaps_mapped_pages: a truncation freed the file's frames past
 * the new end but left them mapped, so the pages a process had touched
 * kept their frames (and its access to the old bytes) instead of SIGBUS,
 * and the frames came back only when it unmapped them. Now both mappings'
 * pages past the end go, private copies too, as on Linux. */
KTEST(uvm, truncate_zaps_mapped_pages)
{
	const char *path = "/tmp/ktest_trunc_map";
	uint32_t free0 = ktest_frames_outside_heap();
	struct uvm_env e;
	env_enter(&e);
	mm_install(e.mm, e.space);               /* the truncation's walk finds it */
	struct file *f = make_file(path, TRUNC_BYTES);
	if (f) {
		struct inode *ino = file_inode(f), *unmap;
		map_and_touch(&e, ino, TRUNC_BYTES);
		uint32_t before = ktest_frames_outside_heap();
		sleeplock_release(&e.mm->lock);      /* the walk takes it */
		vfs_lock();
		KEXPECT_EQ(vfs_truncate(ino, PAGE_SIZE, &unmap), 0);
		vfs_unlock();
		KEXPECT(unmap == ino);
		vfs_truncate_unmap(unmap, PAGE_SIZE);
		sleeplock_acquire(&e.mm->lock);
		uint32_t pages = TRUNC_BYTES / PAGE_SIZE - 1;
		/* The file's frames and the private copies past page 0. */
		KEXPECT_EQ(ktest_frames_outside_heap() - before, 2 * pages);
		KEXPECT_EQ(uvm_fault(e.mm, FILE_MAP_BASE + PAGE_SIZE, false), -EIO);
		KEXPECT_EQ(uvm_fault(e.mm, FILE_MAP_BASE + 2 * TRUNC_BYTES - PAGE_SIZE, false), -EIO);
		KEXPECT_EQ(ktest_user_read32(FILE_MAP_BASE + TRUNC_BYTES) & 0xff, 'p');   /* page 0 stays */
		file_put(f);
		KEXPECT_EQ(remove_file(path), 0);
	}
	env_leave(&e);
	KEXPECT_EQ(ktest_frames_outside_heap(), free0);
}

/* --- the user copy (mm/usercopy_raw.asm) --- */

#define COPY_AREA   0x60000000u
#define COPY_MAX    (2 * PAGE_SIZE + 100)   /* past the SSE rounds, with a tail */
#define COPY_STEP   37                      /* sizes tried: 0, 37, ... */

static uint8_t copy_src[COPY_MAX + 16], copy_back[COPY_MAX + 16];

/* Sizes and alignments on both sides of the SSE path come back intact,
 * and the bytes next to them are left alone. */
static bool copies_round_trip(uint32_t uoff, uint32_t koff, uint32_t n)
{
	user_ptr_t u = USER_PTR(COPY_AREA + uoff);
	memset(copy_back, 0xee, sizeof(copy_back));
	if (clear_user(USER_PTR(COPY_AREA), COPY_MAX + 16) ||
	    copy_to_user(u, copy_src + koff, n) || copy_from_user(copy_back + koff, u, n))
		return false;
	uint8_t before = 0, after = 0;
	copy_from_user(&before, USER_PTR(COPY_AREA + uoff - 1), 1);
	copy_from_user(&after, user_ptr_add(u, n), 1);
	return memcmp(copy_back + koff, copy_src + koff, n) == 0 && before == 0 && after == 0 &&
	       copy_back[koff + n] == 0xee;
}

/* The copy that runs into a page with no area stops there with -EFAULT,
 * through the SSE loop's fix-up, and leaves xmm0 as it was. */
KTEST(uvm, user_copy_sizes_alignments_and_faults)
{
	struct uvm_env e;
	env_enter(&e);
	uint32_t end = COPY_AREA + 3 * PAGE_SIZE;
	KEXPECT_EQ(mm_add_area(e.mm, COPY_AREA, end, PROT_READ | PROT_WRITE, VMA_ANON), 0);
	sleeplock_release(&e.mm->lock);          /* the copies' faults take it */
	for (uint32_t i = 0; i < sizeof(copy_src); i++)
		copy_src[i] = (uint8_t)(i * 7 + 1);
	bool ok = true;
	for (uint32_t n = 0; n <= COPY_MAX; n += COPY_STEP)
		for (uint32_t a = 1; a <= 5; a += 4)
			ok &= copies_round_trip(a, a - 1, n);
	KEXPECT(ok);
	uint32_t marker[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 }, kept[4];
	__asm__ volatile("movups %0, %%xmm0" : : "m"(marker));
	KEXPECT_EQ(copy_to_user(USER_PTR(end - 1000), copy_src, 3000), -EFAULT);
	KEXPECT_EQ(copy_from_user(copy_back, USER_PTR(end - 600), 2000), -EFAULT);
	__asm__ volatile("movups %%xmm0, %0" : "=m"(kept));
	KEXPECT(memcmp(marker, kept, sizeof(kept)) == 0);
	KEXPECT_EQ(clear_user(USER_PTR(end - 8), 100), -EFAULT);
	sleeplock_acquire(&e.mm->lock);
	env_leave(&e);
}

/* Regression test for "a fault racing another thread's fault": two threads
 * of one process touch the same new page; the second's fault finds the
 * page the first one mapped (or made writable by its copy) and must be
 * told to retry (0), not -EFAULT (which was a SIGSEGV) or -ENOMEM, and
 * must not map a second frame. */
KTEST(uvm, fault_on_a_page_another_fault_mapped)
{
	uint32_t free0 = ktest_frames_outside_heap();
	struct uvm_env e;
	env_enter(&e);
	KEXPECT_EQ(mm_add_area(e.mm, AREA_START, AREA_START + PAGE_SIZE, PROT_READ | PROT_WRITE,
			       VMA_ANON), 0);
	KEXPECT_EQ(uvm_fault(e.mm, AREA_START, true), 0);
	uint32_t pages = e.mm->pages;
	KEXPECT_EQ(uvm_fault(e.mm, AREA_START + 4, false), 0);   /* the second reader */
	KEXPECT_EQ(uvm_fault(e.mm, AREA_START + 8, true), 0);    /* the second writer */
	KEXPECT_EQ(e.mm->pages, pages);
	env_leave(&e);
	KEXPECT_EQ(ktest_frames_outside_heap(), free0);
}
