/*
 * mount.c - the mount table (see vfs.h): which file system's root covers
 * which directory, crossing mounts in both directions, and the file
 * system types mount(2) knows.
 *
 * A mounted-on directory points at the latest mount covering it
 * (inode->mounted); a lookup that reaches it goes on in that mount's root
 * (vfs_cross), and ".." from a file system's root goes to the directory
 * it covers first (vfs_dotdot). A mount on a directory already covered
 * covers the root of the mount before it, so mounts stack. The table is a
 * list in mount order (what /proc/mounts shows); the root's mount is the
 * first and never goes. Everything here runs under the vfs lock.
 *
 * devtmpfs has one instance, as on Linux: every mount of it shows the same
 * root. A root mounted twice is ambiguous for ".." and getcwd, which take
 * the oldest of its mounts. Each mount of tmpfs and proc is new.
 *
 * tmpfs (and the root, Linux's rootfs) reads mount's data as Linux's
 * shmem does (fs/mount_opts.c): size= (or nr_blocks=), the most pages its
 * files may own, and nr_inodes=, the most inodes (fs/inode.c counts both;
 * ENOSPC past them), at a new mount or a remount; mode=, uid= and gid=,
 * its root directory's at a new mount (the mounter's ids without), which
 * a remount checks and ignores, as Linux; huge=, kept and shown. The
 * other types read none. Without size= and nr_inodes= a tmpfs may take
 * half of memory and as many inodes, Linux's defaults: an output larger
 * than memory ends in ENOSPC, with memory left for the writer's error
 * path and everyone else. The root and /dev get the same at boot, once
 * the archive is unpacked (vfs_mount_boot), so filling / ends in ENOSPC,
 * not in an out-of-memory kill.
 */
#include "fs/chrdev.h"
#include "kernel/console.h"
#include "fs/mount_opts.h"
#include "fs/procfs.h"
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/kheap.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/mount.h"
#include "uapi/stat.h"
#include "uapi/statfs.h"

#define TMPFS_ROOT_MODE (S_IFDIR | 01777)     /* Linux's tmpfs root: everyone's, sticky */
#define DEVTMPFS_MODE   0755                  /* Linux mounts its devtmpfs "mode=0755" */

static struct inode *tmpfs_mount_root(void)
{
	return vfs_new_fs_root(TMPFS_ROOT_MODE);
}

static struct inode *devtmpfs_mount_root(void)
{
	return inode_get(devtmpfs_root());
}


/* The types mount(2) knows, in /proc/filesystems' order. kill frees a
 * file system's files at its last umount (the shared ones keep them). */
static const struct fs_type fs_types[] = {
	{ "tmpfs", TMPFS_MAGIC, tmpfs_mount_root, vfs_remove_tree },
	{ "devtmpfs", TMPFS_MAGIC, devtmpfs_mount_root, NULL },
	{ "proc", PROC_SUPER_MAGIC, procfs_new_root, procfs_kill },
};
#define FS_TYPES (sizeof(fs_types) / sizeof(fs_types[0]))

/* The root: a tmpfs, which Linux calls rootfs. */
static const struct fs_type rootfs_type = { "rootfs", TMPFS_MAGIC, NULL, NULL };
static struct mount root_mount = { .type = &rootfs_type, .source = "rootfs",
				   .opts = { .mode = TMPFS_DEFAULT_MODE } };
static struct mount *mount_list = &root_mount;   /* vfs lock: in mount order */
static uint32_t mount_count = 1;                 /* vfs lock */
/* vfs lock: mounts MNT_DETACH took out of the name space while busy; each
 * keeps its root's reference until the last holder of a file of it lets
 * go (vfs_detached_put), then frees its files as umount would have. */
static struct mount *detached_list;

const struct fs_type *fs_type_at(uint32_t i)
{
	return i < FS_TYPES ? &fs_types[i] : NULL;
}

static const struct fs_type *fs_type_find(const char *name)
{
	for (uint32_t i = 0; i < FS_TYPES; i++)
		if (strcmp(fs_types[i].name, name) == 0)
			return &fs_types[i];
	return NULL;
}

void mount_root_init(struct inode *root)
{
	root_mount.root = root;
}

struct inode *vfs_root_locked(void)
{
	return vfs_cross(root_mount.root);
}

const struct mount *mount_next(const struct mount *m)
{
	return m ? m->next : mount_list;
}

