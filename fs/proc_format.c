/*
 * proc_format.c - Linux's /proc text formats (see proc_format.h).
 */
#include "fs/proc_format.h"

#define MAPS_NAME_COLUMN 48               /* 25 + sizeof(void *) * 6 - 1 on i386 */
#define SIG_MASK_LOW     0x7fffffffu      /* stat shows the first word's 31 signals */
#define KB_WIDTH         8

void proc_format_stat(struct textbuf *tb, const struct proc_task *t)
{
	tb_printf(tb, "%d (%s) %c %d %d %d %d %d %u %u 0 %u 0 %llu %llu 0 0 %d %d %d 0 %llu %u %u %u",
		  t->pid, t->comm, t->state, t->ppid, t->pgrp, t->session, t->tty_nr, t->tpgid,
		  t->flags, t->minflt, t->majflt, t->utime, t->stime, t->priority, t->nice,
		  t->threads, t->start_time, t->vsize, t->rss, t->rsslim);
	tb_printf(tb, " %u %u %u %u %u %u %u %u %u 0 0 0 %d 0 0 0 0 0 0",
		  t->start_code, t->end_code, t->start_stack, t->esp, t->eip,
		  (uint32_t)t->sig_pending & SIG_MASK_LOW, (uint32_t)t->sig_blocked & SIG_MASK_LOW,
		  (uint32_t)t->sig_ignored & SIG_MASK_LOW, (uint32_t)t->sig_caught & SIG_MASK_LOW,
		  t->exit_signal);
	tb_printf(tb, " %u %u %u %u %u %u %u %d\n", t->start_data, t->end_data, t->start_brk,
		  t->arg_start, t->arg_end, t->env_start, t->env_end, t->exit_code);
}

static void status_kb(struct textbuf *tb, const char *label, uint32_t bytes)
{
	tb_printf(tb, "%s:\t%8u kB\n", label, bytes / 1024);
}

/* n (below 01000) as three octal digits after prefix: the printf engine has no %o. */
static void put_octal3(struct textbuf *tb, const char *prefix, uint32_t n)
{
	tb_printf(tb, "%s%u%u%u", prefix, (n >> 6) & 7, (n >> 3) & 7, n & 7);
}

static void status_ids(struct textbuf *tb, const struct proc_task *t)
{
	tb_printf(tb, "Name:\t%s\n", t->comm);
	put_octal3(tb, "Umask:\t0", t->umask);
	tb_printf(tb, "\nState:\t%c (%s)\n", t->state, t->state_name);
	tb_printf(tb, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", t->pid, t->pid,
		  t->ppid);
	tb_printf(tb, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", t->uid[0], t->uid[1],
		  t->uid[2], t->uid[3], t->gid[0], t->gid[1], t->gid[2], t->gid[3]);
	tb_printf(tb, "FDSize:\t%u\nGroups:\t", t->fd_size);
	/* Linux's own format: a space between groups and one after the last (or alone). */
	for (uint32_t i = 0; i < t->ngroups && i < PROC_GROUPS_SHOWN; i++)
		tb_printf(tb, i ? " %u" : "%u", t->groups[i]);
	tb_printf(tb, " \nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		  t->pid, t->pid, t->pgrp, t->session);
}

static void status_memory(struct textbuf *tb, const struct proc_task *t)
{
	uint32_t rss = t->rss * 4096;
	status_kb(tb, "VmPeak", t->vsize);
	status_kb(tb, "VmSize", t->vsize);
	status_kb(tb, "VmLck", 0);
	status_kb(tb, "VmPin", 0);
	status_kb(tb, "VmHWM", rss);
	status_kb(tb, "VmRSS", rss);
	status_kb(tb, "RssAnon", rss);
	status_kb(tb, "RssFile", 0);
	status_kb(tb, "RssShmem", 0);
	status_kb(tb, "VmData", t->vm_data);
	status_kb(tb, "VmStk", t->vm_stack);
	status_kb(tb, "VmExe", t->vm_exe);
	status_kb(tb, "VmLib", 0);
	status_kb(tb, "VmPTE", 0);
	status_kb(tb, "VmSwap", 0);
	status_kb(tb, "HugetlbPages", 0);
}

static void status_signals(struct textbuf *tb, const struct proc_task *t)
{
	tb_printf(tb, "CoreDumping:\t0\nTHP_enabled:\t0\nThreads:\t%d\nSigQ:\t0/0\n", t->threads);
	tb_printf(tb, "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n", t->sig_pending,
		  t->sig_shared, t->sig_blocked);
	tb_printf(tb, "SigIgn:\t%016llx\nSigCgt:\t%016llx\n", t->sig_ignored, t->sig_caught);
	tb_printf(tb, "CapInh:\t%016x\nCapPrm:\t%016x\nCapEff:\t%016x\nCapBnd:\t%016x\nCapAmb:\t%016x\n",
		  0, 0, 0, 0, 0);
	tb_printf(tb, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	tb_printf(tb, "Speculation_Store_Bypass:\tunknown\nSpeculationIndirectBranch:\tunknown\n");
	tb_printf(tb, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
	tb_printf(tb, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
}

void proc_format_status(struct textbuf *tb, const struct proc_task *t)
{
	status_ids(tb, t);
	status_memory(tb, t);
	status_signals(tb, t);
}

void proc_format_kb(struct textbuf *tb, const char *label, unsigned long long kb)
{
	uint32_t start = tb->len;
	tb_printf(tb, "%s:", label);
	tb_pad_to(tb, start, 16);
	tb_printf(tb, "%*llu kB\n", KB_WIDTH, kb);
}

void proc_format_centi(struct textbuf *tb, unsigned long long hundredths)
{
	tb_printf(tb, "%llu.%02llu", hundredths / 100, hundredths % 100);
}

void proc_format_map(struct textbuf *tb, const struct proc_map *m)
{
	uint32_t start = tb->len;
	tb_printf(tb, "%08x-%08x %c%c%c%c %08llx %02x:%02x %u ", m->start, m->end, m->read ? 'r' : '-',
		  m->write ? 'w' : '-', m->exec ? 'x' : '-', m->shared ? 's' : 'p',
		  (unsigned long long)m->offset, m->dev_major, m->dev_minor, m->ino);
	if (m->name) {
		tb_pad_to(tb, start, MAPS_NAME_COLUMN);
		tb_printf(tb, " %s", m->name);
	}
	tb_putc(tb, '\n');
}

/* Linux's mangle(): what would end a field becomes an octal escape. */
static void put_mangled(struct textbuf *tb, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			put_octal3(tb, "\\", (unsigned char)*s);
		else
			tb_putc(tb, *s);
	}
}

void proc_format_mount(struct textbuf *tb, const char *source, const char *path,
		       const char *type, const char *options)
{
	put_mangled(tb, source);
	tb_putc(tb, ' ');
	put_mangled(tb, path);
	tb_printf(tb, " %s %s 0 0\n", type, options);
}
