/*
 * procfs.c - the /proc file system (see procfs.h): a tree of entries
 * (struct proc_entry) and the inodes made for them when looked up.
 *
 * An inode stands for an entry seen from one process (and descriptor):
 * /proc/42/stat is the entry "stat" with pid 42. Inodes are made on
 * lookup and kept in a cache (a node each, nlink 1 while cached) so that
 * the same name gives the same inode number while it lives; a node whose
 * process (or descriptor) has gone is dropped from the cache at the next
 * lookup once nothing holds its inode and no cached node is in it. The
 * cache holds no references, so only what users hold makes a mount busy.
 * Every mount of proc is a file system of its own (as on Linux since
 * 5.8): its own root and device, the same entries. A link's target is computed at
 * each lookup (/proc/self names the looking process). A file's text is
 * generated when it is opened, into a buffer the open file keeps, so
 * reads see one consistent snapshot. Everything but open runs with the
 * vfs lock held.
 */
#include "fs/procfs.h"
#include "fs/vfs.h"
#include "kernel/cmdline.h"
#include "kernel/format.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

#define PROC_ROOT_MODE   (S_IFDIR | 0555)
#define PROC_NAME_MAX    32                   /* "self", a pid, a descriptor, "randomize_va_space" */
#define PROC_TEXT_MAX    (256 * 1024)         /* the largest generated file */
#define PROC_LINK_MAX    PATH_MAX
#define NO_FD            (-1)
#define PROC_NUMBER_MAX  32                   /* what a write to a settable file may hold */

struct proc_node {
	struct dentry d;                      /* its name in its directory (d.inode: it) */
	char name[PROC_NAME_MAX];
	struct inode *dir;                    /* its directory (a reference) */
	const struct proc_entry *e;
	int pid;                              /* 0: not a process's */
	int fd;                               /* NO_FD: not a descriptor's */
	struct proc_node *next;               /* the cache, newest first */
};

/* An open generated file: its text, and its entry (a write goes to its store). */
struct proc_text {
	char *buf;
	uint32_t len;
	const struct proc_entry *e;
};

static const struct inode_ops procfs_ops;
static const struct proc_entry proc_root_entry = PROC_DIR("", 0555, proc_root_entries, PROC_LIST_PIDS);
static struct proc_node root_node = { .d = { "", NULL, NULL }, .e = &proc_root_entry, .fd = NO_FD };
static struct proc_node *cache;               /* vfs lock */

struct inode *procfs_new_root(void)
{
	uint32_t dev = vfs_new_dev();
	struct inode *root = dev ? inode_new(PROC_ROOT_MODE, &procfs_ops) : NULL;
	if (!root) {
		vfs_free_dev(dev);
		return NULL;
	}
	root->dev = dev;
	root->nlink = 2;
	root->parent = root;
	root->priv = &root_node;                  /* shared: roots differ by inode only */
	return inode_get(root);
}

/* Is any cached node in directory dir? */
static bool has_nodes(const struct inode *dir)
{
	for (struct proc_node *n = cache; n; n = n->next)
		if (n->dir == dir)
			return true;
	return false;
}

/* Drop node n (unlinked from the cache by the caller) and its inode. */
static void node_drop(struct proc_node *n)
{
	n->d.inode->nlink = 0;
	inode_maybe_free(n->d.inode);             /* evict frees n */
}

void procfs_kill(struct inode *root)
{
	struct proc_node **pp = &cache;
	while (*pp) {                             /* newest first: a directory's nodes go before it */
		struct proc_node *n = *pp;
		if (n->d.inode->dev != root->dev) {
			pp = &n->next;
			continue;
		}
		*pp = n->next;
		node_drop(n);
	}
	root->nlink = 0;                          /* the caller's reference is the last */
}

/* Is what n stands for still there (its process, its descriptor)? */
static bool node_valid(const struct proc_node *n)
{
	if (n->fd != NO_FD)
		return proc_fd_open(n->pid, n->fd);
	return n->pid == 0 || proc_pid_alive(n->pid);
}

/* Drop the nodes that stand for nothing and that nobody holds. The
 * cache is newest first, so a directory's nodes go before it. */
static void prune(void)
{
	struct proc_node **pp = &cache;
	while (*pp) {
		struct proc_node *n = *pp;
		if (n->d.inode->refs || node_valid(n) || has_nodes(n->d.inode)) {
			pp = &n->next;
			continue;
		}
		*pp = n->next;
		node_drop(n);
	}
}

static bool same_name(const char *a, const char *name, uint32_t len)
{
	return strncmp(a, name, len) == 0 && a[len] == '\0';
}

