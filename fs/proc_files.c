/*
 * proc_files.c - /proc's own files (see procfs.h): meminfo, uptime,
 * loadavg, cpuinfo, mounts, filesystems, sys/kernel/{ostype,osrelease,
 * hostname,randomize_va_space (settable)}, and the link self. Each writes
 * its text in Linux's format when the file is opened; kmsg is no text but
 * the log ring's reader (kernel/kmsg.c).
 */
#include "fs/chrdev.h"
#include "fs/proc_format.h"
#include "fs/procfs.h"
#include "fs/vfs.h"
#include "kernel/console.h"
#include "kernel/hostname.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/version.h"
#include "kernel/x86.h"
#include "mm/frame.h"
#include "mm/aslr.h"
#include "mm/kheap.h"
#include "proc/proc.h"
#include "kernel/format.h"
#include "uapi/errno.h"
#include "uapi/mount.h"
#include "uapi/stat.h"
#include "uapi/utsname.h"

#define KB_PER_FRAME  4
#define MODE_KMSG     0400                /* Linux's: root's alone */
#define NS_PER_CENTI  10000000ull
#define CPUID_BRAND   0x80000002u         /* three leaves of the model name */
#define CPUID_MAX_EXT 0x80000000u
#define BOGOMIPS_CENTI 200000u            /* what Linux calibrates on QEMU TCG, roughly */

