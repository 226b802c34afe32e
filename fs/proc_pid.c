/*
 * proc_pid.c - /proc/PID (see procfs.h): stat, status, cmdline, maps,
 * and the links exe, cwd, root and fd/N.
 *
 * What a file shows is copied out of the process with interrupts off
 * (the scheduler's lock: the process can neither run nor be reaped
 * meanwhile), then formatted. Another process's memory areas are read
 * the same way; that is exact on one CPU as long as nobody edits an area
 * list with interrupts on across a preemption, which holds for a process
 * that is not running (threads will need the mm's own lock here).
 */
#include "fs/chrdev.h"
#include "fs/fd.h"
#include "fs/proc_format.h"
#include "fs/procfs.h"
#include "fs/vfs.h"
#include "kernel/format.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/uvm.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/stat.h"

#define PF_RANDOMIZE    0x00400000u       /* what a user process's flags show */
#define USER_PRIORITY   20                /* a normal task: nice 0 */
#define RLIM_INFINITY32 0xffffffffu
#define MAPS_MAX        4096              /* areas listed at most */

/* The live process with this pid (interrupts off), NULL if none or the kernel. */
static struct process *find(int pid)
{
	return pid > 0 ? process_find(pid) : NULL;
}

bool proc_pid_alive(int pid)
{
	uint32_t fl = irq_save();
	bool alive = find(pid) != NULL;
	irq_restore(fl);
	return alive;
}

/* The file p's descriptor fd names, or NULL (interrupts off). */
static struct file *fd_of(struct process *p, int fd)
{
	return fd >= 0 && p->state == PROC_ALIVE ? fd_peek(p, (uint32_t)fd) : NULL;
}

bool proc_fd_open(int pid, int fd)
{
	uint32_t fl = irq_save();
	struct process *p = find(pid);
	bool open = p && fd_of(p, fd);
	irq_restore(fl);
	return open;
}

struct nth_pid {
	uint32_t index;
	int found, floor;
};

/* The smallest pid above floor. */
static void smallest_above(struct process *p, void *arg)
{
	struct nth_pid *n = arg;
	if (p->pid > n->floor && (n->found < 0 || p->pid < n->found))
		n->found = p->pid;
}

int proc_pid_at(uint32_t index)
{
	struct nth_pid n = { index, -1, 0 };
	uint32_t fl = irq_save();
	for (uint32_t i = 0; i <= index; i++) {
		n.found = -1;
		process_for_each(smallest_above, &n);
		if (n.found < 0)
			break;
		n.floor = n.found;
	}
	irq_restore(fl);
	return n.found;
}

int proc_fd_at(int pid, uint32_t index)
{
	int found = -1;
	uint32_t fl = irq_save();
	struct process *p = find(pid);
	for (int fd = 0; p && (uint32_t)fd < fd_table_size(p) && found < 0; fd++)
		if (fd_of(p, fd) && index-- == 0)
			found = fd;
	irq_restore(fl);
	return found;
}

/* The last name of path, cut to a comm's length. */
static void comm_of(const char *path, char comm[PROC_COMM_LEN])
{
	const char *base = path;
	for (const char *s = path; *s; s++)
		if (*s == '/')
			base = s + 1;
	strlcpy(comm, base, PROC_COMM_LEN);
}

static void task_state(const struct process *p, struct proc_task *t)
{
	bool running = p->threads && (p->threads->state == THREAD_RUNNING ||
				      p->threads->state == THREAD_RUNNABLE);
	t->state = p->state == PROC_ZOMBIE ? 'Z' : running ? 'R' : 'S';
	t->state_name = p->state == PROC_ZOMBIE ? "zombie" : running ? "running" : "sleeping";
}

static void task_signals(const struct process *p, struct proc_task *t)
{
	for (int sig = 1; sig <= SIGRTMAX; sig++) {
		uint64_t bit = 1ull << (sig - 1);
		if (p->sighand->action[sig - 1].handler == SIG_IGN)
			t->sig_ignored |= bit;
		else if (p->sighand->action[sig - 1].handler != SIG_DFL)
			t->sig_caught |= bit;
	}
	t->sig_shared = p->sig_pending.set;
	if (p->threads) {
		t->sig_pending = p->threads->sig_pending.set;
		t->sig_blocked = p->threads->sig_blocked;
	}
}

/* Sizes of p's areas, as stat's and status's memory fields. */
static void task_memory(const struct process *p, struct proc_task *t)
{
	const struct mm *mm = p->state == PROC_ALIVE ? p->mm : NULL;
	if (!mm)
		return;
	for (const struct vma *v = mm->vmas; v; v = v->next) {
		uint32_t len = v->end - v->start;
		t->vsize += len;
		if (v->kind == VMA_STACK) {
			t->vm_stack += len;
			t->start_stack = v->end;
		} else if ((v->prot & PROT_EXEC) && v->back.file) {
			t->vm_exe += len;
			t->start_code = t->start_code ? t->start_code : v->start;
			t->end_code = v->end;
		} else if ((v->prot & PROT_WRITE) && !v->shared) {
			t->vm_data += len;
		}
	}
	t->rss = mm->pages;
	t->start_brk = mm->brk_start;
}

