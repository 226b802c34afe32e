/*
 * vfs.h - files by name: the contract of fs/ for every other folder.
 *
 * Objects (docs/fs.md):
 *  - an inode is a file of any type: its mode, owners, size, times, and
 *    what its file system keeps (a tmpfs file's pages, a directory's
 *    entries). It lives while a directory entry names it (nlink) or
 *    anything holds a reference (refs: open files, working directories,
 *    exec while it reads); the last of both to go frees it and its frames;
 *  - a directory entry (struct dentry) names an inode in a directory;
 *  - a mount binds a file system's root inode to a directory it covers
 *    (fs/mount.c); the first is the root, a tmpfs filled from the boot
 *    archive; lookups cross mounts both ways;
 *  - an open file (fs/file.h) holds a reference to its inode and its own
 *    offset and flags, shared by every descriptor dup or fork made of it.
 *
 * Locking: one sleeping lock, the vfs lock, guards the whole name space,
 * every inode field that changes and every open file's offset. Inodes
 * found by a lookup may be used while the lock is held; whoever keeps one
 * past that takes a reference (inode_get).
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include "fs/file.h"
#include "fs/mount_opts.h"
#include "mm/frame.h"
#include "mm/usercopy.h"
#include "uapi/limits.h"
#include "uapi/mount.h"
#include <stdbool.h>
#include <stdint.h>

struct inode;
struct dentry;
struct mount;
struct vfs_dirent;
struct file_lock;
struct flock_lock;

/* What a file system does with its inodes; the vfs lock is held. */
struct inode_ops {
	/* Directories: the entry name[0..len) in dir, or NULL. */
	struct dentry *(*lookup)(struct inode *dir, const char *name, uint32_t len);
	/* Add an entry naming ino (taking an nlink): 0 or -ENOMEM. */
	int (*link)(struct inode *dir, const char *name, uint32_t len, struct inode *ino);
	/* Remove the entry d from dir (dropping its nlink). */
	void (*unlink)(struct inode *dir, struct dentry *d);
	/* Regular files: bytes at off; the count or -errno (-ENOSPC). */
	long (*read)(struct inode *ino, void *buf, uint32_t n, uint64_t off);
	long (*write)(struct inode *ino, const void *buf, uint32_t n, uint64_t off);
	int (*truncate)(struct inode *ino, uint64_t size);
	/* Give back what the inode holds (nlink and refs are both 0). */
	void (*evict)(struct inode *ino);
	/* Optional, for files whose data is not the inode's (/proc): a new
	 * open file for ino (file_new), called without the lock. */
	int (*open)(struct inode *ino, uint32_t flags, struct file **out);
	/* Its regular files' data is the page cache (pages[], fs/pagecache.c):
	 * read and write copy straight between it and user memory, and mmap
	 * maps its frames. Else only read and write above reach the data. */
	bool page_cache;
	/* Optional, for directories without entries (/proc): the index-th
	 * entry after "." and "..": 1 with *d filled, 0 past the last. */
	int (*readdir)(struct inode *dir, uint32_t index, struct vfs_dirent *d);
	/* Optional, for directories their parent has no list of (/proc):
	 * the entry naming dir in its parent (for paths: getcwd, fd links). */
	struct dentry *(*entry_of)(struct inode *dir);
};

struct dentry {
	char *name;                     /* vfs lock; NUL-terminated */
	struct inode *inode;            /* vfs lock */
	struct dentry *next;            /* vfs lock: the directory's entries */
	uint32_t len;                   /* vfs lock: strlen(name), compared first by tmpfs lookups */
};

