/*
 * page_tree.c - where a file's page cache keeps its frames by page number
 * (Linux's xarray, much simplified): a file of up to LEAF_SLOTS pages has
 * one flat array of frames (pages[], npages slots, grown by doubling),
 * the common case, looked up with one index; a longer or sparse one (a
 * byte written at 5 GiB) has a radix tree of pages_height levels of
 * page-sized nodes over full leaves, so only the leaves and nodes on the
 * way to written pages exist, never the holes. Page numbers are 32 bits:
 * 16 TiB, Linux's largest file on i386 (PAGECACHE_MAX_SIZE).
 *
 * FRAME_NONE (0) is a hole, so new nodes and leaves are zeroed memory.
 * Locking: the vfs lock, as for everything in an inode.
 */
#include "fs/vfs.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "uapi/errno.h"

#define LEAF_BITS      10
#define LEAF_SLOTS     (1u << LEAF_BITS)   /* a full leaf: a page of frame numbers */
#define NODE_BITS      10
#define NODE_SLOTS     (1u << NODE_BITS)   /* a node: a page of pointers */
#define LEAF_MIN       4                   /* a flat leaf's first size */

_Static_assert(LEAF_SLOTS * sizeof(paddr_t) == PAGE_SIZE && NODE_SLOTS * sizeof(void *) == PAGE_SIZE,
	       "leaves and nodes are a page each");

/* How many bits of page number a tree of height h (>= 1) resolves. */
static unsigned tree_bits(unsigned h) { return LEAF_BITS + NODE_BITS * h; }

/* The slot of node (at height h) on the way to page pg. */
static void **node_slot(void *node, unsigned h, uint32_t pg)
{
	return &((void **)node)[(pg >> tree_bits(h - 1)) & (NODE_SLOTS - 1)];
}

static bool tree_covers(const struct inode *ino, uint32_t pg)
{
	return tree_bits(ino->pages_height) >= 32 || pg >> tree_bits(ino->pages_height) == 0;
}

paddr_t page_tree_get(const struct inode *ino, uint32_t pg)
{
	const paddr_t *slot = page_tree_run(ino, pg, 1);
	return slot ? *slot : FRAME_NONE;
}

const paddr_t *page_tree_run(const struct inode *ino, uint32_t pg, uint32_t n)
{
	if (ino->pages_height == 0)
		return pg < ino->npages && n <= ino->npages - pg ? &((paddr_t *)ino->pages)[pg] : NULL;
	uint32_t in = pg & (LEAF_SLOTS - 1);
	if (n > LEAF_SLOTS - in || !tree_covers(ino, pg))
		return NULL;
	void *node = ino->pages;
	for (unsigned h = ino->pages_height; h > 0 && node; h--)
		node = *node_slot(node, h, pg);
	return node ? &((paddr_t *)node)[in] : NULL;
}

/* The flat leaf holds at least want slots (at most LEAF_SLOTS): 0 or -ENOMEM. */
static int grow_leaf(struct inode *ino, uint32_t want)
{
	if (want <= ino->npages)
		return 0;
	uint32_t n = ino->npages ? ino->npages : LEAF_MIN;
	while (n < want)
		n *= 2;
	paddr_t *p = kzalloc(n * sizeof(*p));
	if (!p)
		return -ENOMEM;
	if (ino->pages)
		memcpy(p, ino->pages, ino->npages * sizeof(*p));
	kfree(ino->pages);
	ino->pages = p;
	ino->npages = n;
	return 0;
}

/* One more level on top: the old root becomes the new one's first child
 * (a flat leaf is filled out to a full one first). 0 or -ENOMEM. */
static int add_level(struct inode *ino)
{
	if (ino->pages_height == 0 && ino->pages && grow_leaf(ino, LEAF_SLOTS))
		return -ENOMEM;
	void **top = kzalloc(PAGE_SIZE);
	if (!top)
		return -ENOMEM;
	top[0] = ino->pages;
	ino->pages = top;
	ino->pages_height++;
	return 0;
}

paddr_t *page_tree_slot(struct inode *ino, uint32_t pg)
{
	if (ino->pages_height == 0 && pg < LEAF_SLOTS)
		return grow_leaf(ino, pg + 1) ? NULL : &((paddr_t *)ino->pages)[pg];
	while (!tree_covers(ino, pg))
		if (add_level(ino))
			return NULL;
	void **at = &ino->pages;
	for (unsigned h = ino->pages_height; h > 0; h--) {
		if (!*at && !(*at = kzalloc(PAGE_SIZE)))
			return NULL;
		at = node_slot(*at, h, pg);
	}
	if (!*at && !(*at = kzalloc(PAGE_SIZE)))
		return NULL;                     /* a leaf */
	return &((paddr_t *)*at)[pg & (LEAF_SLOTS - 1)];
}

/* fn on every frame of the leaf's slots from index i on: whether the
 * whole leaf is empty afterwards. */
static bool trim_leaf(paddr_t *leaf, uint32_t slots, uint32_t i, page_tree_fn fn, void *arg)
{
	bool empty = true;
	for (uint32_t k = 0; k < slots; k++) {
		if (k >= i && leaf[k] != FRAME_NONE)
			fn(&leaf[k], arg);
		empty &= leaf[k] == FRAME_NONE;
	}
	return empty;
}

/* The same for a node at height h whose first page is base: the children
 * left empty wholly past `from` are freed. Whether the node is empty. */
static bool trim_node(void **node, unsigned h, uint64_t base, uint32_t from, page_tree_fn fn, void *arg)
{
	uint64_t span = 1ull << tree_bits(h - 1);
	bool empty = true;
	for (uint32_t k = 0; k < NODE_SLOTS; k++) {
		uint64_t first = base + k * span;
		if (node[k] && first + span > from) {
			bool gone = h == 1 ? trim_leaf(node[k], LEAF_SLOTS, first >= from ? 0 : (uint32_t)(from - first), fn, arg)
					   : trim_node(node[k], h - 1, first, from, fn, arg);
			if (gone) {
				kfree(node[k]);
				node[k] = NULL;
			}
		}
		empty &= node[k] == NULL;
	}
	return empty;
}

void page_tree_trim(struct inode *ino, uint32_t from, page_tree_fn fn, void *arg)
{
	if (!ino->pages)
		return;
	if (ino->pages_height == 0) {
		trim_leaf(ino->pages, ino->npages, from, fn, arg);
		return;                          /* a flat leaf stays (files grow again) */
	}
	if (trim_node(ino->pages, ino->pages_height, 0, from, fn, arg)) {
		kfree(ino->pages);
		ino->pages = NULL;
		ino->pages_height = 0;
		ino->npages = 0;
	}
}

void page_tree_free(struct inode *ino)
{
	KASSERT(ino->pages_height == 0 || !ino->pages);   /* trimmed from 0 first */
	kfree(ino->pages);
	ino->pages = NULL;
	ino->npages = 0;
}