static int show_meminfo(struct textbuf *tb, int pid)
{
	(void)pid;
	struct frame_stats st;
	frame_get_stats(&st);
	uint64_t total = (uint64_t)st.total * KB_PER_FRAME, free = (uint64_t)st.free * KB_PER_FRAME;
	static const char *const zero[] = {
		"Buffers", "Cached", "SwapCached", "Active", "Inactive", "Active(anon)",
		"Inactive(anon)", "Active(file)", "Inactive(file)", "Unevictable", "Mlocked",
	};
	proc_format_kb(tb, "MemTotal", total);
	proc_format_kb(tb, "MemFree", free);
	proc_format_kb(tb, "MemAvailable", free);
	for (uint32_t i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		proc_format_kb(tb, zero[i], 0);
	proc_format_kb(tb, "HighTotal", 0);
	proc_format_kb(tb, "HighFree", 0);
	proc_format_kb(tb, "LowTotal", total);
	proc_format_kb(tb, "LowFree", free);
	proc_format_kb(tb, "SwapTotal", 0);
	proc_format_kb(tb, "SwapFree", 0);
	proc_format_kb(tb, "Shmem", 0);
	/* The kernel heap is all the slab there is, and none of it reclaimable. */
	struct kheap_stats h;
	kheap_get_stats(&h);
	proc_format_kb(tb, "KReclaimable", 0);
	proc_format_kb(tb, "Slab", (uint64_t)h.pages * KB_PER_FRAME);
	proc_format_kb(tb, "SReclaimable", 0);
	proc_format_kb(tb, "SUnreclaim", (uint64_t)h.pages * KB_PER_FRAME);
	return 0;
}

static int show_uptime(struct textbuf *tb, int pid)
{
	(void)pid;
	proc_format_centi(tb, time_monotonic_ns() / NS_PER_CENTI);
	tb_putc(tb, ' ');
	proc_format_centi(tb, 0);                /* idle time: not counted yet */
	tb_putc(tb, '\n');
	return 0;
}

struct load_count {
	uint32_t running, total;
	int last_pid;
};

static void count_one(struct process *p, void *arg)
{
	struct load_count *c = arg;
	c->total++;
	if (p->state == PROC_ALIVE && p->threads &&
	    (p->threads->state == THREAD_RUNNING || p->threads->state == THREAD_RUNNABLE))
		c->running++;
	if (p->pid > c->last_pid)
		c->last_pid = p->pid;
}

static struct load_count count_processes(void)
{
	struct load_count c = { 0, 0, 0 };
	uint32_t fl = irq_save();
	process_for_each(count_one, &c);
	irq_restore(fl);
	return c;
}

/* No CPU time is counted yet: the cpu lines are zeros (top shows 0%). */
static int show_stat(struct textbuf *tb, int pid)
{
	(void)pid;
	struct load_count c = count_processes();
	static const char *const cpus[] = { "cpu ", "cpu0" };
	for (uint32_t i = 0; i < 2; i++)
		tb_printf(tb, "%s 0 0 0 0 0 0 0 0 0 0\n", cpus[i]);
	tb_printf(tb, "intr 0\nctxt 0\nbtime %llu\nprocesses %d\nprocs_running %u\n"
		  "procs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
		  (unsigned long long)time_boot_epoch(), c.last_pid, c.running);
	return 0;
}

/* No load average is kept yet: the three averages are 0.00. */
static int show_loadavg(struct textbuf *tb, int pid)
{
	(void)pid;
	struct load_count c = count_processes();
	tb_printf(tb, "0.00 0.00 0.00 %u/%u %d\n", c.running, c.total, c.last_pid);
	return 0;
}

/* The CPUID feature bits (leaf 1, EDX) by their /proc/cpuinfo names. */
static const char *const edx_flags[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
	"mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi",
	"mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};

static void cpuinfo_ids(struct textbuf *tb, uint32_t *eax1, uint32_t *edx1)
{
	uint32_t r[4], brand[13] = { 0 };
	cpuid(0, r);
	uint32_t vendor[4] = { r[1], r[3], r[2], 0 };
	uint32_t level = r[0];
	cpuid(1, r);
	*eax1 = r[0];
	*edx1 = r[3];
	cpuid(CPUID_MAX_EXT, r);
	for (uint32_t i = 0; r[0] >= CPUID_BRAND + 2 && i < 3; i++)
		cpuid(CPUID_BRAND + i, brand + 4 * i);
	uint32_t family = (*eax1 >> 8) & 0xf, model = (*eax1 >> 4) & 0xf;
	if (family == 0xf)
		family += (*eax1 >> 20) & 0xff;
	if (family >= 6)
		model |= ((*eax1 >> 16) & 0xf) << 4;
	const char *name = (const char *)brand;
	while (*name == ' ')
		name++;
	tb_printf(tb, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n",
		  (const char *)vendor, family, model);
	tb_printf(tb, "model name\t: %s\nstepping\t: %u\n", *name ? name : "unknown", *eax1 & 0xf);
	tb_printf(tb, "fdiv_bug\t: no\nf00f_bug\t: no\ncoma_bug\t: no\nfpu\t\t: yes\n"
		  "fpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\n", level);
}

static int show_cpuinfo(struct textbuf *tb, int pid)
{
	(void)pid;
	uint32_t eax1, edx1;
	cpuinfo_ids(tb, &eax1, &edx1);
	tb_printf(tb, "flags\t\t:");
	for (uint32_t i = 0; i < 32; i++)
		if ((edx1 & (1u << i)) && edx_flags[i])
			tb_printf(tb, " %s", edx_flags[i]);
	tb_printf(tb, "\nbugs\t\t:\nbogomips\t: ");
	proc_format_centi(tb, BOGOMIPS_CENTI);
	tb_printf(tb, "\nclflush size\t: 64\ncache_alignment\t: 64\n"
		  "address sizes\t: 32 bits physical, 32 bits virtual\npower management:\n\n");
	return 0;
}

/* "ro,sync,dirsync,mand,lazytime,nosuid,nodev,noexec,relatime" and a tmpfs's longest: ",size=17179869180k,
 * nr_inodes=4294967295,mode=7777,uid=4294967295,gid=4294967295,huge=within_size" */
#define MOUNT_OPTIONS_MAX 192
#define MODE_DIGITS_MIN   01000   /* mode= shows 4 octal digits from here, else 3 */

/* mode in octal, at least 3 digits (Linux's "%03ho"). */
static int show_mode(char *buf, uint32_t size, uint32_t mode)
{
	uint32_t d3 = (mode >> 9) & 7, d2 = (mode >> 6) & 7, d1 = (mode >> 3) & 7, d0 = mode & 7;
	return mode >= MODE_DIGITS_MIN ? ksnprintf(buf, size, ",mode=%u%u%u%u", d3, d2, d1, d0)
				       : ksnprintf(buf, size, ",mode=%u%u%u", d2, d1, d0);
}

/* A tmpfs's options that differ from Linux's defaults, in the order of
 * shmem_show_options: size= in KiB, nr_inodes=, mode=, uid=, gid=, huge=. */
static void tmpfs_options(const struct mount *m, char *buf, uint32_t size)
{
	uint32_t pages, inodes, def = vfs_tmpfs_default_limit(), at = 0;
	const struct tmpfs_opts *o = &m->opts;
	vfs_dev_used(m->root->dev, DEV_PAGES, &pages);
	vfs_dev_used(m->root->dev, DEV_INODES, &inodes);
	if (pages != def)
		at += (uint32_t)ksnprintf(buf + at, size - at, ",size=%lluk", (uint64_t)pages * KB_PER_FRAME);
	if (inodes != def && at < size)
		at += (uint32_t)ksnprintf(buf + at, size - at, ",nr_inodes=%u", inodes);
	if (o->mode != TMPFS_DEFAULT_MODE && at < size)
		at += (uint32_t)show_mode(buf + at, size - at, o->mode);
	if (o->uid && at < size)
		at += (uint32_t)ksnprintf(buf + at, size - at, ",uid=%u", o->uid);
	if (o->gid && at < size)
		at += (uint32_t)ksnprintf(buf + at, size - at, ",gid=%u", o->gid);
	if (o->huge != TMPFS_HUGE_NEVER && at < size)
		ksnprintf(buf + at, size - at, ",huge=%s", tmpfs_huge_name(o->huge));
}

/* Linux's words for a mount's flags, in its order: "rw" or "ro", the file
 * system's sync, dirsync, mand, lazytime, then nosuid, nodev, noexec;
 * "relatime" on all but the rootfs; then a tmpfs's options (tmpfs_options). */
static void mount_options(const struct mount *m, char *buf)
{
	uint32_t f = m->flags, sb = m->sb_flags;
	char fs[MOUNT_OPTIONS_MAX] = "";
	if (strcmp(m->type->name, "proc") != 0)          /* tmpfs, the rootfs, devtmpfs */
		tmpfs_options(m, fs, sizeof(fs));
	ksnprintf(buf, MOUNT_OPTIONS_MAX, "%s%s%s%s%s%s%s%s%s%s", (f & MS_RDONLY) ? "ro" : "rw",
		  (sb & MS_SYNCHRONOUS) ? ",sync" : "", (sb & MS_DIRSYNC) ? ",dirsync" : "",
		  (sb & MS_MANDLOCK) ? ",mand" : "", (sb & MS_LAZYTIME) ? ",lazytime" : "",
		  (f & MS_NOSUID) ? ",nosuid" : "", (f & MS_NODEV) ? ",nodev" : "",
		  (f & MS_NOEXEC) ? ",noexec" : "", m->mountpoint ? ",relatime" : "", fs);
}

static int show_mounts(struct textbuf *tb, int pid)
{
	(void)pid;
	char *path = kmalloc(PATH_MAX);
	if (!path)
		return -ENOMEM;
	char options[MOUNT_OPTIONS_MAX];
	vfs_lock();
	for (const struct mount *m = mount_next(NULL); m; m = mount_next(m))
		if (vfs_mount_path(m, path, PATH_MAX) > 0) {   /* outside a chroot: not shown */
			mount_options(m, options);
			proc_format_mount(tb, m->source, path, m->type->name, options);
		}
	vfs_unlock();
	kfree(path);
	return 0;
}

static int show_filesystems(struct textbuf *tb, int pid)
{
	(void)pid;
	const struct fs_type *t;
	for (uint32_t i = 0; (t = fs_type_at(i)); i++)
		tb_printf(tb, "nodev\t%s\n", t->name);
	return 0;
}

static int show_devices(struct textbuf *tb, int pid)
{
	(void)pid;
	const struct chrdev *d;
	tb_printf(tb, "Character devices:\n");
	for (uint32_t i = 0; (d = chrdev_at(i)); i++)
		tb_printf(tb, "%3u %s\n", d->major, d->name);
	tb_printf(tb, "\nBlock devices:\n");
	return 0;
}

static int show_ostype(struct textbuf *tb, int pid)
{
	(void)pid;
	tb_printf(tb, "%s\n", KERNEL_NAME);
	return 0;
}

static int show_osrelease(struct textbuf *tb, int pid)
{
	(void)pid;
	tb_printf(tb, "%s\n", KERNEL_RELEASE);
	return 0;
}

static int show_hostname(struct textbuf *tb, int pid)
{
	(void)pid;
	char name[NEW_UTS_LEN + 1];
	hostname_get(name, sizeof(name));
	tb_printf(tb, "%s\n", name);
	return 0;
}

/* randomize_va_space: ASLR's level (mm/aslr.h), settable (0, 1 or 2). */
static int show_randomize(struct textbuf *tb, int pid)
{
	(void)pid;
	tb_printf(tb, "%d\n", aslr_level());
	return 0;
}

static int store_randomize(long v) { return aslr_set_level(v); }

/* /proc/self: the looking process's directory. */
static int link_self(char *buf, uint32_t size, int pid, int fd)
{
	(void)pid, (void)fd;
	ksnprintf(buf, size, "%d", current_process()->pid);
	return 0;
}

static const struct proc_entry sys_kernel_entries[] = {
	PROC_FILE("hostname", show_hostname),
	PROC_FILE("osrelease", show_osrelease),
	PROC_FILE("ostype", show_ostype),
	PROC_FILE_RW("randomize_va_space", show_randomize, store_randomize),
	PROC_END,
};

static const struct proc_entry sys_entries[] = {
	PROC_DIR("kernel", 0555, sys_kernel_entries, PROC_LIST_NONE),
	PROC_END,
};

const struct proc_entry proc_root_entries[] = {
	PROC_LINK("self", 0777, link_self),
	PROC_FILE("meminfo", show_meminfo),
	PROC_FILE("uptime", show_uptime),
	PROC_FILE("loadavg", show_loadavg),
	PROC_FILE("cpuinfo", show_cpuinfo),
	PROC_FILE("mounts", show_mounts),
	PROC_FILE("filesystems", show_filesystems),
	PROC_FILE("devices", show_devices),
	PROC_FILE("stat", show_stat),
	PROC_OPEN("kmsg", MODE_KMSG, kmsg_open),
	PROC_DIR("sys", 0555, sys_entries, PROC_LIST_NONE),
	PROC_END,
};