struct inode *vfs_cross(struct inode *ino)
{
	while (ino->mounted)
		ino = ino->mounted->root;
	return ino;
}

/* The oldest mount whose root is root, or NULL. */
static struct mount *mount_of_root(const struct inode *root)
{
	for (struct mount *m = mount_list; m; m = m->next)
		if (m->root == root)
			return m;
	return NULL;
}

/* The latest mount whose root is root (what umount of its path means). */
static struct mount *latest_mount_of_root(const struct inode *root)
{
	struct mount *found = NULL;
	for (struct mount *m = mount_list; m; m = m->next)
		if (m->root == root)
			found = m;
	return found;
}

struct inode *vfs_process_root(void)
{
	struct inode *r = current_process()->fs->root;
	return r ? r : vfs_root_locked();
}

struct inode *vfs_mount_up(struct inode *dir)
{
	struct mount *m = dir->parent == dir ? mount_of_root(dir) : NULL;
	return m ? m->mountpoint : NULL;
}

struct inode *vfs_dotdot(struct inode *dir)
{
	struct inode *top = vfs_process_root(), *up;
	while (dir != top && (up = vfs_mount_up(dir)))
		dir = up;                            /* out of a mount: where it is mounted */
	return dir == top || dir->parent == dir ? dir : dir->parent;
}

/* How many mounts show root (devtmpfs and proc may be mounted twice). */
static int mounts_of_root(const struct inode *root)
{
	int n = 0;
	for (struct mount *m = mount_list; m; m = m->next)
		n += m->root == root;
	return n;
}

/* Does anything but the own references hold a file of the file system
 * of root: an open file, a working or root directory, a mapping, a mount
 * on one of its directories? */
static bool root_busy(const struct inode *root, int own)
{
	return vfs_dev_held(root->dev) > 1 || root->refs > own || root->mounted;
}

/* m's file system is busy beyond its mounts: they hold its root, and a
 * type whose files outlive their mounts (devtmpfs) holds it too. */
static bool mount_busy(const struct mount *m)
{
	return root_busy(m->root, mounts_of_root(m->root) + (m->type->kill ? 0 : 1));
}

/* Drop a mount's reference to root: the last mount of a tmpfs frees its
 * files and its device number. */
static void root_put(struct inode *root, const struct fs_type *t)
{
	uint32_t dev = root->dev;
	bool last = t->kill && root->refs == 1;
	if (last)
		t->kill(root);
	inode_put(root);
	if (last)
		vfs_free_dev(dev);
}

static void mount_link(struct mount *m, struct inode *on)
{
	struct mount **tail = &mount_list;
	while (*tail)
		tail = &(*tail)->next;
	*tail = m;
	m->mountpoint = inode_get(on);
	on->mounted = m;
	mount_count++;
}

/* Take m out of the table; the directory it covered shows what it did. */
static void mount_unlink(struct mount *m)
{
	struct mount **pp = &mount_list;
	while (*pp != m)
		pp = &(*pp)->next;
	*pp = m->next;
	m->mountpoint->mounted = NULL;
	inode_put(m->mountpoint);
	mount_count--;
}

#define TMPFS_DEFAULT_SHARE 2                 /* a tmpfs takes 1/2 of memory unless told */

static uint32_t frame_total(void)
{
	struct frame_stats st;
	frame_get_stats(&st);
	return st.total;
}

static bool is_tmpfs(const struct fs_type *t)
{
	return t->kill == vfs_remove_tree || t == &rootfs_type;
}

/* devtmpfs is a tmpfs too (Linux: shmem), one for every mount of it. */
static bool is_devtmpfs(const struct fs_type *t)
{
	return t->root == devtmpfs_mount_root;
}

/* Say why a tmpfs's options are refused, in Linux's words (its invalfc,
 * after the type's name): mount(8) only says "Invalid argument", dmesg
 * says which. */
static void tmpfs_refused(const char *fs, const char *why, const char *key, uint32_t len)
{
	if (key)
		pr_err("%s: %s '%.*s'\n", fs, why, (int)len, key);
	else
		pr_err("%s: %s\n", fs, why);
}

