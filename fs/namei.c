/*
 * namei.c - from names to inodes, and the changes to the name space
 * (see vfs.h). The vfs lock is held throughout, so the inodes met on the
 * way stay where they are without references.
 *
 * A walk splits the path (fs/path.c) and steps from directory to
 * directory: "." stays, ".." goes to the parent (the root's is itself),
 * a symbolic link met before the last name is followed, the last name's
 * only when asked or when a slash follows it. All links followed by one
 * lookup count together: the 41st is -ELOOP, as Linux's MAXSYMLINKS.
 */
#include "fs/path.h"
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

#define DEFAULT_UMASK 022              /* until umask(2): Linux's usual value */
#define S_IALLUGO_LINK 0777             /* a symbolic link's mode: every permission */

/* Where a relative walk starts: dir, else the working directory. */
static struct inode *walk_start(struct inode *dir, const char *path)
{
	struct inode *cwd = current_process()->cwd;
	if (path[0] == '/')
		return vfs_root_locked();
	return dir ? dir : cwd ? cwd : vfs_root_locked();
}

/* The inode name[0..len) names in dir, a symbolic link not followed. */
static int step(struct inode *dir, const char *name, uint32_t len, struct inode **out)
{
	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	if (dir->nlink == 0)
		return -ENOENT;                      /* removed: nothing in it, no ".." */
	if (path_is_dot(name, len) || path_is_dotdot(name, len)) {
		*out = path_is_dot(name, len) ? dir : dir->parent;
		return 0;
	}
	struct dentry *d = dir->ops->lookup(dir, name, len);
	if (!d)
		return -ENOENT;
	*out = d->inode;
	return 0;
}

static int walk(struct inode *start, const char *path, unsigned flags, int *depth, struct inode **out);

/* Replace *ino, a symbolic link found in dir, with what it names. */
static int follow(struct inode *dir, int *depth, struct inode **ino)
{
	if (++*depth > MAXSYMLINKS)
		return -ELOOP;
	return walk(dir, (*ino)->target, LOOKUP_FOLLOW, depth, ino);
}

/* Walk every name of *p but the last: *dir, and the last name (len 0
 * when the path is only slashes: then *dir is where it points). */
static int walk_dirs(struct inode *start, const char **p, int *depth, struct inode **dir,
		     const char **name, uint32_t *len)
{
	struct inode *cur = **p == '/' ? vfs_root_locked() : start;
	const char *nm;
	uint32_t n;
	int r;
	*len = 0;
	while ((r = path_next(p, &nm, &n)) == 1) {
		if (path_at_end(*p)) {
			*name = nm;
			*len = n;
			break;
		}
		struct inode *next;
		int err = step(cur, nm, n, &next);
		if (!err && S_ISLNK(next->mode))
			err = follow(cur, depth, &next);
		if (err)
			return err;
		cur = next;
	}
	*dir = cur;
	return r < 0 ? r : 0;
}

static int walk(struct inode *start, const char *path, unsigned flags, int *depth, struct inode **out)
{
	struct inode *dir, *ino;
	const char *name;
	uint32_t len;
	if (!*path)
		return -ENOENT;
	int err = walk_dirs(start, &path, depth, &dir, &name, &len);
	if (err || len == 0) {
		*out = dir;
		return err ? err : S_ISDIR(dir->mode) ? 0 : -ENOTDIR;
	}
	bool slash = path_trailing_slash(path);
	err = step(dir, name, len, &ino);
	if (!err && S_ISLNK(ino->mode) && ((flags & LOOKUP_FOLLOW) || slash))
		err = follow(dir, depth, &ino);
	if (!err && (slash || (flags & LOOKUP_DIR)) && !S_ISDIR(ino->mode))
		err = -ENOTDIR;
	if (!err)
		*out = ino;
	return err;
}

int vfs_lookup(struct inode *dir, const char *path, unsigned flags, struct inode **out)
{
	int depth = 0;
	return walk(walk_start(dir, path), path, flags, &depth, out);
}

int vfs_lookup_parent(struct inode *dir, const char *path, struct inode **parent,
		      char last[NAME_MAX + 1], bool *slash)
{
	int depth = 0;
	const char *name;
	uint32_t len;
	if (!*path)
		return -ENOENT;
	int err = walk_dirs(walk_start(dir, path), &path, &depth, parent, &name, &len);
	if (err)
		return err;
	if (!S_ISDIR((*parent)->mode))
		return -ENOTDIR;
	memcpy(last, name, len);
	last[len] = '\0';
	*slash = path_trailing_slash(path);
	return 0;
}

