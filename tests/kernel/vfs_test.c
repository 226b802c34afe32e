/*
 * vfs_test.c - in-guest tests of the VFS and the tmpfs page frames
 * (issue 15): frames a file holds come back to the frame stack when the
 * file is deleted, but not before its last open file is closed; a
 * truncated file gives back the pages past its new end. (The counts may
 * end a frame higher, never lower: the heap can give back a page of its
 * own on the way.)
 */
#include "fs/vfs.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"

#define TEST_FILES      16
#define TEST_FILE_BYTES (1024 * 1024)      /* 16 MiB in all: 4096 frames */
#define CHUNK           PAGE_SIZE

static char chunk[CHUNK];

static void name_of(char *buf, int i)
{
	strlcpy(buf, "/tmp/ktest_vfs_0", 32);
	buf[strlen(buf) - 1] = (char)('a' + i);
}

/* Create path and write bytes into it through an open file; the file stays open. */
static struct file *create(const char *path, uint32_t bytes)
{
	struct file *f = NULL;
	KEXPECT_EQ(vfs_open(NULL, path, O_CREAT | O_RDWR | O_TRUNC, 0644, &f), 0);
	if (!f)
		return NULL;
	memset(chunk, 'v', sizeof(chunk));
	for (uint32_t done = 0; done < bytes; done += CHUNK)
		KEXPECT_EQ(f->ops->write(f, chunk, CHUNK, 0), CHUNK);
	return f;
}

static int unlink_path(const char *path)
{
	vfs_lock();
	int err = vfs_unlink(NULL, path, false);
	vfs_unlock();
	return err;
}

/* One round of a file of that size first, so that the heap's slab pages
 * for inodes, entries and page arrays (of every size the file grows
 * through) exist before the count is taken: the heap keeps one per size. */
static void warm_up(uint32_t bytes)
{
	struct file *f = create("/tmp/ktest_vfs_warm", bytes);
	if (f)
		file_put(f);
	unlink_path("/tmp/ktest_vfs_warm");
}

KTEST(vfs, deleted_files_give_back_their_frames)
{
	char name[32];
	warm_up(TEST_FILE_BYTES);
	uint32_t free0 = frame_free_count();
	for (int i = 0; i < TEST_FILES; i++) {
		name_of(name, i);
		struct file *f = create(name, TEST_FILE_BYTES);
		if (f)
			file_put(f);
	}
	uint32_t during = frame_free_count();
	KEXPECT(free0 - during >= TEST_FILES * (TEST_FILE_BYTES / PAGE_SIZE));
	for (int i = 0; i < TEST_FILES; i++) {
		name_of(name, i);
		KEXPECT_EQ(unlink_path(name), 0);
	}
	KEXPECT(frame_free_count() >= free0);   /* the heap may give back a page too */
	ktest_diag("frames: %u free before, %u with %u MiB of files, %u after deleting them",
		   free0, during, TEST_FILES * TEST_FILE_BYTES >> 20, frame_free_count());
}

KTEST(vfs, an_open_deleted_file_keeps_its_frames_until_closed)
{
	char byte = 0;
	warm_up(16 * CHUNK);
	uint32_t free0 = frame_free_count();
	struct file *f = create("/tmp/ktest_vfs_open", 16 * CHUNK);
	if (!f)
		return;
	uint32_t held = frame_free_count();
	KEXPECT_EQ(unlink_path("/tmp/ktest_vfs_open"), 0);
	KEXPECT_EQ(frame_free_count(), held);             /* still open: still there */
	KEXPECT_EQ(vfs_pread(f, &byte, 1, 15 * CHUNK), 1);
	KEXPECT_EQ(byte, 'v');
	file_put(f);
	KEXPECT(frame_free_count() >= free0);
}

KTEST(vfs, truncation_gives_back_the_pages_past_the_end)
{
	struct file *f = create("/tmp/ktest_vfs_trunc", 8 * CHUNK);
	if (!f)
		return;
	uint32_t full = frame_free_count();
	struct file *g = NULL;
	KEXPECT_EQ(vfs_open(NULL, "/tmp/ktest_vfs_trunc", O_RDWR | O_TRUNC, 0, &g), 0);
	KEXPECT_EQ(frame_free_count(), full + 8);
	if (g)
		file_put(g);
	file_put(f);
	KEXPECT_EQ(unlink_path("/tmp/ktest_vfs_trunc"), 0);
}

#define DETACH_DIR   "/tmp/ktest_vfs_detach"
#define DETACH_FILE  DETACH_DIR "/f"

/* Mount a tmpfs on DETACH_DIR (made if need be): 0 or -errno. */
static int mount_tmpfs(void)
{
	struct inode *dir;
	vfs_lock();
	int err = vfs_mkdir(NULL, DETACH_DIR, 0755);
	err = err == -EEXIST ? 0 : err;
	err = err ?: vfs_lookup(NULL, DETACH_DIR, LOOKUP_FOLLOW, &dir);
	err = err ?: vfs_mount("none", dir, "tmpfs", 0, NULL);
	vfs_unlock();
	return err;
}

