/*
 * fd.c - descriptor tables (see fd.h for who shares one and what its lock
 * guards). Every function that reads or changes a table holds its lock
 * (assert_held in the helpers); what can sleep - putting a file, dropping
 * its record locks - happens after the lock is let go.
 */
#include "fs/fd.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/resource.h"
#include "uapi/stat.h"

#define BITS 32u                           /* descriptors per cloexec word */
#define BORROW_CHUNK 8u                    /* fd_file references a call holds, grown by */

static struct files *cur_files(void)
{
	return current_process()->files;
}

/* One past the highest descriptor the current process may use. */
static uint32_t fd_limit(void)
{
	uint64_t lim = rlimit_cur(RLIMIT_NOFILE);
	return lim > CRED_NR_OPEN ? CRED_NR_OPEN : (uint32_t)lim;
}

/* Make fs's table hold at least want slots: 0 or -ENOMEM. */
static int fdt_grow(struct files *fs, uint32_t want)
{
	struct fdtable *t = &fs->fdt;
	assert_held(&fs->lock);
	if (want <= t->size)
		return 0;
	uint32_t n = (want + FDT_CHUNK - 1) / FDT_CHUNK * FDT_CHUNK;
	struct file **file = kzalloc(n * sizeof(*file));
	uint32_t *cloexec = kzalloc(n / BITS * sizeof(*cloexec));
	if (!file || !cloexec) {
		kfree(file);
		kfree(cloexec);
		return -ENOMEM;
	}
	if (t->size) {
		memcpy(file, t->file, t->size * sizeof(*file));
		memcpy(cloexec, t->cloexec, t->size / BITS * sizeof(*cloexec));
	}
	kfree(t->file);
	kfree(t->cloexec);
	*t = (struct fdtable){ .file = file, .cloexec = cloexec, .size = n };
	return 0;
}

static void set_bit_to(struct files *fs, uint32_t fd, bool on)
{
	assert_held(&fs->lock);
	if (on)
		fs->fdt.cloexec[fd / BITS] |= 1u << (fd % BITS);
	else
		fs->fdt.cloexec[fd / BITS] &= ~(1u << (fd % BITS));
}

static struct file *slot(struct files *fs, uint32_t fd)
{
	assert_held(&fs->lock);
	return fd < fs->fdt.size ? fs->fdt.file[fd] : NULL;
}

/* Another thread or process may close the caller's descriptors now. */
static bool shared_now(const struct files *fs)
{
	return fs->users > 1 || current_process()->nthreads > 1;
}

/* Hold f for the current thread until its system call ends: f, or NULL
 * when there is no memory to note it. Under fs's lock. */
static struct file *borrow(struct file *f)
{
	struct thread *t = current_thread();
	if (t->nborrowed == t->borrow_cap) {
		struct file **more = kmalloc((t->borrow_cap + BORROW_CHUNK) * sizeof(*more));
		if (!more)
			return NULL;
		memcpy(more, t->borrowed, t->nborrowed * sizeof(*more));
		kfree(t->borrowed);
		t->borrowed = more;
		t->borrow_cap += BORROW_CHUNK;
	}
	t->borrowed[t->nborrowed++] = file_get(f);
	return f;
}

void fd_borrow_release(struct thread *t)
{
	while (t->nborrowed)
		file_put(t->borrowed[--t->nborrowed]);
	if (t->borrow_cap > BORROW_CHUNK) {      /* a poll of many: keep only a little */
		kfree(t->borrowed);
		t->borrowed = NULL;
		t->borrow_cap = 0;
	}
}

struct file *fd_file(uint32_t fd)
{
	struct files *fs = cur_files();
	spin_lock(&fs->lock);
	struct file *f = slot(fs, fd);
	if (f && shared_now(fs))
		f = borrow(f);
	spin_unlock(&fs->lock);
	return f;
}