struct inode {
	uint32_t ino;                   /* fixed */
	uint32_t dev;                   /* fixed: its file system's device number */
	uint32_t rdev;                  /* fixed: a device file's device (MKDEV, fs/chrdev.h) */
	const struct inode_ops *ops;    /* fixed */
	uint32_t mode;                  /* vfs lock: S_IF* type (fixed) and permissions */
	uint32_t nlink, uid, gid;       /* vfs lock */
	uint64_t size;                  /* vfs lock */
	struct vfs_time atime, mtime, ctime;   /* vfs lock */
	int refs;                       /* vfs lock */
	struct mount *mounted;          /* vfs lock: the latest mount covering this directory */
	void *priv;                     /* the file system's own: procfs's node (fixed);
					 * a FIFO's pipe (vfs lock: made at its first open) */
	/* The tmpfs's own (fs/tmpfs.c), all under the vfs lock: */
	struct dentry *entries;         /* a directory's, oldest first */
	struct dentry **entries_tail;   /* where the next entry goes (NULL: &entries) */
	struct inode *parent;           /* a directory's "..", NULL once removed (procfs: any node's directory) */
	void *pages;                    /* the page cache: frames by page number (fs/page_tree.c) */
	uint32_t npages;                /* pages_height 0: slots in the flat array pages[] */
	uint8_t pages_height;           /* 0: pages[] is flat; else levels of nodes above the leaves */
	uint32_t nframes;               /* frames in the page cache (st_blocks) */
	uint32_t io_pins;               /* user copies under way without the lock (fs/pagecache.c) */
	bool trim_pending;              /* frames past the end wait for io_pins to reach 0 */
	char *target;                   /* a symbolic link's (fixed) */
	struct file_lock *locks;        /* vfs lock: record locks (fs/lock.c) */
	struct flock_lock *flocks;      /* vfs lock: flock(2) locks (fs/flock.c) */
	uint32_t dir_gen;               /* vfs lock: bumped when an entry leaves (readdir cursors) */
	bool accounted;                 /* fixed: counts against its file system's nr_inodes=
					 * and size= (shared anonymous memory does not: Linux
					 * keeps it on an internal mount without limits) */
	bool mapped;                    /* vfs lock: a page table may hold one of its frames
					 * (pagecache_get_page; never cleared): truncation unmaps */
	bool removed;                   /* vfs lock: counted in vfs_dev_removed (inode_unlinked) */
};

/* A file system type mount(2) knows (fs/mount.c). */
struct fs_type {
	const char *name;
	uint32_t magic;                 /* statfs's f_type (uapi/statfs.h) */
	struct inode *(*root)(void);    /* a reference to a new (or the one) root */
	void (*kill)(struct inode *root);   /* free its files at the last umount; NULL: kept */
};

/* The mount table (fs/mount.c), in mount order; the root's is first. */
#define MOUNT_MAX        32
#define MOUNT_SOURCE_MAX 64
/* What a mount keeps of its flags: MS_RDONLY (EROFS, vfs_permission),
 * MS_NOSUID (exec ignores set-user-ID bits); nodev and noexec are shown. */
#define MOUNT_FLAGS_KEPT (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
/* A file system's flags (Linux's SB_*) kept only to be shown: from
 * mount(2)'s flags and the generic words of its options (sync...). */
#define MOUNT_SB_WORDS   (MS_SYNCHRONOUS | MS_DIRSYNC | MS_MANDLOCK | MS_LAZYTIME)
struct mount {
	const struct fs_type *type;     /* fixed */
	char source[MOUNT_SOURCE_MAX];  /* fixed: mount's first argument */
	struct inode *root;             /* fixed: a reference */
	struct inode *mountpoint;       /* fixed: the directory it covers (a reference); NULL: / */
	uint32_t flags;                 /* vfs lock: MOUNT_FLAGS_KEPT of mount(2)'s */
	uint32_t sb_flags;              /* vfs lock: its file system's MOUNT_SB_WORDS */
	struct tmpfs_opts opts;         /* vfs lock: a tmpfs's (and the root's) options, as
					 * /proc/mounts shows them: mode, uid, gid, huge */
	struct mount *next;             /* vfs lock */
};

void vfs_lock(void);
void vfs_unlock(void);