/* The ids status shows: real, effective, saved and file-system ones. */
static void task_cred(const struct cred *c, struct proc_task *t)
{
	uint32_t uids[4] = { c->uid, c->euid, c->suid, c->fsuid };
	uint32_t gids[4] = { c->gid, c->egid, c->sgid, c->fsgid };
	memcpy(t->uid, uids, sizeof(uids));
	memcpy(t->gid, gids, sizeof(gids));
	t->ngroups = c->ngroups;
	for (uint32_t i = 0; i < c->ngroups && i < PROC_GROUPS_SHOWN; i++)
		t->groups[i] = c->groups[i];
}

/* Fill t from process pid: 0, or -ESRCH. */
static int task_snapshot(int pid, struct proc_task *t)
{
	memset(t, 0, sizeof(*t));
	uint32_t fl = irq_save();
	struct process *p = find(pid);
	if (p) {
		t->pid = p->pid;
		t->pgrp = p->pgid;
		t->session = p->sid;
		t->ppid = p->parent ? p->parent->pid : 0;
		comm_of(p->exe, t->comm);
		task_state(p, t);
		task_signals(p, t);
		task_memory(p, t);
		t->exit_code = p->state == PROC_ZOMBIE ? p->exit_status : 0;
		task_cred(&p->cred, t);
		t->umask = p->fs ? p->fs->umask : 0;     /* umask lives in the fs_struct */
		t->fd_size = fd_table_size(p);
		t->exit_signal = p->exit_signal;
	}
	irq_restore(fl);
	if (!p)
		return -ESRCH;
	t->tpgid = -1;
	t->flags = PF_RANDOMIZE;
	t->priority = USER_PRIORITY;
	t->threads = (int)p->nthreads;
	t->rsslim = RLIM_INFINITY32;
	return 0;
}

static int show_stat(struct textbuf *tb, int pid)
{
	struct proc_task t;
	int err = task_snapshot(pid, &t);
	if (!err)
		proc_format_stat(tb, &t);
	return err;
}

static int show_status(struct textbuf *tb, int pid)
{
	struct proc_task t;
	int err = task_snapshot(pid, &t);
	if (!err)
		proc_format_status(tb, &t);
	return err;
}

/* statm: sizes in pages: total, resident, shared, text, lib, data, dirty. */
static int show_statm(struct textbuf *tb, int pid)
{
	struct proc_task t;
	int err = task_snapshot(pid, &t);
	if (!err)
		tb_printf(tb, "%u %u 0 %u 0 %u 0\n", t.vsize / PAGE_SIZE, t.rss, t.vm_exe / PAGE_SIZE,
			  (t.vm_data + t.vm_stack) / PAGE_SIZE);
	return err;
}

static int show_cmdline(struct textbuf *tb, int pid)
{
	uint32_t fl = irq_save();
	struct process *p = find(pid);
	if (p && p->state == PROC_ALIVE)
		tb_write(tb, p->cmdline, p->cmdline_len);
	irq_restore(fl);
	return p ? 0 : -ESRCH;
}

/* One area as maps shows it (the file's name comes later, with the lock). */
struct map_snap {
	struct proc_map m;
	struct inode *file;
	enum vma_kind kind;
};

/* The file offset of a file-backed area's first byte (an ELF segment's
 * area may start before its file bytes: 0 when none lie below). */
static uint64_t area_offset(const struct vma *v)
{
	int64_t off = backing_off(&v->back, v->start);
	return off > 0 ? (uint64_t)off : 0;
}

/* Copy up to max of pid's areas into snaps, and its exe path: how many,
 * or -ESRCH. */
static int maps_snapshot(int pid, struct map_snap *snaps, int max, char *exe)
{
	int n = 0;
	uint32_t fl = irq_save();
	struct process *p = find(pid);
	const struct mm *mm = p && p->state == PROC_ALIVE ? p->mm : NULL;
	if (p)
		strlcpy(exe, p->exe, PATH_MAX);
	for (const struct vma *v = mm ? mm->vmas : NULL; v && n < max; v = v->next, n++) {
		snaps[n] = (struct map_snap){
			.m = { v->start, v->end, v->prot & PROT_READ, v->prot & PROT_WRITE,
			       v->prot & PROT_EXEC, v->shared, 0, 0, 0, 0, NULL },
			.file = v->back.file, .kind = v->kind,
		};
		if (v->back.file)
			snaps[n].m.offset = area_offset(v);
	}
	irq_restore(fl);
	return p ? n : -ESRCH;
}

/* The name maps gives an area: its file's path, [heap] or [stack]. The
 * program's own segments take the path it was run by (exe), as Linux
 * names an area by the path its file was opened through: the program
 * may have other names (the test programs are one file, hard linked).
 * Its ELF interpreter's segments (ld.so's: VMA_ELF too, another file)
 * take their own file's path. exe_ino: the file at exe now, or NULL. */