/* The options in data for a file system of type t: 0 or -EINVAL. */
static int fs_options(const struct fs_type *t, const char *data, struct tmpfs_opts *o)
{
	*o = (struct tmpfs_opts){ .mode = TMPFS_DEFAULT_MODE };
	int err = is_tmpfs(t) || is_devtmpfs(t) ? tmpfs_parse_opts(data, frame_total(), o) : 0;
	if (err)
		tmpfs_refused(t->name, o->why, o->key, o->key_len);
	return err;
}

uint32_t vfs_tmpfs_default_limit(void)
{
	return frame_total() / TMPFS_DEFAULT_SHARE;
}

/* A limit as given, or the default (half of memory; shmem's default
 * nr_inodes is the same count: min(lowmem pages, half of all)). */
static uint32_t limit_or_default(bool given, uint32_t n)
{
	return given ? n : vfs_tmpfs_default_limit();
}

/* What a remount sets of a file system's flags (Linux's MS_RMT_MASK):
 * dirsync stays unless the options name it. */
#define SB_REMOUNT_MASK (MS_RDONLY | MS_SYNCHRONOUS | MS_MANDLOCK | MS_LAZYTIME)

/* A file system's flags from mount(2)'s and its options' generic words. */
static uint32_t sb_flags(uint32_t from, const struct tmpfs_opts *o)
{
	return (from | o->sb_set) & ~o->sb_clear;
}

/* A new tmpfs (shmem_fill_super): its root's mode and owners (without
 * uid=, gid=: the mounter's file-system ids), its limits. */
static void tmpfs_setup(struct inode *root, struct tmpfs_opts *o)
{
	const struct cred *c = current_cred();
	o->uid = o->uid_given ? o->uid : c->fsuid;
	o->gid = o->gid_given ? o->gid : c->fsgid;
	root->mode = S_IFDIR | o->mode;
	root->uid = o->uid;
	root->gid = o->gid;
	vfs_dev_set_limit(root->dev, DEV_PAGES, limit_or_default(o->size_given, o->max_pages));
	vfs_dev_set_limit(root->dev, DEV_INODES, limit_or_default(o->inodes_given, o->max_inodes));
}

static int remount_limits(const char *fs, uint32_t dev, const struct tmpfs_opts *o);

/* Mounting devtmpfs with options reconfigures its one file system, as a
 * remount would (Linux's public_dev_mount: reconfigure_single): its
 * limits may change, its root's mode and owners do not. */
static int devtmpfs_options(uint32_t dev, struct tmpfs_opts *o)
{
	o->mode = DEVTMPFS_MODE;
	o->uid = o->gid = 0;
	return remount_limits("devtmpfs", dev, o);
}

int vfs_mount(const char *source, struct inode *on, const char *type, uint32_t flags,
	      const char *data)
{
	const struct fs_type *t = fs_type_find(type);
	struct tmpfs_opts opts;
	if (!t)
		return -ENODEV;
	int err = fs_options(t, data, &opts);
	if (err)
		return err;
	on = vfs_cross(on);                      /* a working directory may be covered since */
	if (!S_ISDIR(on->mode))
		return -ENOTDIR;                     /* every type's root is a directory */
	if (mount_count == MOUNT_MAX)
		return -ENOMEM;
	struct mount *m = kzalloc(sizeof(*m));
	struct inode *root = m ? t->root() : NULL;
	if (!root) {
		kfree(m);
		return -ENOMEM;
	}
	err = is_devtmpfs(t) ? devtmpfs_options(root->dev, &opts) : 0;
	if (!err && root == on)
		err = -EBUSY;                        /* its own root again: Linux's EBUSY */
	if (err) {
		root_put(root, t);
		kfree(m);
		return err;
	}
	if (is_tmpfs(t))
		tmpfs_setup(root, &opts);
	m->type = t;
	m->root = root;
	m->opts = opts;
	uint32_t sb = sb_flags(flags, &opts);
	m->sb_flags = sb & MOUNT_SB_WORDS;
	m->flags = (flags | (sb & MS_RDONLY)) & MOUNT_FLAGS_KEPT;   /* "ro" in data: read-only too */
	strlcpy(m->source, source ? source : "none", sizeof(m->source));
	mount_link(m, on);
	return 0;
}

/* May a remount set limit n of kind c (given)? Linux's shmem_reconfigure:
 * no limit (0) stays none ("Cannot retroactively limit"), and a limit is
 * never below what the files take ("Too small a size for current use"). */