/* Does last ("", "." or "..") name the directory itself, not an entry? */
static bool names_itself(const char *last)
{
	uint32_t len = (uint32_t)strlen(last);
	return len == 0 || path_is_dot(last, len) || path_is_dotdot(last, len);
}

/* The entry last names in dir, or NULL (those above have none). */
static struct dentry *entry_of(struct inode *dir, const char *last)
{
	return names_itself(last) ? NULL : dir->ops->lookup(dir, last, (uint32_t)strlen(last));
}

int vfs_create(struct inode *dir, const char *name, uint32_t mode, struct inode **out)
{
	if (dir->nlink == 0)
		return -ENOENT;
	struct inode *ino = tmpfs_new_inode(mode);
	if (!ino)
		return -ENOSPC;
	ino->dev = dir->dev;                     /* the file system it is made in */
	int err = dir->ops->link(dir, name, (uint32_t)strlen(name), ino);
	if (err) {
		inode_maybe_free(ino);
		return err;
	}
	if (S_ISDIR(mode)) {
		ino->nlink++;                        /* its own "." */
		ino->parent = dir;
		dir->nlink++;                        /* its ".." */
	}
	*out = ino;
	return 0;
}

/* The directory a new name goes in, and the name: -EEXIST if it is taken. */
static int lookup_new(struct inode *dir, const char *path, struct inode **parent,
		      char last[NAME_MAX + 1])
{
	bool slash;
	int err = vfs_lookup_parent(dir, path, parent, last, &slash);
	if (!err && (names_itself(last) || entry_of(*parent, last)))
		err = -EEXIST;
	return err;
}

int vfs_mkdir(struct inode *dir, const char *path, uint32_t mode)
{
	struct inode *parent, *ino;
	char last[NAME_MAX + 1];
	int err = lookup_new(dir, path, &parent, last);
	if (err)
		return err;
	return vfs_create(parent, last, S_IFDIR | (mode & S_IALLUGO & ~DEFAULT_UMASK), &ino);
}

int vfs_mknod(struct inode *dir, const char *path, uint32_t mode, uint32_t rdev)
{
	struct inode *parent, *ino;
	char last[NAME_MAX + 1];
	int err = lookup_new(dir, path, &parent, last);
	err = err ?: vfs_create(parent, last, (mode & S_IFMT) | (mode & S_IALLUGO & ~DEFAULT_UMASK), &ino);
	if (!err)
		ino->rdev = rdev;
	return err;
}

/* A directory leaves the tree: its "." and its parent's link to it go. */
static void dir_removed(struct inode *parent, struct inode *d)
{
	d->nlink = 0;
	d->parent = NULL;
	parent->nlink--;
}

/* Why d (named by the entry last in a path) may not be removed, or 0. */
static int unlink_refused(struct dentry *d, bool rmdir, bool slash)
{
	bool isdir = S_ISDIR(d->inode->mode);
	if (rmdir && !isdir)
		return -ENOTDIR;
	if (!rmdir && isdir)
		return -EISDIR;
	if (!isdir && slash)
		return -ENOTDIR;
	return rmdir && d->inode->entries ? -ENOTEMPTY : 0;
}

/* What rmdir or unlink of "", "." or ".." says. */
static int unlink_self_error(const char *last, bool rmdir)
{
	if (!rmdir)
		return -EISDIR;
	if (!*last)
		return -EBUSY;
	return path_is_dot(last, (uint32_t)strlen(last)) ? -EINVAL : -ENOTEMPTY;
}

int vfs_unlink(struct inode *dir, const char *path, bool rmdir)
{
	struct inode *parent;
	char last[NAME_MAX + 1];
	bool slash;
	int err = vfs_lookup_parent(dir, path, &parent, last, &slash);
	if (err)
		return err;
	if (names_itself(last))
		return unlink_self_error(last, rmdir);
	struct dentry *d = entry_of(parent, last);
	if (!d)
		return -ENOENT;
	err = unlink_refused(d, rmdir, slash);
	if (err)
		return err;
	struct inode *ino = d->inode;
	parent->ops->unlink(parent, d);
	if (rmdir)
		dir_removed(parent, ino);
	inode_maybe_free(ino);
	return 0;
}

/* Is d the directory anc or inside it? */
static bool is_within(struct inode *d, struct inode *anc)
{
	for (; d; d = d->parent == d ? NULL : d->parent)
		if (d == anc)
			return true;
	return false;
}

