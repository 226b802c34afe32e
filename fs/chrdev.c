/*
 * chrdev.c - the character-device switch table (see chrdev.h): which
 * driver opens which device numbers. Filled at boot, read-only after.
 */
#include "fs/chrdev.h"
#include "fs/file.h"
#include "uapi/errno.h"
#include <stdbool.h>
#include <stddef.h>

static const struct chrdev *drivers[CHRDEV_MAX];   /* boot, then read-only */
static uint32_t ndrivers;

/* Does drv serve device number (major, minor)? */
static bool serves(const struct chrdev *drv, uint32_t major, uint32_t minor)
{
	return drv->major == major && minor >= drv->minor && minor - drv->minor < drv->count;
}

static bool overlaps(const struct chrdev *a, const struct chrdev *b)
{
	return a->major == b->major && a->minor < b->minor + b->count && b->minor < a->minor + a->count;
}

int chrdev_register(const struct chrdev *drv)
{
	for (uint32_t i = 0; i < ndrivers; i++)
		if (overlaps(drivers[i], drv))
			return -EBUSY;
	if (ndrivers == CHRDEV_MAX)
		return -ENOSPC;
	drivers[ndrivers++] = drv;
	return 0;
}

const struct chrdev *chrdev_find(uint32_t rdev)
{
	for (uint32_t i = 0; i < ndrivers; i++)
		if (serves(drivers[i], MAJOR(rdev), MINOR(rdev)))
			return drivers[i];
	return NULL;
}

const struct chrdev *chrdev_at(uint32_t i)
{
	return i < ndrivers ? drivers[i] : NULL;
}

int chrdev_open(uint32_t rdev, uint32_t flags, struct file **out)
{
	const struct chrdev *drv = chrdev_find(rdev);
	return drv ? drv->open(MINOR(rdev), flags, out) : -ENXIO;
}

void chrdev_init(void)
{
	devtmpfs_init();
	mem_chrdev_init();
	console_chrdev_init();
}
