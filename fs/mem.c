/*
 * mem.c - the memory devices of major 1, Linux's numbers and behaviour:
 * null (reads end at once, writes vanish), zero (reads zeros), full
 * (reads zeros, writes fail with ENOSPC), random and urandom (reads give
 * kernel/random.c's xorshift128+ stream, seeded at boot from the RTC's
 * time and the TSC; NOT cryptographic; both never block; writes are
 * accepted and dropped, as Linux accepts them without crediting entropy).
 * Every one of them seeks to 0 whatever is asked, as Linux's null_lseek.
 */
#include "fs/chrdev.h"
#include "fs/file.h"
#include "kernel/random.h"
#include "kernel/string.h"
#include "uapi/errno.h"
#include "uapi/stat.h"

#define MEM_NULL     3
#define MEM_ZERO     5
#define MEM_FULL     7
#define MEM_RANDOM   8
#define MEM_URANDOM  9
#define MEM_MINORS   10                  /* 0 .. 9 */
#define MEM_MODE     (S_IFCHR | 0666)

static long null_read(struct file *f, void *buf, size_t n, unsigned io)
{
	(void)f, (void)buf, (void)n, (void)io;
	return 0;
}

static long sink_write(struct file *f, const void *buf, size_t n, unsigned io)
{
	(void)f, (void)buf, (void)io;
	return (long)n;
}

static long zero_read(struct file *f, void *buf, size_t n, unsigned io)
{
	(void)f, (void)io;
	memset(buf, 0, n);
	return (long)n;
}

static long full_write(struct file *f, const void *buf, size_t n, unsigned io)
{
	(void)f, (void)buf, (void)n, (void)io;
	return -ENOSPC;
}

static long random_read(struct file *f, void *buf, size_t n, unsigned io)
{
	(void)f, (void)io;
	random_bytes(buf, n);
	return (long)n;
}

static int64_t mem_seek(struct file *f, int64_t off, uint32_t whence)
{
	(void)off, (void)whence;
	f->pos = 0;
	return 0;
}

static const struct file_ops null_ops = { .read = null_read, .write = sink_write, .llseek = mem_seek };
static const struct file_ops zero_ops = { .read = zero_read, .write = sink_write, .llseek = mem_seek };
static const struct file_ops full_ops = { .read = zero_read, .write = full_write, .llseek = mem_seek };
static const struct file_ops random_ops = { .read = random_read, .write = sink_write, .llseek = mem_seek };

/* The ops of each minor; NULL: no such device (mem, kmem, port: not here). */
static const struct file_ops *const mem_ops[MEM_MINORS] = {
	[MEM_NULL] = &null_ops, [MEM_ZERO] = &zero_ops, [MEM_FULL] = &full_ops,
	[MEM_RANDOM] = &random_ops, [MEM_URANDOM] = &random_ops,
};

static int mem_open(uint32_t minor, uint32_t flags, struct file **out)
{
	(void)flags;
	if (!mem_ops[minor])
		return -ENXIO;
	*out = file_new(mem_ops[minor], NULL);
	return *out ? 0 : -ENOMEM;
}

static const struct chrdev mem_chrdev = { "mem", MEM_MAJOR, 0, MEM_MINORS, mem_open };

static const struct {
	const char *name;
	uint32_t minor;
} mem_nodes[] = {
	{ "null", MEM_NULL }, { "zero", MEM_ZERO }, { "full", MEM_FULL },
	{ "random", MEM_RANDOM }, { "urandom", MEM_URANDOM },
};

void mem_chrdev_init(void)
{
	chrdev_register(&mem_chrdev);
	for (uint32_t i = 0; i < sizeof(mem_nodes) / sizeof(mem_nodes[0]); i++)
		devtmpfs_node(mem_nodes[i].name, MEM_MODE, MKDEV(MEM_MAJOR, mem_nodes[i].minor));
}