/* --- inodes (fs/inode.c) --- */
/* The root file system (mount 0): an empty tmpfs until initramfs_init fills it. */
void vfs_init(void);
/* A new inode of a file system (ops), nlink 0, refs 0; NULL: no memory. */
struct inode *inode_new(uint32_t mode, const struct inode_ops *ops);
/* A new anonymous device number (major 0), 0 when all are taken; and
 * how many inodes of device dev something holds a reference to. */
uint32_t vfs_new_dev(void);
void vfs_free_dev(uint32_t dev);
uint32_t vfs_dev_held(uint32_t dev);
/* Call vfs_detached_put(dev) after every inode_put of an inode of dev
 * (on), or no more: a file system MNT_DETACH took out while busy. */
void vfs_dev_watch(uint32_t dev, bool on);
/* The regular files of device dev open for writing (struct file.writer),
 * and the areas mapping one that was opened so (struct vma_backing.writer):
 * Linux's mount writers, which its vm_file keeps after the close. */
uint32_t vfs_dev_writers(uint32_t dev);
void vfs_dev_writers_add(uint32_t dev, int n);
/* The inodes of device dev that lost their last name while something
 * held them (an open file, a mapping, a working directory), until the
 * last holder lets go: Linux's s_remove_count. remount,ro is EBUSY
 * while either count is not 0 (sb_prepare_remount_readonly). */
uint32_t vfs_dev_removed(uint32_t dev);
/* ino lost a name (unlink, rmdir, rename over it): counted in
 * vfs_dev_removed when it has none left and is held, freed when nothing
 * holds it. The lock is held. */
void inode_unlinked(struct inode *ino);
/* The last reference to f went: its inode's reference goes (and its count
 * as a writer). Takes the lock. */
void vfs_file_inode_put(struct file *f);
/* A reference to a file of device dev went: if that was the last holder
 * of a detached mount's files, they go now, as at umount (fs/mount.c). */
void vfs_detached_put(uint32_t dev);
/* What device dev's files take, which a tmpfs limits (fs/inode.c):
 * page-cache frames (fs/pagecache.c; size=) and inode slots (nr_inodes=).
 * Charge one (false: the limit is reached, ENOSPC) or give one back; set
 * the limit (0: none); what is taken now, with the limit in *limit. */
enum dev_count { DEV_PAGES, DEV_INODES, DEV_COUNTS };
bool vfs_dev_charge(uint32_t dev, enum dev_count c);
void vfs_dev_uncharge(uint32_t dev, enum dev_count c);
void vfs_dev_set_limit(uint32_t dev, enum dev_count c, uint32_t n);
uint32_t vfs_dev_used(uint32_t dev, enum dev_count c, uint32_t *limit);
/* The root directory of a new tmpfs on a new anonymous device: a reference. */
struct inode *vfs_new_fs_root(uint32_t mode);
/* A new tmpfs inode of mode (type and permissions), nlink 0, refs 0. */
struct inode *tmpfs_new_inode(uint32_t mode);
struct inode *inode_get(struct inode *ino);
void inode_put(struct inode *ino);
/* Free ino if neither an entry nor a reference holds it any more. */
void inode_maybe_free(struct inode *ino);
/* A reference to the root directory; the root itself (lock held). */
struct inode *vfs_root(void);
struct inode *vfs_root_locked(void);

/* --- mounts (fs/mount.c); the vfs lock is held --- */
void mount_root_init(struct inode *root);
/* What covers ino, if anything: the top mount's root (else ino). */
struct inode *vfs_cross(struct inode *ino);
/* The current process's root directory (chroot), crossed. */
struct inode *vfs_process_root(void);
/* ".." of dir: out of mounts, never above the process's root. */
struct inode *vfs_dotdot(struct inode *dir);
/* dir is a mounted file system's root: the directory it covers; else NULL. */
struct inode *vfs_mount_up(struct inode *dir);
/* mount(2) of a new file system of type on directory on (crossed), with
 * mount's options string data (NULL: none; tmpfs reads size=): 0,
 * -ENODEV, -ENOTDIR, -EBUSY (its own root again), -ENOMEM, -EINVAL (a
 * bad option). */