static int remount_check(const char *fs, uint32_t dev, enum dev_count c, bool given, uint32_t n)
{
	static const char *const unlimited[DEV_COUNTS] = {
		"Cannot retroactively limit size", "Cannot retroactively limit inodes" };
	static const char *const too_small[DEV_COUNTS] = {
		"Too small a size for current use", "Too few inodes for current use" };
	uint32_t limit, used = vfs_dev_used(dev, c, &limit);
	if (!given || n == 0)
		return 0;                            /* none asked, or no limit */
	if (!limit || used > n)
		tmpfs_refused(fs, !limit ? unlimited[c] : too_small[c], NULL, 0);
	return !limit || used > n ? -EINVAL : 0;
}

/* A remount's size= and nr_inodes=: both checked before either changes. */
static int remount_limits(const char *fs, uint32_t dev, const struct tmpfs_opts *o)
{
	int err = remount_check(fs, dev, DEV_PAGES, o->size_given, o->max_pages);
	err = err ?: remount_check(fs, dev, DEV_INODES, o->inodes_given, o->max_inodes);
	if (err)
		return err;
	if (o->size_given)
		vfs_dev_set_limit(dev, DEV_PAGES, o->max_pages);
	if (o->inodes_given)
		vfs_dev_set_limit(dev, DEV_INODES, o->max_inodes);
	return 0;
}

/* remount without MS_BIND, as Linux: read-only and tmpfs's limits and
 * huge= are the file system's (every mount of it), the rest the mount's
 * own; mode=, uid= and gid= are checked, then ignored. The options are
 * read first, as Linux parses them before reconfigure_super's checks. */
int vfs_remount(struct inode *root, uint32_t flags, const char *data)
{
	struct mount *m = root->parent == root ? latest_mount_of_root(root) : NULL;
	struct tmpfs_opts opts;
	if (!m)
		return -EINVAL;
	int err = fs_options(m->type, data, &opts);   /* a bad option first, as Linux parses first */
	if (err)
		return err;
	uint32_t sb = sb_flags((m->sb_flags & ~SB_REMOUNT_MASK) | (flags & SB_REMOUNT_MASK), &opts);
	flags |= sb & MS_RDONLY;
	/* Read-write to read-only while a file is open for writing (or mapped
	 * by an area that keeps it so) or a deleted file is still held:
	 * Linux's sb_prepare_remount_readonly says EBUSY. */
	if ((flags & MS_RDONLY) && !(m->flags & MS_RDONLY) &&
	    (vfs_dev_writers(root->dev) || vfs_dev_removed(root->dev)))
		return -EBUSY;
	if ((err = remount_limits(m->type->name, root->dev, &opts)))
		return err;
	if (opts.huge_given)
		m->opts.huge = opts.huge;
	for (struct mount *o = mount_list; o; o = o->next)
		if (o->root == root) {
			o->flags = (o->flags & ~MS_RDONLY) | (flags & MS_RDONLY);
			o->sb_flags = sb & MOUNT_SB_WORDS;
		}
	m->flags = flags & MOUNT_FLAGS_KEPT;
	return 0;
}

int vfs_umount(struct inode *root, uint32_t flags)
{
	struct mount *m = root->parent == root ? latest_mount_of_root(root) : NULL;
	if (!m)
		return -EINVAL;                      /* not a mount's root */
	if (!m->mountpoint || root == vfs_process_root())
		return -EBUSY;                       /* the root stays */
	bool busy = mount_busy(m);
	if (flags & MNT_EXPIRE)                  /* Linux's first call only marks it */
		return flags & (MNT_FORCE | MNT_DETACH) ? -EINVAL : -EAGAIN;
	if (busy && !(flags & MNT_DETACH))
		return -EBUSY;
	mount_unlink(m);
	if (busy && m->type->kill) {             /* its files go with their last holder */
		m->mountpoint = NULL;
		m->next = detached_list;
		detached_list = m;
		vfs_dev_watch(root->dev, true);
		return 0;
	}
	root_put(root, m->type);
	kfree(m);
	return 0;
}

/* The detached mount of device dev; *pp is where it is linked. */
static struct mount *detached_of(uint32_t dev, struct mount ***pp)
{
	for (*pp = &detached_list; **pp; *pp = &(**pp)->next)
		if ((**pp)->root->dev == dev)
			return **pp;
	return NULL;
}