int fd_install_from(uint32_t min, struct file *f, bool cloexec)
{
	struct files *fs = cur_files();
	uint32_t limit = fd_limit(), fd = min;
	if (min >= limit)
		return -EINVAL;
	spin_lock(&fs->lock);
	while (fd < fs->fdt.size && fs->fdt.file[fd])
		fd++;
	int r = (fd >= limit || fdt_grow(fs, fd + 1)) ? -EMFILE : (int)fd;
	if (r >= 0) {
		fs->fdt.file[fd] = f;
		set_bit_to(fs, fd, cloexec);
	}
	spin_unlock(&fs->lock);
	return r;
}

int fd_install(struct file *f, bool cloexec)
{
	int fd = fd_install_from(0, f, cloexec);
	return fd == -EINVAL ? -EMFILE : fd;     /* a limit of 0 */
}

/* Take fd out of the table: the file, whose reference the caller now
 * holds and must put (after closed()), or NULL. Under fs's lock. */
static struct file *fd_take(struct files *fs, uint32_t fd)
{
	struct file *f = slot(fs, fd);
	if (f) {
		fs->fdt.file[fd] = NULL;
		set_bit_to(fs, fd, false);
	}
	return f;
}

/* A descriptor of f is gone: the process's record locks on the file go
 * too (POSIX), and the table's reference. Without the table's lock. */
static void closed(struct file *f)
{
	vfs_file_closed(f);
	file_put(f);
}

int fd_close(uint32_t fd)
{
	struct files *fs = cur_files();
	spin_lock(&fs->lock);
	struct file *f = fd_take(fs, fd);
	spin_unlock(&fs->lock);
	if (!f)
		return -EBADF;
	closed(f);
	return 0;
}

int fd_get_cloexec(uint32_t fd)
{
	struct files *fs = cur_files();
	spin_lock(&fs->lock);
	int r = !slot(fs, fd) ? -EBADF : (int)((fs->fdt.cloexec[fd / BITS] >> (fd % BITS)) & 1);
	spin_unlock(&fs->lock);
	return r;
}

int fd_set_cloexec(uint32_t fd, bool cloexec)
{
	struct files *fs = cur_files();
	spin_lock(&fs->lock);
	int r = slot(fs, fd) ? 0 : -EBADF;
	if (!r)
		set_bit_to(fs, fd, cloexec);
	spin_unlock(&fs->lock);
	return r;
}

/* Take out the next descriptor from *fd on that is open and, if
 * only_cloexec, marked close-on-exec: its file, or NULL at the end. */
static struct file *take_next(struct files *fs, uint32_t *fd, bool only_cloexec)
{
	struct file *f = NULL;
	spin_lock(&fs->lock);
	for (; !f && *fd < fs->fdt.size; (*fd)++)
		if (!only_cloexec || (fs->fdt.cloexec[*fd / BITS] & (1u << (*fd % BITS))))
			f = fd_take(fs, *fd);
	spin_unlock(&fs->lock);
	return f;
}

void fd_close_on_exec(struct process *p)
{
	KASSERT(p == current_process() && p->files->users == 1);
	struct file *f;
	for (uint32_t fd = 0; (f = take_next(p->files, &fd, true)); )
		closed(f);
}

int fd_install_at(uint32_t fd, struct file *f, bool cloexec)
{
	struct files *fs = cur_files();
	if (fd >= fd_limit()) {
		file_put(f);
		return -EBADF;
	}
	spin_lock(&fs->lock);
	struct file *old = NULL;
	int r = fdt_grow(fs, fd + 1) ? -EMFILE : (int)fd;
	if (r >= 0) {
		old = fd_take(fs, fd);
		fs->fdt.file[fd] = f;
		set_bit_to(fs, fd, cloexec);
	}
	spin_unlock(&fs->lock);
	if (r < 0)
		file_put(f);
	if (old)
		closed(old);
	return r;
}

