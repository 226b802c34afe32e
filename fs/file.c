/*
 * file.c - reference counting of open files.
 */
#include "fs/file.h"
#include "fs/vfs.h"
#include "kernel/panic.h"
#include "kernel/x86.h"
#include "mm/kheap.h"

struct file *file_new(const struct file_ops *ops, void *priv)
{
	struct file *f = kzalloc(sizeof(*f));
	if (f) {
		f->ops = ops;
		f->priv = priv;
		f->refs = 1;
	}
	return f;
}

struct file *file_get(struct file *f)
{
	uint32_t fl = irq_save();
	f->refs++;
	irq_restore(fl);
	return f;
}

void file_put(struct file *f)
{
	uint32_t fl = irq_save();
	KASSERT(f->refs > 0);
	int left = --f->refs;
	irq_restore(fl);
	if (left == 0) {
		if (f->ops->release)
			f->ops->release(f);
		vfs_flock_release(f);
		vfs_file_inode_put(f);
		kfree(f);
	}
}
