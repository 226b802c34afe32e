/*
 * fd.c - descriptor tables (see fd.h). The current process's table is
 * only touched by its own system calls; fork copies the parent's (the
 * parent is the caller), exit empties its own.
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

static struct fdtable *table(void)
{
	return &current_process()->fdt;
}

/* One past the highest descriptor the current process may use. */
static uint32_t fd_limit(void)
{
	uint64_t lim = rlimit_cur(RLIMIT_NOFILE);
	return lim > CRED_NR_OPEN ? CRED_NR_OPEN : (uint32_t)lim;
}

/* Make t hold at least want slots: 0 or -ENOMEM. */
static int fdt_grow(struct fdtable *t, uint32_t want)
{
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

static void set_bit_to(struct fdtable *t, uint32_t fd, bool on)
{
	if (on)
		t->cloexec[fd / BITS] |= 1u << (fd % BITS);
	else
		t->cloexec[fd / BITS] &= ~(1u << (fd % BITS));
}

struct file *fd_file(uint32_t fd)
{
	struct fdtable *t = table();
	return fd < t->size ? t->file[fd] : NULL;
}

int fd_install_from(uint32_t min, struct file *f, bool cloexec)
{
	struct fdtable *t = table();
	uint32_t limit = fd_limit(), fd = min;
	if (min >= limit)
		return -EINVAL;
	while (fd < t->size && t->file[fd])
		fd++;
	if (fd >= limit || fdt_grow(t, fd + 1))
		return -EMFILE;
	t->file[fd] = f;
	set_bit_to(t, fd, cloexec);
	return (int)fd;
}

int fd_install(struct file *f, bool cloexec)
{
	int fd = fd_install_from(0, f, cloexec);
	return fd == -EINVAL ? -EMFILE : fd;     /* a limit of 0 */
}

/* Take fd out of t: the file, whose reference the caller now holds.
 * Closing a descriptor drops the process's record locks on the file. */
static struct file *fd_take(struct fdtable *t, uint32_t fd)
{
	struct file *f = fd < t->size ? t->file[fd] : NULL;
	if (f) {
		t->file[fd] = NULL;
		set_bit_to(t, fd, false);
		vfs_file_closed(f);
	}
	return f;
}

int fd_close(uint32_t fd)
{
	struct file *f = fd_take(table(), fd);
	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

int fd_get_cloexec(uint32_t fd)
{
	struct fdtable *t = table();
	if (!fd_file(fd))
		return -EBADF;
	return (t->cloexec[fd / BITS] >> (fd % BITS)) & 1;
}

int fd_set_cloexec(uint32_t fd, bool cloexec)
{
	if (!fd_file(fd))
		return -EBADF;
	set_bit_to(table(), fd, cloexec);
	return 0;
}

void fd_close_on_exec(struct process *p)
{
	struct fdtable *t = &p->fdt;
	for (uint32_t fd = 0; fd < t->size; fd++)
		if (t->cloexec[fd / BITS] & (1u << (fd % BITS)))
			file_put(fd_take(t, fd));
}

int fd_install_at(uint32_t fd, struct file *f, bool cloexec)
{
	struct fdtable *t = table();
	int err = fd >= fd_limit() ? -EBADF : fdt_grow(t, fd + 1) ? -EMFILE : 0;
	if (err) {
		file_put(f);
		return err;
	}
	struct file *old = fd_take(t, fd);
	t->file[fd] = f;
	set_bit_to(t, fd, cloexec);
	if (old)
		file_put(old);
	return (int)fd;
}

int fd_dir(uint32_t fd, struct inode **dir)
{
	struct file *f = fd_file(fd);
	if (!f)
		return -EBADF;
	*dir = file_inode(f);
	return *dir && S_ISDIR((*dir)->mode) ? 0 : -ENOTDIR;
}

uint32_t fd_table_used(const struct process *p)
{
	uint32_t n = p->fdt.size;
	while (n && !p->fdt.file[n - 1])
		n--;
	return n;
}

int fd_table_copy(struct process *child, const struct process *parent)
{
	const struct fdtable *pt = &parent->fdt;
	struct fdtable *ct = &child->fdt;
	if (fdt_grow(ct, fd_table_used(parent)))
		return -ENOMEM;
	for (uint32_t fd = 0; fd < ct->size; fd++)
		ct->file[fd] = pt->file[fd] ? file_get(pt->file[fd]) : NULL;
	memcpy(ct->cloexec, pt->cloexec, ct->size / BITS * sizeof(*ct->cloexec));
	return 0;
}

int fd_table_stdio(struct process *p, struct file *stdio[3])
{
	if (fdt_grow(&p->fdt, 3))
		return -ENOMEM;
	for (uint32_t fd = 0; fd < 3; fd++)
		p->fdt.file[fd] = stdio[fd] ? file_get(stdio[fd]) : NULL;
	return 0;
}

void fd_table_release(struct process *p)
{
	struct fdtable *t = &p->fdt;
	for (uint32_t fd = 0; fd < t->size; fd++)
		if (t->file[fd])
			file_put(fd_take(t, fd));
	kfree(t->file);
	kfree(t->cloexec);
	*t = (struct fdtable){ 0 };
}