int vfs_mount(const char *source, struct inode *on, const char *type, uint32_t flags,
	      const char *data);
/* MS_REMOUNT of the mount whose root is root, with its new options:
 * 0 or -EINVAL (not a mount, a bad option, a size= below what is used). */
int vfs_remount(struct inode *root, uint32_t flags, const char *data);
/* A tmpfs's size without size=, in pages, and its inodes without
 * nr_inodes=: half of memory, and as many, as Linux. */
uint32_t vfs_tmpfs_default_limit(void);
/* Is ino's file system mounted read-only (EROFS) / nosuid? */
bool vfs_read_only(const struct inode *ino);
bool vfs_nosuid(const struct inode *ino);
/* umount2 of the mount whose root is root: 0, -EINVAL (not a mount),
 * -EBUSY, -EAGAIN (MNT_EXPIRE's first call). */
int vfs_umount(struct inode *root, uint32_t flags);
/* Mount devtmpfs on /dev and proc on /proc when the root has them. */
void vfs_mount_boot(void);
/* The mount after m (NULL: the first), and the mount point's path as the
 * current process sees it: its length, or -errno (not visible). */
const struct mount *mount_next(const struct mount *m);
int vfs_mount_path(const struct mount *m, char *buf, uint32_t size);
/* statfs of the file system ino is in (uapi/statfs.h's struct). */
struct statfs64;
void vfs_statfs(const struct inode *ino, struct statfs64 *s);
/* The root of the file system on device dev, or NULL. */
struct inode *vfs_fs_root(uint32_t dev);
/* The i-th type mount knows, NULL past the last (/proc/filesystems). */
const struct fs_type *fs_type_at(uint32_t i);
/* inode_get and inode_put for holders outside fs/ (fork's and exit's
 * working directory), which do not hold the lock; NULL is let through. */
struct inode *vfs_hold(struct inode *ino);
void vfs_release(struct inode *ino);
/* The same for a memory area, which counts as a writer of ino's device
 * (vfs_dev_writers) when the file it maps was opened for writing. */
struct inode *vfs_area_hold(struct inode *ino, bool writer);
void vfs_area_release(struct inode *ino, bool writer);
void vfs_stat(const struct inode *ino, struct kstat *st);
/* The time now, for an inode's times. */
struct vfs_time vfs_now(void);
/* Is a no later than b? */
static inline bool vfs_time_le(struct vfs_time a, struct vfs_time b)
{
	return a.sec < b.sec || (a.sec == b.sec && a.nsec <= b.nsec);
}

/* --- names (fs/namei.c); the vfs lock is held --- */
#define LOOKUP_FOLLOW  1u               /* follow a symbolic link in the last name */
#define LOOKUP_DIR     2u               /* the last name must be a directory */
/* Resolve path from dir (NULL: the working directory): 0 and *out, or -errno. */
int vfs_lookup(struct inode *dir, const char *path, unsigned flags, struct inode **out);
/* Resolve all but the last name: the parent directory and the last name. */
int vfs_lookup_parent(struct inode *dir, const char *path, struct inode **parent,
		      char last[NAME_MAX + 1], bool *slash);
/* Make name in dir (the caller knows it is absent): the new inode. */
int vfs_create(struct inode *dir, const char *name, uint32_t mode, struct inode **out);
int vfs_mkdir(struct inode *dir, const char *path, uint32_t mode);
int vfs_unlink(struct inode *dir, const char *path, bool rmdir);
/* A node of mode (S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK: the
 * caller checks) at path; rdev for a device. */
int vfs_mknod(struct inode *dir, const char *path, uint32_t mode, uint32_t rdev);
/* A symbolic link at path whose target is target (non-empty). */
int vfs_symlink(struct inode *dir, const char *target, const char *path);
int vfs_rename(struct inode *odir, const char *opath, struct inode *ndir, const char *npath);
/* The path of directory ino from the process's root into buf: its
 * length with the NUL, or -errno; "(unreachable)/..." outside a chroot. */
