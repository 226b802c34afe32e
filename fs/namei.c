/*
 * namei.c - from names to inodes, and the changes to the name space
 * (see vfs.h). The vfs lock is held throughout, so the inodes met on the
 * way stay where they are without references.
 *
 * A walk splits the path (fs/path.c) and steps from directory to
 * directory: "." stays, ".." goes to the parent (never above the
 * process's root; out of a mount, to the parent of what it covers), a
 * directory something is mounted on is crossed into the mount's root,
 * a symbolic link met before the last name is followed, the last name's
 * only when asked or when a slash follows it. All links followed by one
 * lookup count together: the 41st is -ELOOP, as Linux's MAXSYMLINKS.
 */
#include "fs/path.h"
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

#define S_IALLUGO_LINK 0777             /* a symbolic link's mode: every permission */
#define UNREACHABLE    "/(unreachable)" /* getcwd's prefix for a directory outside the root */

/* Where a relative walk starts: dir, else the working directory. */
static struct inode *walk_start(struct inode *dir, const char *path)
{
	struct inode *cwd = current_process()->fs->cwd;
	if (path[0] == '/')
		return vfs_process_root();
	return dir ? dir : cwd ? cwd : vfs_process_root();
}

/* The inode name[0..len) names in dir, a symbolic link not followed. */
static int step(struct inode *dir, const char *name, uint32_t len, struct inode **out)
{
	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	int err = vfs_permission(dir, MAY_EXEC);  /* searching it */
	if (err)
		return err;
	if (dir->nlink == 0)
		return -ENOENT;                      /* removed: nothing in it, no ".." */
	if (path_is_dot(name, len) || path_is_dotdot(name, len)) {
		*out = path_is_dot(name, len) ? dir : vfs_dotdot(dir);
		return 0;
	}
	struct dentry *d = dir->ops->lookup(dir, name, len);
	if (!d)
		return -ENOENT;
	*out = vfs_cross(d->inode);
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
	struct inode *cur = **p == '/' ? vfs_process_root() : start;
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

/* A new inode's owners: the caller's file-system ids, or the directory's
 * group when it is set-group-ID (which a new directory inherits). */
static void init_owner(struct inode *ino, const struct inode *dir)
{
	const struct cred *c = current_cred();
	ino->uid = c->fsuid;
	ino->gid = c->fsgid;
	if (dir->mode & S_ISGID) {
		ino->gid = dir->gid;
		if (S_ISDIR(ino->mode))
			ino->mode |= S_ISGID;
	}
}

uint32_t vfs_umask_mode(uint32_t mode)
{
	return mode & ~current_process()->fs->umask;
}

int vfs_create(struct inode *dir, const char *name, uint32_t mode, struct inode **out)
{
	if (dir->nlink == 0)
		return -ENOENT;
	if (!dir->ops->link)
		return -EACCES;                      /* /proc makes no files */
	int err = vfs_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if (!vfs_dev_charge(dir->dev, DEV_INODES))
		return -ENOSPC;                      /* nr_inodes= reached (shmem_reserve_inode) */
	struct inode *ino = tmpfs_new_inode(mode);
	if (!ino) {
		vfs_dev_uncharge(dir->dev, DEV_INODES);
		return -ENOSPC;
	}
	ino->accounted = true;                   /* its slot goes back when it is freed */
	init_owner(ino, dir);
	ino->dev = dir->dev;                     /* the file system it is made in */
	err = dir->ops->link(dir, name, (uint32_t)strlen(name), ino);
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
	return vfs_create(parent, last, S_IFDIR | vfs_umask_mode(mode & (S_IRWXUGO | S_ISVTX)), &ino);
}

int vfs_mknod(struct inode *dir, const char *path, uint32_t mode, uint32_t rdev)
{
	struct inode *parent, *ino;
	char last[NAME_MAX + 1];
	int err = lookup_new(dir, path, &parent, last);
	err = err ?: vfs_create(parent, last, (mode & S_IFMT) | vfs_umask_mode(mode & S_IALLUGO), &ino);
	if (!err)
		ino->rdev = rdev;
	return err;
}

/* One of ino's names in dir goes: a file's name beyond its last gives
 * back the inode slot it took (vfs_add_link; Linux's shmem_unlink). */
static void name_gone(struct inode *dir, struct inode *ino)
{
	if (ino->nlink > 1 && !S_ISDIR(ino->mode))
		vfs_dev_uncharge(dir->dev, DEV_INODES);
}

static void unlink_entry(struct inode *dir, struct dentry *d)
{
	name_gone(dir, d->inode);
	dir->ops->unlink(dir, d);
}

int vfs_add_link(struct inode *dir, const char *name, struct inode *src)
{
	if (!vfs_dev_charge(dir->dev, DEV_INODES))
		return -ENOSPC;                      /* Linux's shmem_link: a slot per link */
	int err = dir->ops->link(dir, name, (uint32_t)strlen(name), src);
	if (err)
		vfs_dev_uncharge(dir->dev, DEV_INODES);
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
	if (d->inode->mounted)
		return -EBUSY;                       /* a mount point */
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
	err = slash && !rmdir ? unlink_refused(d, rmdir, slash) : 0;   /* "file/": before the rights */
	err = err ?: vfs_may_delete(parent, d->inode);
	if (!err && !parent->ops->unlink)
		err = -EACCES;
	err = err ?: unlink_refused(d, rmdir, slash);
	if (err)
		return err;
	struct inode *ino = d->inode;
	unlink_entry(parent, d);
	if (rmdir)
		dir_removed(parent, ino);
	inode_unlinked(ino);
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

/* May the caller move src out of odir, into ndir over dst (NULL: a new
 * name)? A directory changing parents needs write on itself (its ".."). */
static int rename_rights(struct inode *odir, struct inode *src, struct inode *ndir, struct inode *dst)
{
	int err = vfs_may_delete(odir, src);
	err = err ?: dst ? vfs_may_delete(ndir, dst) : vfs_permission(ndir, MAY_WRITE | MAY_EXEC);
	if (!err && S_ISDIR(src->mode) && odir != ndir)
		err = vfs_permission(src, MAY_WRITE);
	return err;
}

/* Put src under nlast in ndir (over nd, if there), then drop od from odir. */
static int rename_move(struct inode *odir, struct dentry *od, struct inode *ndir,
		       const char *nlast, struct dentry *nd)
{
	struct inode *src = od->inode, *dst = nd ? nd->inode : NULL;
	if (nd) {
		name_gone(ndir, dst);
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
		inode_unlinked(dst);
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
	if (op->dev != np->dev)
		return -EXDEV;                       /* across mounts */
	if (names_itself(olast) || names_itself(nlast))
		return -EBUSY;
	struct dentry *od = entry_of(op, olast), *nd = entry_of(np, nlast);
	if (!od)
		return -ENOENT;
	if (od->inode->mounted || (nd && nd->inode->mounted))
		return -EBUSY;
	if (!op->ops->unlink)
		return -EACCES;
	if ((oslash || nslash) && !S_ISDIR(od->inode->mode))
		return -ENOTDIR;
	if (nd && nd->inode == od->inode)
		return 0;                            /* the same file: nothing to do */
	if (np->nlink == 0)
		return -ENOENT;
	err = rename_rights(op, od->inode, np, nd ? nd->inode : NULL);
	err = err ?: replace_refused(od->inode, nd ? nd->inode : NULL, np);
	return err ? err : rename_move(op, od, np, nlast, nd);
}

/* The entry of dir's parent that names dir. */
static struct dentry *name_in_parent(struct inode *dir)
{
	if (dir->ops->entry_of)
		return dir->ops->entry_of(dir);
	for (struct dentry *d = dir->parent->entries; d; d = d->next)
		if (d->inode == dir)
			return d;
	return NULL;
}

/* Put "/name" (len bytes of name) before buf[*at]: false if it does not fit. */
static bool prepend(char *buf, uint32_t *at, const char *name, uint32_t len)
{
	if (len + 1 > *at)
		return false;
	*at -= len;
	memcpy(buf + *at, name, len);
	buf[--*at] = '/';
	return true;
}

int vfs_path_of(struct inode *ino, char *buf, uint32_t size)
{
	struct inode *top = vfs_process_root(), *up;
	uint32_t at = size;
	if (ino->nlink == 0)
		return -ENOENT;                      /* removed */
	buf[--at] = '\0';
	while (ino != top) {
		if ((up = vfs_mount_up(ino))) {
			ino = up;                        /* a mount's root: on to what it covers */
			continue;
		}
		if (ino->parent == ino)
			break;                           /* the real root, outside a chroot */
		struct dentry *d = name_in_parent(ino);
		if (!prepend(buf, &at, d->name, (uint32_t)strlen(d->name)))
			return -ENAMETOOLONG;
		ino = ino->parent;
	}
	if (at == size - 1)
		buf[--at] = '/';                     /* the root itself */
	if (ino != top && !prepend(buf, &at, UNREACHABLE + 1, sizeof(UNREACHABLE) - 2))
		return -ENAMETOOLONG;
	if (ino != top)
		at++;                                /* Linux's "(unreachable)/...": no leading slash */
	memmove(buf, buf + at, size - at);
	return (int)(size - at);
}

/* The directory and entry naming ino in the tree under root (a walk that
 * climbs back by parent pointers, so deep trees need no stack): true if found. */
static bool find_entry(struct inode *root, struct inode *ino, struct inode **dir, struct dentry **out)
{
	struct inode *cur = root;
	struct dentry *d = root->entries;
	for (;;) {
		if (!d) {
			if (cur == root)
				return false;
			d = name_in_parent(cur)->next;   /* back up, to the entry after cur */
			cur = cur->parent;
			continue;
		}
		if (d->inode == ino) {
			*dir = cur;
			*out = d;
			return true;
		}
		if (S_ISDIR(d->inode->mode) && d->inode->entries && d->inode->parent == cur) {
			cur = d->inode;
			d = cur->entries;
		} else {
			d = d->next;
		}
	}
}

int vfs_inode_path(struct inode *ino, char *buf, uint32_t size)
{
	struct inode *root = vfs_fs_root(ino->dev), *dir;
	struct dentry *d;
	if (S_ISDIR(ino->mode))
		return vfs_path_of(ino, buf, size);
	if (ino->ops->entry_of) {                /* a file system that knows its names */
		dir = ino->parent;
		d = ino->ops->entry_of(ino);
	} else if (!root || !find_entry(root, ino, &dir, &d)) {
		return -ENOENT;
	}
	int n = vfs_path_of(dir, buf, size);
	if (n < 0)
		return n;
	uint32_t end = (uint32_t)n - 1, len = (uint32_t)strlen(d->name);
	if (buf[end - 1] == '/')
		end--;                               /* "/": the name follows its slash */
	if (end + len + 2 > size)
		return -ENAMETOOLONG;
	buf[end] = '/';
	memcpy(buf + end + 1, d->name, len + 1);
	return (int)(end + len + 2);
}

void vfs_remove_tree(struct inode *root)
{
	struct inode *cur = root;
	while (cur != root || cur->entries) {
		if (!cur->entries) {
			cur = cur->parent;               /* emptied: its parent's first entry goes next */
			continue;
		}
		struct dentry *d = cur->entries;
		struct inode *ino = d->inode;
		if (S_ISDIR(ino->mode) && ino->entries) {
			cur = ino;
			continue;
		}
		unlink_entry(cur, d);
		if (S_ISDIR(ino->mode))
			dir_removed(cur, ino);
		inode_maybe_free(ino);
	}
	root->nlink = 0;                         /* the caller's reference is the last */
	root->parent = NULL;
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
		struct inode *cwd = current_process()->fs->cwd;
		vfs_lock();
		int n = vfs_path_of(cwd ? cwd : vfs_process_root(), buf, size);
		vfs_unlock();
		if (n <= 0)
			buf[0] = '\0';
		else if (n > 2 && (uint32_t)n < size)   /* not the root's "/" */
			strlcpy(buf + n - 1, "/", size - (uint32_t)n + 1);
	}
	uint32_t len = (uint32_t)strlen(buf);
	strlcpy(buf + len, path, size - len);
}

/* protected_hardlinks (on in Debian): linking a file one does not own
 * needs read and write on it, and it must not be set-id (may_linkat). */
static int may_hardlink(const struct inode *src)
{
	if (vfs_owner_or_root(src))
		return 0;
	bool setid = (src->mode & S_ISUID) || ((src->mode & S_ISGID) && (src->mode & S_IXGRP));
	if (S_ISREG(src->mode) && !setid && vfs_permission(src, MAY_READ | MAY_WRITE) == 0)
		return 0;
	return -EPERM;
}

int vfs_link(struct inode *odir, const char *opath, struct inode *ndir, const char *npath, bool follow)
{
	struct inode *src, *parent;
	char last[NAME_MAX + 1];
	bool slash;
	int err = vfs_lookup(odir, opath, follow ? LOOKUP_FOLLOW : 0, &src);
	err = err ?: vfs_lookup_parent(ndir, npath, &parent, last, &slash);
	if (!err && (names_itself(last) || entry_of(parent, last)))
		err = -EEXIST;
	if (!err && slash)
		err = -ENOENT;                       /* "new/" names no directory to make */
	if (!err && src->dev != parent->dev)
		err = -EXDEV;
	err = err ?: may_hardlink(src);
	err = err ?: vfs_permission(parent, MAY_WRITE | MAY_EXEC);
	if (!err && S_ISDIR(src->mode))
		err = -EPERM;
	if (!err && (src->nlink == 0 || parent->nlink == 0))
		err = -ENOENT;
	err = err ?: vfs_add_link(parent, last, src);
	if (!err)
		src->ctime = vfs_now();
	return err;
}