int fd_dir(uint32_t fd, struct inode **dir)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	*dir = file_inode(f);
	return *dir && S_ISDIR((*dir)->mode) ? 0 : -ENOTDIR;
}

struct file *fd_peek(const struct process *p, uint32_t fd)
{
	KASSERT(!irqs_enabled());
	const struct files *fs = p->files;
	return fs && fd < fs->fdt.size ? fs->fdt.file[fd] : NULL;
}

uint32_t fd_table_size(const struct process *p)
{
	return p->files ? p->files->fdt.size : 0;
}

uint32_t fd_table_used(const struct process *p)
{
	KASSERT(!irqs_enabled());
	uint32_t n = fd_table_size(p);
	while (n && !p->files->fdt.file[n - 1])
		n--;
	return n;
}

static struct files *files_new(void)
{
	struct files *fs = kzalloc(sizeof(*fs));
	if (fs) {
		fs->lock = (struct spinlock)SPINLOCK_INIT("files");
		fs->users = 1;
	}
	return fs;
}

/* A copy of from's table (references taken), or NULL: no memory. */
static struct files *files_copy(struct files *from)
{
	struct files *fs = files_new();
	if (!fs)
		return NULL;
	spin_lock(&fs->lock);
	spin_lock(&from->lock);
	uint32_t n = from->fdt.size;
	while (n && !from->fdt.file[n - 1])
		n--;
	int err = fdt_grow(fs, n);
	for (uint32_t fd = 0; !err && fd < fs->fdt.size; fd++)
		fs->fdt.file[fd] = slot(from, fd) ? file_get(from->fdt.file[fd]) : NULL;
	if (!err)
		memcpy(fs->fdt.cloexec, from->fdt.cloexec, fs->fdt.size / BITS * sizeof(uint32_t));
	spin_unlock(&from->lock);
	spin_unlock(&fs->lock);
	if (err) {
		kfree(fs);
		return NULL;
	}
	return fs;
}

int files_fork(struct process *child, struct process *parent, bool share)
{
	struct files *fs = parent->files;
	if (share) {
		spin_lock(&fs->lock);
		fs->users++;
		spin_unlock(&fs->lock);
	} else if (!(fs = files_copy(fs))) {
		return -ENOMEM;
	}
	child->files = fs;
	return 0;
}

int files_unshare(void)
{
	struct process *p = current_process();
	struct files *old = p->files, *fs;
	spin_lock(&old->lock);
	bool shared = old->users > 1;
	spin_unlock(&old->lock);
	if (!shared)
		return 0;
	if (!(fs = files_copy(old)))
		return -ENOMEM;
	p->files = fs;
	spin_lock(&old->lock);
	old->users--;                            /* others still use it: nothing to close */
	spin_unlock(&old->lock);
	return 0;
}

int fd_table_stdio(struct process *p, struct file *stdio[3])
{
	struct files *fs = files_new();
	if (!fs)
		return -ENOMEM;
	spin_lock(&fs->lock);
	int err = fdt_grow(fs, 3);
	for (uint32_t fd = 0; !err && fd < 3; fd++)
		fs->fdt.file[fd] = stdio[fd] ? file_get(stdio[fd]) : NULL;
	spin_unlock(&fs->lock);
	if (err) {
		kfree(fs);
		return err;
	}
	p->files = fs;
	return 0;
}

void files_release(struct process *p)
{
	struct files *fs = p->files;
	if (!fs)
		return;
	spin_lock(&fs->lock);
	bool last = --fs->users == 0;
	spin_unlock(&fs->lock);
	uint32_t f = irq_save();
	p->files = NULL;                         /* /proc looks with interrupts off */
	irq_restore(f);
	if (!last)
		return;
	struct file *file;
	for (uint32_t fd = 0; (file = take_next(fs, &fd, false)); )
		closed(file);
	kfree(fs->fdt.file);
	kfree(fs->fdt.cloexec);
	kfree(fs);
}
