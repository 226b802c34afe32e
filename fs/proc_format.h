/*
 * proc_format.h - Linux's text formats of /proc's files, from values the
 * caller gathered. Pure: host unit tested against lines Linux printed
 * (tests/unit/test_proc_format.c).
 */
#ifndef FS_PROC_FORMAT_H
#define FS_PROC_FORMAT_H

#include "fs/textbuf.h"
#include <stdbool.h>
#include <stdint.h>

#define PROC_COMM_LEN 16                  /* Linux's TASK_COMM_LEN, with the NUL */
#define PROC_GROUPS_SHOWN 32              /* supplementary groups status lists at most */

/* What /proc/PID/stat and status say of a process. */
struct proc_task {
	int pid, ppid, pgrp, session, tty_nr, tpgid;
	char state;                           /* R, S, Z... */
	const char *state_name;               /* "running", "sleeping", "zombie"... */
	char comm[PROC_COMM_LEN];
	uint32_t flags;                       /* PF_* */
	uint32_t minflt, majflt;
	unsigned long long utime, stime;                /* clock ticks */
	int priority, nice, threads;
	unsigned long long start_time;                  /* clock ticks after boot */
	uint32_t vsize;                       /* bytes */
	uint32_t rss;                         /* pages */
	uint32_t rsslim;
	uint32_t start_code, end_code, start_stack, esp, eip;
	unsigned long long sig_pending, sig_shared, sig_blocked, sig_ignored, sig_caught;
	int exit_signal;
	uint32_t start_data, end_data, start_brk, arg_start, arg_end, env_start, env_end;
	int exit_code;
	uint32_t umask, fd_size;
	uint32_t uid[4], gid[4];              /* real, effective, saved, file system */
	uint32_t ngroups;                     /* supplementary groups, the first */
	uint32_t groups[PROC_GROUPS_SHOWN];   /* PROC_GROUPS_SHOWN of them in groups[] */
	uint32_t vm_data, vm_stack, vm_exe;   /* bytes */
};

/* /proc/PID/stat's one line (fs/proc/array.c do_task_stat). */
void proc_format_stat(struct textbuf *tb, const struct proc_task *t);
/* /proc/PID/status (proc_pid_status). */
void proc_format_status(struct textbuf *tb, const struct proc_task *t);
/* A /proc/meminfo line: "Label:" padded to 16, kB right-aligned in 8. */
void proc_format_kb(struct textbuf *tb, const char *label, unsigned long long kb);
/* hundredths as "S.CC" (/proc/uptime, /proc/loadavg). */
void proc_format_centi(struct textbuf *tb, unsigned long long hundredths);

/* One line of /proc/PID/maps. */
struct proc_map {
	uint32_t start, end;
	bool read, write, exec, shared;
	uint64_t offset;                      /* past 4 GiB too: more digits, as Linux */
	uint32_t dev_major, dev_minor, ino;
	const char *name;                     /* NULL: none */
};
void proc_format_map(struct textbuf *tb, const struct proc_map *m);
/* A /proc/mounts line; the path with space, tab, newline and backslash
 * written as octal escapes, as Linux's mangle. */
void proc_format_mount(struct textbuf *tb, const char *source, const char *path,
		       const char *type, const char *options);

#endif