int vfs_path_of(struct inode *ino, char *buf, uint32_t size);
/* The same for an inode of any type, found in its file system's tree. */
int vfs_inode_path(struct inode *ino, char *buf, uint32_t size);
/* Remove every entry below root, a tmpfs's root (umount), and root's own links. */
void vfs_remove_tree(struct inode *root);
/* path made absolute: the working directory's path and path after it
 * when path is relative (as given otherwise; cut to size). Takes the lock. */
void vfs_abs_path(const char *path, char *buf, uint32_t size);

/* Link the file at opath (followed if follow) as npath: 0, -EPERM (a
 * directory, protected_hardlinks), -EXDEV, -EEXIST... */
int vfs_link(struct inode *odir, const char *opath, struct inode *ndir, const char *npath, bool follow);
/* Another name in dir for src (already named, not a directory): 0, or
 * -ENOSPC when its tmpfs's nr_inodes= leaves no slot for the link. */
int vfs_add_link(struct inode *dir, const char *name, struct inode *src);

/* --- permissions (fs/perm.c); the lock is held --- */
#define MAY_EXEC   1u                   /* Linux's values, which are access()'s X_OK, W_OK, R_OK */
#define MAY_WRITE  2u
#define MAY_READ   4u
/* May the current process (its file-system ids) do mask to ino: 0 or -EACCES. */
int vfs_permission(const struct inode *ino, uint32_t mask);
/* Is the caller ino's owner, or root (CAP_FOWNER)? */
bool vfs_owner_or_root(const struct inode *ino);
/* May the caller remove victim's entry from dir (write, search, the sticky bit)? */
int vfs_may_delete(const struct inode *dir, const struct inode *victim);
/* chmod and chown with Linux's rules: 0 or -EPERM. uid or gid -1: kept. */
int vfs_chmod(struct inode *ino, uint32_t mode);
int vfs_chown(struct inode *ino, uint32_t uid, uint32_t gid);
/* What running ino gives the caller (takes the lock): EXEC_SETUID and
 * EXEC_SETGID as its set-id bits say (set-group-ID with a group execute
 * bit only, as Linux), none on a nosuid mount; its owner in *uid, *gid. */
#define EXEC_SETUID 1u
#define EXEC_SETGID 2u
unsigned vfs_exec_setid(struct inode *ino, uint32_t *uid, uint32_t *gid);
/* The mode bits a new file of mode gets: the umask taken out. */
uint32_t vfs_umask_mode(uint32_t mode);

/* --- record locks (fs/lock.c); the lock is held --- */
#define LOCK_EOF UINT64_MAX             /* a lock's end: the end of the file, wherever it is */
struct vfs_lock_req {
	int pid, type;                  /* the owner; F_RDLCK, F_WRLCK, F_UNLCK */
	uint64_t start, end;            /* bytes start..end, end included */
};
/* F_GETLK: *req becomes the first lock in its way, or its type F_UNLCK. */
void vfs_lock_test(struct inode *ino, struct vfs_lock_req *req);
/* F_SETLK (wait false) and F_SETLKW: 0, -EAGAIN, -EDEADLK, -ENOLCK,
 * -ERESTARTSYS (a signal; the vfs lock was let go meanwhile). */
int vfs_lock_set(struct inode *ino, struct vfs_lock_req *req, bool wait);
/* Drop every lock pid holds on ino (close, exit). */
void vfs_locks_release(struct inode *ino, int pid);
/* Waiting for a lock to go (record locks and flock): the generation now,
 * read before looking; let the vfs lock go and sleep until an unlock
 * after it (or a signal: -ERESTARTSYS); wake every waiter (an unlock). */
uint32_t vfs_lock_gen(void);
int vfs_lock_sleep(uint32_t gen);
void vfs_lock_wake(void);
/* --- flock(2) locks (fs/flock.c) --- */
/* The last reference to f went: its flock lock, if any, goes. Takes the lock. */
void vfs_flock_release(struct file *f);