void vfs_detached_put(uint32_t dev)
{
	struct mount **pp, *m = detached_of(dev, &pp);
	if (!m || root_busy(m->root, mounts_of_root(m->root) + 1))
		return;
	*pp = m->next;
	vfs_dev_watch(dev, false);               /* before root_put's own inode_put */
	root_put(m->root, m->type);
	kfree(m);
}

/* The mount ino's file system is mounted by (the oldest), or NULL. */
static const struct mount *mount_of_dev(uint32_t dev)
{
	for (struct mount *m = mount_list; m; m = m->next)
		if (m->root->dev == dev)
			return m;
	return NULL;
}

bool vfs_read_only(const struct inode *ino)
{
	const struct mount *m = mount_of_dev(ino->dev);
	return m && (m->flags & MS_RDONLY);
}

bool vfs_nosuid(const struct inode *ino)
{
	const struct mount *m = mount_of_dev(ino->dev);
	return m && (m->flags & MS_NOSUID);
}

/* A RAM file system's blocks are its size= limit in pages and its files
 * its nr_inodes=, free as its files leave them (fs/inode.c counts them);
 * without a limit, 0 of each, as Linux's shmem_statfs says. */
void vfs_statfs(const struct inode *ino, struct statfs64 *s)
{
	const struct mount *m = mount_of_dev(ino->dev);
	memset(s, 0, sizeof(*s));
	s->f_type = m ? m->type->magic : 0;
	s->f_bsize = s->f_frsize = PAGE_SIZE;
	s->f_namelen = NAME_MAX;
	s->f_fsid[0] = (int32_t)ino->dev;
	s->f_flags = ST_VALID | (m && m->mountpoint ? ST_RELATIME : 0) | (m ? m->flags & MOUNT_FLAGS_KEPT : 0);   /* ST_RDONLY... = MS_* */
	s->f_flags |= m ? m->sb_flags & (MS_SYNCHRONOUS | MS_MANDLOCK) : 0;  /* ST_SYNCHRONOUS, ST_MANDLOCK */
	if (s->f_type != TMPFS_MAGIC)
		return;                          /* proc: no blocks */
	uint32_t limit, used = vfs_dev_used(ino->dev, DEV_PAGES, &limit);
	s->f_blocks = limit;
	s->f_bfree = s->f_bavail = used < limit ? limit - used : 0;
	used = vfs_dev_used(ino->dev, DEV_INODES, &limit);
	s->f_files = limit;
	s->f_ffree = used < limit ? limit - used : 0;
}

struct inode *vfs_fs_root(uint32_t dev)
{
	const struct mount *m = mount_of_dev(dev);
	return m ? m->root : NULL;
}

int vfs_mount_path(const struct mount *m, char *buf, uint32_t size)
{
	if (!m->mountpoint)                      /* the root: "/" unless chrooted away from it */
		return vfs_process_root() == vfs_root_locked() ? (int)strlcpy(buf, "/", size) + 1 : -ENOENT;
	int n = vfs_path_of(m->mountpoint, buf, size);
	return n > 0 && buf[0] != '/' ? -ENOENT : n;   /* "(unreachable)/...": not shown */
}

/* Mount type on path at boot if the root has that directory. */
static void mount_at_boot(const char *source, const char *path, const char *type)
{
	struct inode *dir;
	if (vfs_lookup(NULL, path, LOOKUP_FOLLOW | LOOKUP_DIR, &dir) == 0)
		vfs_mount(source, dir, type, 0, NULL);
}

/* The root and /dev: Linux mounts its rootfs (init_mount_tree) and
 * devtmpfs as user mounts would be, with half of memory and as many
 * inodes. Here that is set once the archive is unpacked and its frames
 * are free, so an archive of more than half of memory still unpacks
 * (Linux would need it to fit first), and the root is then full. */
static void boot_limits(struct inode *root)
{
	vfs_dev_set_limit(root->dev, DEV_PAGES, vfs_tmpfs_default_limit());
	vfs_dev_set_limit(root->dev, DEV_INODES, vfs_tmpfs_default_limit());
}

void vfs_mount_boot(void)
{
	vfs_lock();
	boot_limits(root_mount.root);
	boot_limits(devtmpfs_root());
	mount_at_boot("devtmpfs", "/dev", "devtmpfs");
	mount_at_boot("proc", "/proc", "proc");
	vfs_unlock();
}