static int umount_dir(uint32_t flags)
{
	struct inode *root;
	vfs_lock();
	int err = vfs_lookup(NULL, DETACH_DIR, LOOKUP_FOLLOW, &root);
	err = err ?: vfs_umount(root, flags);
	vfs_unlock();
	return err;
}

static uint32_t heap_objects(void)
{
	struct kheap_stats st;
	kheap_get_stats(&st);
	return st.objects;
}

/* umount2_detach_leaked: MNT_DETACH of a busy mount took it out of the
 * name space and kept its root's reference for ever, so its files, their
 * frames and the mount itself were never freed, even once the last open
 * file of it was closed. Now they go with that last file, as on Linux. */
KTEST(vfs, umount2_detach_leaked)
{
	KEXPECT_EQ(mount_tmpfs(), 0);                /* a first round: the heap's slabs exist */
	struct file *f = create(DETACH_FILE, 4 * CHUNK);
	if (f)
		file_put(f);
	KEXPECT_EQ(umount_dir(0), 0);
	uint32_t free0 = frame_free_count(), objects0 = heap_objects();
	KEXPECT_EQ(mount_tmpfs(), 0);
	f = create(DETACH_FILE, 64 * CHUNK);
	if (!f)
		return;
	KEXPECT_EQ(umount_dir(0), -EBUSY);
	KEXPECT_EQ(umount_dir(MNT_DETACH), 0);
	char byte = 0;
	KEXPECT_EQ(vfs_pread(f, &byte, 1, 63 * CHUNK), 1);   /* the open file still works */
	KEXPECT_EQ(byte, 'v');
	KEXPECT(frame_free_count() + 64 <= free0);
	file_put(f);                                 /* the last user: everything goes */
	KEXPECT(frame_free_count() >= free0);
	KEXPECT_EQ(heap_objects(), objects0);
	ktest_diag("frames: %u free before, %u after; heap objects %u before, %u after",
		   free0, frame_free_count(), objects0, heap_objects());
}

#define GIB          (1ull << 30)
#define SPARSE_FILE  "/tmp/ktest_vfs_sparse"

/* file_offsets_past_2gib: the page cache was one flat array of frames
 * capped at 2 GiB - 1, so a write at 5 GiB was EFBIG (and a flat array
 * would have taken 5 MiB of heap for the holes). Now a tree holds only
 * the pages written: bytes at 5 GiB and at the last page of the largest
 * file take a frame each and a few nodes, a truncation frees the nodes
 * past the end, and deleting the file brings frames and heap back. */
KTEST(vfs, file_offsets_past_2gib)
{
	struct file *f = create(SPARSE_FILE, 0);     /* a first round: the heap's slabs */
	if (f)
		file_put(f);
	KEXPECT_EQ(unlink_path(SPARSE_FILE), 0);
	uint32_t free0 = ktest_frames_outside_heap(), objects0 = heap_objects();
	f = create(SPARSE_FILE, CHUNK);
	if (!f)
		return;
	char byte = 0;
	KEXPECT_EQ(vfs_pwrite(f, "5", 1, 5 * GIB, 0), 1);
	KEXPECT_EQ(vfs_pwrite(f, "ee", 2, PAGECACHE_MAX_SIZE - 1, 0), 1);   /* short at the end */
	KEXPECT_EQ(vfs_pwrite(f, "e", 1, PAGECACHE_MAX_SIZE, 0), -EFBIG);
	KEXPECT_EQ(vfs_pread(f, &byte, 1, 5 * GIB), 1);
	KEXPECT_EQ(byte, '5');
	KEXPECT_EQ(vfs_pread(f, &byte, 1, 3 * GIB), 1);
	KEXPECT_EQ(byte, 0);                             /* a hole */
	KEXPECT_EQ(free0 - ktest_frames_outside_heap(), 3);       /* pages 0, 5 GiB, the last; no holes */
	uint32_t grown = heap_objects();
	struct inode *ino = file_inode(f), *unmap;
	vfs_lock();
	KEXPECT_EQ(vfs_truncate(ino, 6 * GIB, &unmap), 0);
	vfs_unlock();
	KEXPECT(heap_objects() < grown);                 /* the last page's nodes went */
	KEXPECT_EQ(free0 - ktest_frames_outside_heap(), 2);
	file_put(f);
	KEXPECT_EQ(unlink_path(SPARSE_FILE), 0);
	KEXPECT_EQ(ktest_frames_outside_heap(), free0);
	KEXPECT_EQ(heap_objects(), objects0);
	ktest_diag("a file at 5 GiB and 16 TiB: %u heap objects more, frames back: %u of %u",
		   grown - objects0, ktest_frames_outside_heap(), free0);
}