/* Why src may not replace dst (NULL: nothing there) in ndir, or 0. */
static int replace_refused(struct inode *src, struct inode *dst, struct inode *ndir)
{
	if (!S_ISDIR(src->mode))
		return dst && S_ISDIR(dst->mode) ? -EISDIR : 0;
	if (is_within(ndir, src))
		return -EINVAL;                      /* into itself */
	if (dst && !S_ISDIR(dst->mode))
		return -ENOTDIR;
	return dst && dst->entries ? -ENOTEMPTY : 0;
}

/* Put src under nlast in ndir (over nd, if there), then drop od from odir. */
static int rename_move(struct inode *odir, struct dentry *od, struct inode *ndir,
		       const char *nlast, struct dentry *nd)
{
	struct inode *src = od->inode, *dst = nd ? nd->inode : NULL;
	if (nd) {
		nd->inode = src;
		src->nlink++;
		dst->nlink--;
		if (S_ISDIR(dst->mode))
			dir_removed(ndir, dst);
	} else {
		int err = ndir->ops->link(ndir, nlast, (uint32_t)strlen(nlast), src);
		if (err)
			return err;
	}
	odir->ops->unlink(odir, od);
	if (S_ISDIR(src->mode)) {
		odir->nlink--;
		ndir->nlink++;
		src->parent = ndir;
	}
	if (dst)
		inode_maybe_free(dst);
	return 0;
}

int vfs_rename(struct inode *odir, const char *opath, struct inode *ndir, const char *npath)
{
	struct inode *op, *np;
	char olast[NAME_MAX + 1], nlast[NAME_MAX + 1];
	bool oslash, nslash;
	int err = vfs_lookup_parent(odir, opath, &op, olast, &oslash);
	err = err ?: vfs_lookup_parent(ndir, npath, &np, nlast, &nslash);
	if (err)
		return err;
	if (names_itself(olast) || names_itself(nlast))
		return -EBUSY;
	struct dentry *od = entry_of(op, olast), *nd = entry_of(np, nlast);
	if (!od)
		return -ENOENT;
	if ((oslash || nslash) && !S_ISDIR(od->inode->mode))
		return -ENOTDIR;
	if (nd && nd->inode == od->inode)
		return 0;                            /* the same file: nothing to do */
	if (np->nlink == 0)
		return -ENOENT;
	err = replace_refused(od->inode, nd ? nd->inode : NULL, np);
	return err ? err : rename_move(op, od, np, nlast, nd);
}

/* The entry of dir's parent that names dir. */
static struct dentry *name_in_parent(struct inode *dir)
{
	for (struct dentry *d = dir->parent->entries; d; d = d->next)
		if (d->inode == dir)
			return d;
	return NULL;
}

int vfs_path_of(struct inode *ino, char *buf, uint32_t size)
{
	uint32_t at = size;
	if (ino->nlink == 0)
		return -ENOENT;                      /* removed */
	buf[--at] = '\0';
	for (; ino->parent != ino; ino = ino->parent) {
		struct dentry *d = name_in_parent(ino);
		uint32_t len = (uint32_t)strlen(d->name);
		if (len + 1 > at)
			return -ENAMETOOLONG;
		at -= len;
		memcpy(buf + at, d->name, len);
		buf[--at] = '/';
	}
	if (at == size - 1)
		buf[--at] = '/';                     /* the root itself */
	memmove(buf, buf + at, size - at);
	return (int)(size - at);
}

int vfs_symlink(struct inode *dir, const char *target, const char *path)
{
	struct inode *parent, *ino;
	char last[NAME_MAX + 1];
	int err = lookup_new(dir, path, &parent, last);
	if (err)
		return err;
	uint32_t len = (uint32_t)strlen(target);
	char *copy = kmalloc(len + 1);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, len + 1);
	err = vfs_create(parent, last, S_IFLNK | S_IALLUGO_LINK, &ino);
	if (err) {
		kfree(copy);
		return err;
	}
	ino->target = copy;
	ino->size = len;
	return 0;
}

void vfs_abs_path(const char *path, char *buf, uint32_t size)
{
	buf[0] = '\0';
	if (path[0] != '/') {
		struct inode *cwd = current_process()->cwd;
		vfs_lock();
		int n = vfs_path_of(cwd ? cwd : vfs_root_locked(), buf, size);
		vfs_unlock();
		if (n <= 0)
			buf[0] = '\0';
		else if (n > 2 && (uint32_t)n < size)   /* not the root's "/" */
			strlcpy(buf + n - 1, "/", size - (uint32_t)n + 1);
	}
	uint32_t len = (uint32_t)strlen(buf);
	strlcpy(buf + len, path, size - len);
}
