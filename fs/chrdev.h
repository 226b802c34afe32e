/*
 * chrdev.h - character devices: the switch table from a device number
 * (major:minor, Linux's numbers) to the driver that opens it, and the
 * nodes of /dev. The contract for every driver (docs/fs.md "Devices").
 *
 * A character device is an inode of type S_IFCHR whose rdev names the
 * device; it may sit in any file system (/dev, a tmpfs made by mknod, the
 * boot archive). Opening it asks the driver registered for its major and
 * minor for an open file; nothing else about the inode matters to the
 * driver. A driver:
 *
 *   static int mydev_open(uint32_t minor, uint32_t flags, struct file **out)
 *   {
 *           *out = file_new(&mydev_file_ops, priv_of(minor));
 *           return *out ? 0 : -ENOMEM;
 *   }
 *   static const struct chrdev mydev = { "mydev", MYDEV_MAJOR, 0, 4, mydev_open };
 *   ... at boot: chrdev_register(&mydev); devtmpfs_node("mydev0", 0600, MKDEV(MYDEV_MAJOR, 0));
 *
 * open runs without the vfs lock (it may sleep) and returns a NEW struct
 * file each time (file_new): the VFS then sets its flags (O_ACCMODE,
 * O_APPEND, O_NONBLOCK) and its inode (f->inode, a reference the file
 * drops when it goes), which fstat reports (mode, rdev, ino). Read and
 * write are refused with EBADF by the system calls when the access mode
 * forbids them, so the ops need not check.
 *
 * Registration happens at boot, in chrdev_init (kmain, after the root is
 * unpacked and before the first program runs, so /dev is complete when it
 * starts); the table is read-only after.
 * The terminals (tty/console.c) serve tty (5:0), console (5:1), tty0 and
 * tty1 (4:0, 4:1: the screen) and ttyS0 (4:64).
 */
#ifndef FS_CHRDEV_H
#define FS_CHRDEV_H

#include <stdint.h>

struct file;
struct inode;

/* Kernel device numbers (Linux's kdev_t: 12 bits of major, 20 of minor). */
#define MINORBITS        20
#define MKDEV(ma, mi)    (((uint32_t)(ma) << MINORBITS) | (uint32_t)(mi))
#define MAJOR(dev)       ((uint32_t)(dev) >> MINORBITS)
#define MINOR(dev)       ((uint32_t)(dev) & ((1u << MINORBITS) - 1))

/* Linux's numbers (Documentation/admin-guide/devices.txt). */
#define MEM_MAJOR        1             /* 3 null, 5 zero, 7 full, 8 random, 9 urandom */
#define TTY_MAJOR        4             /* 64 + n: ttyS<n> */
#define TTYAUX_MAJOR     5             /* 0 tty, 1 console, 2 ptmx */
#define TTYS_MINOR_BASE  64
#define UNIX98_PTY_SLAVE_MAJOR 136     /* /dev/pts/N is 136:N */

#define CHRDEV_MAX       16            /* drivers registered at once */

struct chrdev {
	const char *name;                  /* as /proc/devices lists it */
	uint32_t major;
	uint32_t minor, count;             /* serves minors [minor, minor + count) */
	/* A new open file for unit minor (see above): 0, or -errno (-ENXIO:
	 * no such unit, -ENOMEM). flags are open's O_* flags. */
	int (*open)(uint32_t minor, uint32_t flags, struct file **out);
};

/* Serve drv's numbers (drv is kept, not copied): 0, -EBUSY when another
 * driver serves one of them, -ENOSPC when the table is full. */
int chrdev_register(const struct chrdev *drv);
/* Open device rdev: what the driver's open says, -ENXIO if none serves it. */
int chrdev_open(uint32_t rdev, uint32_t flags, struct file **out);
/* The driver serving rdev, or NULL. */
const struct chrdev *chrdev_find(uint32_t rdev);
/* The registered drivers by index (for /proc/devices): NULL past the last. */
const struct chrdev *chrdev_at(uint32_t i);

/* /dev (devtmpfs): a node name (one name, no slash) of mode (S_IFCHR |
 * permissions) and device rdev in the one devtmpfs, which every mount of
 * devtmpfs shows: 0, -EEXIST, -ENOMEM. Takes the vfs lock. */
int devtmpfs_node(const char *name, uint32_t mode, uint32_t rdev);
/* The name of a node of device rdev in /dev, or NULL (vfs lock held). */
const char *devtmpfs_name_of(uint32_t rdev);
/* The devtmpfs's root directory (fs/devtmpfs.c), made by devtmpfs_init. */
struct inode *devtmpfs_root(void);
void devtmpfs_init(void);

/* The drivers of this tree, registered by chrdev_init at boot. */
void chrdev_init(void);
void mem_chrdev_init(void);            /* fs/mem.c: null, zero, full, random, urandom */
void console_chrdev_init(void);        /* tty/console.c: tty, console, tty0, tty1, ttyS0 */

#endif