/* A descriptor of f is being closed by the current process: POSIX drops
 * all its locks on the file. Takes the lock itself (when there are any). */
void vfs_file_closed(struct file *f);

/* --- open files (fs/vfs_file.c); these take the vfs lock themselves --- */
/* Open path relative to dir (NULL: the working directory) with O_* flags. */
int vfs_open(struct inode *dir, const char *path, uint32_t flags, uint32_t mode, struct file **out);
/* fstat: the inode the file was opened through, else what its ops say. */
int vfs_file_stat(struct file *f, struct kstat *st);
/* The inode behind an open regular file or directory, or NULL (a pipe,
 * the console, a device). */
struct inode *file_inode(struct file *f);
long vfs_pread(struct file *f, void *buf, uint32_t n, uint64_t off);
/* io: IO_CONTINUED for a later chunk of one call (see file.h). A write
 * at or past RLIMIT_FSIZE is -EFBIG (and SIGXFSZ), one across it short. */
long vfs_pwrite(struct file *f, const void *buf, uint32_t n, uint64_t off, unsigned io);
/* Set a regular file's size (lock held): 0, -EISDIR, -EINVAL (not a
 * regular file), -EFBIG (and SIGXFSZ) past RLIMIT_FSIZE. *unmap is a
 * reference to ino when processes may map pages past the new end: the
 * caller lets the lock go, then calls vfs_truncate_unmap(*unmap, size). */
int vfs_truncate(struct inode *ino, uint64_t size, struct inode **unmap);
/* Take ino's pages past size out of every mapping of it, in every
 * process (SIGBUS at the next touch, as Linux), and drop the reference
 * vfs_truncate gave; NULL: nothing to do. Without the lock. */
void vfs_truncate_unmap(struct inode *unmap, uint64_t size);
/* lseek: the new offset or -errno. */
int64_t vfs_seek(struct file *f, int64_t off, uint32_t whence);
/* Read a whole regular file into a new kmalloc'd buffer (tests). */
int vfs_read_file(const char *path, void **data, uint32_t *size);
/* A reference to the regular file at path, and its size (exec): 0,
 * -ENOENT, -EACCES (not a regular file, or not one the caller may run)... */
int vfs_open_inode(const char *path, struct inode **out, uint32_t *size);
/* Read n bytes at off of a regular file (exec, file-backed memory): the
 * count, short at the end of the file. Takes the lock: never call it with
 * the lock held, nor touch user memory with the lock held (a fault on a
 * file-backed page comes here). */
long vfs_inode_read(struct inode *ino, void *buf, uint32_t n, uint64_t off);

/* read and write of a file whose data is the page cache, straight from
 * and to user memory (the offset is f's own when at < 0, and O_APPEND's
 * end for a write). The count, or -errno; -EINVAL: not such a file. */
long vfs_io_user(struct file *f, user_ptr_t ubuf, uint32_t n, int64_t at, bool write);
/* Whether f's data is a page cache (vfs_io_user and mmap may use it). */
bool file_page_cache(struct file *f);

/* --- a file's frames by page number (fs/page_tree.c); the vfs lock is held --- */
/* Page pg's frame, FRAME_NONE for a hole. */
paddr_t page_tree_get(const struct inode *ino, uint32_t pg);
/* The slots of pages pg.. pg+n-1 in a row, when they lie in one leaf
 * that exists; else NULL (look them up one by one). */
const paddr_t *page_tree_run(const struct inode *ino, uint32_t pg, uint32_t n);
/* Where page pg's frame goes, made if need be; NULL: no memory. */
paddr_t *page_tree_slot(struct inode *ino, uint32_t pg);
/* Call fn(slot, arg) for every frame from page `from` on (fn may make
 * the slot FRAME_NONE), then free what holds no frame past `from`. */