/* A decimal number name[0..len) (no sign, no leading zero): it, or -1. */
static int name_number(const char *name, uint32_t len)
{
	int v = 0;
	if (len == 0 || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (uint32_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return v;
}

/* A link's target, computed now (it depends on who looks). */
static int refresh_link(struct proc_node *n)
{
	char *buf = kmalloc(PROC_LINK_MAX);
	if (!buf)
		return -ENOMEM;
	int err = n->e->link(buf, PROC_LINK_MAX, n->pid, n->fd);
	if (err) {
		kfree(buf);
		return err;
	}
	kfree(n->d.inode->target);
	n->d.inode->target = buf;
	n->d.inode->size = strlen(buf);
	return 0;
}

static struct proc_node *node_new(struct inode *dir, const struct proc_entry *e, const char *name,
				  uint32_t len, int pid, int fd)
{
	struct proc_node *n = kzalloc(sizeof(*n));
	struct inode *ino = n ? inode_new(e->mode, &procfs_ops) : NULL;
	if (!ino) {
		kfree(n);
		return NULL;
	}
	*n = (struct proc_node){ .d = { n->name, ino, NULL }, .dir = dir, .e = e,
				 .pid = pid, .fd = fd, .next = cache };
	memcpy(n->name, name, len < PROC_NAME_MAX ? len : PROC_NAME_MAX - 1);
	ino->dev = dir->dev;
	ino->priv = n;
	ino->nlink = S_ISDIR(e->mode) ? 2 : 1;
	ino->parent = dir;                       /* files too: their path is found by it */
	cache = n;
	return n;
}

/* What name[0..len) in dir stands for: the entry and its pid and fd. */
static const struct proc_entry *resolve(const struct proc_node *dn, const char *name, uint32_t len,
				       int *pid, int *fd)
{
	*pid = dn->pid;
	*fd = NO_FD;
	for (const struct proc_entry *c = dn->e->children; c && c->name; c++)
		if (same_name(c->name, name, len))
			return c;
	int num = name_number(name, len);
	if (num < 0)
		return NULL;
	if (dn->e->list == PROC_LIST_PIDS && proc_pid_alive(num)) {
		*pid = num;
		return &proc_pid_dir;
	}
	if (dn->e->list == PROC_LIST_FDS && proc_fd_open(dn->pid, num)) {
		*fd = num;
		return &proc_fd_link;
	}
	return NULL;
}

/* The node name[0..len) in dir stands for, made if needed; a link's
 * target is computed when asked (a lookup; not a directory listing). */
static struct proc_node *lookup_node(struct inode *dir, const char *name, uint32_t len, bool link)
{
	struct proc_node *dn = dir->priv, *n;
	int pid, fd;
	if (len >= PROC_NAME_MAX || !node_valid(dn))
		return NULL;
	prune();
	const struct proc_entry *e = resolve(dn, name, len, &pid, &fd);
	if (!e)
		return NULL;
	for (n = cache; n; n = n->next)
		if (n->dir == dir && n->e == e && n->pid == pid && n->fd == fd)
			break;
	n = n ? n : node_new(dir, e, name, len, pid, fd);
	if (n && link && S_ISLNK(e->mode) && refresh_link(n))
		return NULL;
	return n;
}

static struct dentry *proc_lookup(struct inode *dir, const char *name, uint32_t len)
{
	struct proc_node *n = lookup_node(dir, name, len, true);
	return n ? &n->d : NULL;
}

static struct dentry *proc_entry_of(struct inode *ino)
{
	return &((struct proc_node *)ino->priv)->d;   /* the root's is never asked: mounts come first */
}

/* The name of dir's index-th entry (its children, then its pids or
 * descriptors) into name: false past the last. */
static bool entry_name(const struct proc_node *dn, uint32_t index, char name[PROC_NAME_MAX])
{
	const struct proc_entry *c = dn->e->children;
	for (; c && c->name; c++, index--)
		if (index == 0) {
			strlcpy(name, c->name, PROC_NAME_MAX);
			return true;
		}
	int num = dn->e->list == PROC_LIST_PIDS ? proc_pid_at(index)
		: dn->e->list == PROC_LIST_FDS ? proc_fd_at(dn->pid, index) : -1;
	if (num < 0)
		return false;
	ksnprintf(name, PROC_NAME_MAX, "%d", num);
	return true;
}

static int proc_readdir(struct inode *dir, uint32_t index, struct vfs_dirent *d)
{
	char name[PROC_NAME_MAX];
	struct proc_node *n = NULL;
	while (!n) {                          /* skip what went since the count */
		if (!entry_name(dir->priv, index++, name))
			return 0;
		n = lookup_node(dir, name, (uint32_t)strlen(name), false);
	}
	*d = (struct vfs_dirent){ .name = n->name, .len = (uint32_t)strlen(n->name),
				  .ino = n->d.inode->ino, .type = (n->d.inode->mode & S_IFMT) >> S_DT_SHIFT };
	return 1;
}

static long text_read(struct file *f, void *buf, size_t n, unsigned io)
{
	(void)io;
	struct proc_text *t = f->priv;
	if (f->pos >= t->len)
		return 0;
	if (n > t->len - f->pos)
		n = t->len - (uint32_t)f->pos;
	memcpy(buf, t->buf + f->pos, n);
	f->pos += n;
	return (long)n;
}

static void text_release(struct file *f)
{
	struct proc_text *t = f->priv;
	kfree(t->buf);
	kfree(t);
}

/* As Linux's seq_lseek: from the start or from here, not from the end. */
static int64_t text_seek(struct file *f, int64_t off, uint32_t whence)
{
	int64_t to = whence == SEEK_SET ? off : whence == SEEK_CUR ? (int64_t)f->pos + off : -1;
	if (to < 0)
		return -EINVAL;
	f->pos = (uint64_t)to;
	return to;
}

/* A write to a settable file: one number (surrounded by blanks or a
 * newline, as `echo 0 >` writes it), as Linux's proc_dointvec takes it:
 * the count, -EINVAL for anything else, or the store's error. */
static long text_write(struct file *f, const void *buf, size_t n, unsigned io)
{
	(void)io;
	struct proc_text *t = f->priv;
	char val[PROC_NUMBER_MAX];
	long v;
	if (n >= sizeof(val))
		return -EINVAL;
	memcpy(val, buf, n);
	val[n] = '\0';
	char *s = val, *end = val + n;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n'))
		*--end = '\0';
	if (!cmdline_parse_long(s, &v))
		return -EINVAL;
	int err = t->e->store(v);
	return err ? err : (long)n;
}

static const struct file_ops proc_text_ops = { .read = text_read, .release = text_release,
					       .llseek = text_seek };
static const struct file_ops proc_rw_ops = { .read = text_read, .write = text_write,
					     .release = text_release, .llseek = text_seek };

/* Generate n's text into a buffer big enough (doubling from a page). */
static int generate(const struct proc_node *n, struct proc_text *t)
{
	for (uint32_t cap = PAGE_SIZE; cap <= PROC_TEXT_MAX; cap *= 2) {
		struct textbuf tb;
		t->buf = kmalloc(cap);
		if (!t->buf)
			return -ENOMEM;
		tb_init(&tb, t->buf, cap);
		int err = n->e->show(&tb, n->pid);
		t->len = tb.len;
		if (!err && !tb.overflow)
			return 0;
		kfree(t->buf);
		if (err)
			return err;
	}
	return -ENOMEM;
}

static int proc_open(struct inode *ino, uint32_t flags, struct file **out)
{
	struct proc_node *n = ino->priv;          /* the caller's reference keeps it */
	if (n->e->open)
		return n->e->open(flags, out);
	if (((flags & O_ACCMODE) != O_RDONLY && !n->e->store) || !n->e->show)
		return -EACCES;
	struct proc_text *t = kzalloc(sizeof(*t));
	int err = t ? generate(n, t) : -ENOMEM;
	if (err == -ESRCH)
		err = -ENOENT;
	if (t)
		t->e = n->e;
	*out = err ? NULL : file_new(n->e->store ? &proc_rw_ops : &proc_text_ops, t);
	if (!err && !*out) {
		kfree(t->buf);
		err = -ENOMEM;
	}
	if (err)
		kfree(t);
	return err;
}

/* O_TRUNC of a settable file, as the shell's `echo 0 > FILE` opens it,
 * and truncate(2) of any /proc file: nothing to cut. Linux's
 * proc_notify_change accepts the size and changes nothing; opening a file
 * that cannot be set for writing is refused in proc_open instead
 * (truncate_of_a_proc_file_called_null). */
static int proc_truncate(struct inode *ino, uint64_t size)
{
	(void)ino;
	(void)size;
	return 0;
}

static void proc_evict(struct inode *ino)
{
	if (ino->priv != &root_node)
		kfree(ino->priv);
}

static const struct inode_ops procfs_ops = {
	.lookup = proc_lookup, .readdir = proc_readdir, .open = proc_open, .evict = proc_evict,
	.truncate = proc_truncate,
	.entry_of = proc_entry_of,
};