static const char *map_name(struct map_snap *s, char *path, const char *exe,
			    const struct inode *exe_ino)
{
	if (s->kind == VMA_HEAP)
		return "[heap]";
	if (s->kind == VMA_STACK)
		return "[stack]";
	if (!s->file)
		return NULL;
	s->m.dev_minor = s->file->dev;
	s->m.ino = s->file->ino;
	if (s->kind == VMA_ELF && s->file->nlink > 0 && (!exe_ino || s->file == exe_ino))
		return exe;
	return vfs_inode_path(s->file, path, PATH_MAX) > 0 ? path : "(deleted)";
}

static int show_maps(struct textbuf *tb, int pid)
{
	struct map_snap *snaps = kmalloc(MAPS_MAX * sizeof(*snaps));
	char *path = kmalloc(PATH_MAX), *exe = kmalloc(PATH_MAX);
	int n = snaps && path && exe ? 0 : -ENOMEM;
	vfs_lock();                              /* the areas' files stay while it is held */
	n = n ?: maps_snapshot(pid, snaps, MAPS_MAX, exe);
	struct inode *exe_ino = NULL;
	if (n > 0 && vfs_lookup(NULL, exe, LOOKUP_FOLLOW, &exe_ino) != 0)
		exe_ino = NULL;
	for (int i = 0; i < n; i++) {
		snaps[i].m.name = map_name(&snaps[i], path, exe, exe_ino);
		proc_format_map(tb, &snaps[i].m);
	}
	vfs_unlock();
	kfree(snaps);
	kfree(path);
	kfree(exe);
	return n < 0 ? n : 0;
}

static int link_exe(char *buf, uint32_t size, int pid, int fd)
{
	(void)fd;
	uint32_t fl = irq_save();
	struct process *p = find(pid);
	if (p)
		strlcpy(buf, p->exe, size);
	irq_restore(fl);
	return p ? 0 : -ENOENT;
}

/* The path of p's working (or root) directory; the lock is held. */
static int link_dir(char *buf, uint32_t size, int pid, bool root)
{
	uint32_t fl = irq_save();
	struct process *p = find(pid);
	struct inode *dir = p && p->fs ? (root ? p->fs->root : p->fs->cwd) : NULL;
	irq_restore(fl);
	if (!p)
		return -ENOENT;
	int n = vfs_path_of(dir ? dir : vfs_root_locked(), buf, size);
	return n < 0 ? n : 0;
}

static int link_cwd(char *buf, uint32_t size, int pid, int fd)
{
	(void)fd;
	return link_dir(buf, size, pid, false);
}

static int link_root(char *buf, uint32_t size, int pid, int fd)
{
	(void)fd;
	return link_dir(buf, size, pid, true);
}

/* What fd/N says of a file without an inode: pipe:[ino], or the node
 * in /dev of its device (the boot console). */
static int anon_name(const struct kstat *st, char *buf, uint32_t size)
{
	const char *dev = S_ISCHR(st->mode) ? devtmpfs_name_of(MKDEV(st->rdev_major, st->rdev_minor)) : NULL;
	if (S_ISFIFO(st->mode))
		ksnprintf(buf, size, "pipe:[%u]", st->ino);
	else if (dev)
		ksnprintf(buf, size, "/dev/%s", dev);
	else
		ksnprintf(buf, size, "anon_inode:[%u]", st->ino);
	return 0;
}

/* What fd/N names: the file's path, pipe:[ino], or the device node. The
 * vfs lock is held; interrupts stay off while the file is looked at, so
 * its owner cannot close it meanwhile. */
static int link_fd(char *buf, uint32_t size, int pid, int fd)
{
	struct kstat st;
	int err = -ENOENT;
	uint32_t fl = irq_save();
	struct process *p = find(pid);
	struct file *f = p ? fd_of(p, fd) : NULL;
	if (f && f->inode)
		err = vfs_inode_path(f->inode, buf, size) > 0 ? 0 : -ENOENT;
	else if (f && f->ops->stat && f->ops->stat(f, &st) == 0)
		err = anon_name(&st, buf, size);
	irq_restore(fl);
	return err;
}

static const struct proc_entry pid_entries[] = {
	PROC_FILE("cmdline", show_cmdline),
	PROC_LINK("cwd", 0777, link_cwd),
	PROC_LINK("exe", 0777, link_exe),
	PROC_DIR("fd", 0500, NULL, PROC_LIST_FDS),
	PROC_FILE("maps", show_maps),
	PROC_LINK("root", 0777, link_root),
	PROC_FILE("stat", show_stat),
	PROC_FILE("statm", show_statm),
	PROC_FILE("status", show_status),
	PROC_END,
};

const struct proc_entry proc_pid_dir = PROC_DIR("", 0555, pid_entries, PROC_LIST_NONE);
const struct proc_entry proc_fd_link = PROC_LINK("", 0700, link_fd);