typedef void (*page_tree_fn)(paddr_t *slot, void *arg);
void page_tree_trim(struct inode *ino, uint32_t from, page_tree_fn fn, void *arg);
/* Free what is left once every frame is gone (eviction). */
void page_tree_free(struct inode *ino);

/* --- the page cache (fs/pagecache.c); the vfs lock is held unless said --- */
/* A file's largest size: Linux's MAX_LFS_FILESIZE on i386 (its page
 * numbers are 32 bits), 16 TiB - 4 KiB; writes stop there (EFBIG). */
#define PAGECACHE_MAX_SIZE 0xffffffff000ull
/* Through a descriptor opened without O_LARGEFILE: 2 GiB - 1 (MAX_NON_LFS). */
#define MAX_NON_LFS        0x7fffffffull
/* Move n bytes at off between buf and the cache (a write makes frames for
 * holes and leaves size alone): the count, or -ENOSPC. */
long pagecache_io(struct inode *ino, void *buf, uint32_t n, uint64_t off, bool write);
/* The same between user memory and the cache. Called with the lock held
 * (a read or write claims its bytes under it first, vfs_io_user), which
 * it lets go of while each batch's user copy runs and for good at the
 * end. */
long pagecache_copy_user(struct inode *ino, user_ptr_t ubuf, uint32_t n, uint64_t off, bool write);
/* A write is about to land at off: if that is past the end, the rest of
 * the last page is zeroed first (a shared mapping may have written there). */
void pagecache_write_begin(struct inode *ino, uint64_t off);
/* Zero the page holding byte from, from it to the page's end. */
void pagecache_zero_tail(struct inode *ino, uint64_t from);
/* Truncation: free the frames of the pages wholly past size and zero the
 * tail of the last one (ftruncate's and O_TRUNC's part in the cache).
 * While a user copy is under way (io_pins), the frames are zeroed instead
 * (so they read as holes) and freed when the last copy ends. */
void inode_truncate_pages(struct inode *ino, uint64_t size);
/* Free every frame and pages[] itself (eviction). */
void pagecache_evict(struct inode *ino);
/* A file mapping's fault: page pg's frame with a reference for the
 * caller, a zeroed one made for a hole. -EIO when the page lies wholly
 * past the end of the file or would be a hole's beyond its tmpfs's size=
 * (SIGBUS, as Linux), -ENOMEM when no frame is left. */
int pagecache_get_page(struct inode *ino, uint32_t pg, paddr_t *pa);
/* mincore: does page pg (inside the file) have a frame? */
bool pagecache_resident(const struct inode *ino, uint32_t pg);
/* Lock-taking forms for mm/: pagecache_get_page, pagecache_resident. */
int vfs_map_page(struct inode *ino, uint32_t pg, paddr_t *pa);
bool vfs_page_resident(struct inode *ino, uint32_t pg);
/* Anonymous shared memory (MAP_SHARED|MAP_ANONYMOUS): a nameless file of
 * size bytes of zeros, with one reference for the caller; NULL: no memory. */
struct inode *vfs_anon_inode(uint32_t size);

/* One directory entry for getdents: 1 with *d filled and *pos advanced,
 * 0 at the end. The name points into the directory: the lock is held. */
struct vfs_dirent {
	const char *name;
	uint32_t len, ino, type;        /* type: DT_* */
	bool words;                     /* name is readable to len rounded up to 4 bytes */
};
int vfs_readdir(struct inode *dir, uint32_t *pos, struct vfs_dirent *d);
/* getdents: emit(ctx, d, next) for each entry of the open directory f
 * from *pos on, until it returns false; *pos moves past those emitted.
 * The file remembers where it stopped, so a listing is one pass over the
 * entries, not one per entry. The lock is held. The count emitted. */
typedef bool (*vfs_emit_fn)(void *ctx, const struct vfs_dirent *d, uint32_t next);
int vfs_readdir_batch(struct file *f, uint32_t *pos, vfs_emit_fn emit, void *ctx);

#endif
