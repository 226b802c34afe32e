/*
 * cred.h - what a process may do: its user and group ids, supplementary
 * groups, file-creation mask and resource limits. A child gets a copy at
 * fork, and execve keeps them (Linux's struct cred, fs_struct's umask and
 * signal_struct's rlim, in one place).
 *
 * The id rules (cred_rules.c) are pure functions of a struct cred, as
 * Linux's kernel/sys.c has them, tested on the host (tests/unit/test_cred.c).
 * "Privileged" is an effective user id of 0 for the set*id calls
 * (CAP_SETUID, CAP_SETGID) and a file-system user id of 0 for file access
 * (CAP_DAC_OVERRIDE, CAP_FOWNER), which is how root's capabilities follow
 * its ids on Linux.
 */
#ifndef PROC_CRED_H
#define PROC_CRED_H

#include "uapi/resource.h"
#include <stdbool.h>
#include <stdint.h>

#define CRED_UMASK_DEFAULT 022           /* init's umask on Linux */
#define CRED_NR_OPEN       (1u << 20)     /* fs.nr_open: RLIMIT_NOFILE's ceiling */
#define CRED_NOFILE_CUR    1024u         /* Linux's INR_OPEN_CUR */
#define CRED_NOFILE_MAX    4096u         /* Linux's INR_OPEN_MAX */
#define CRED_STACK_CUR     (8u << 20)     /* Linux's _STK_LIM */
#define CRED_MEMLOCK       (8u << 20)     /* Linux's MLOCK_LIMIT */
#define CRED_MSGQUEUE      819200u       /* Linux's MQ_BYTES_MAX */
#define CRED_TASKS_MAX     4096u          /* SIGPENDING; NPROC until boot sets it (proc/task_limit.c) */
#define CRED_ID_KEEP       0xffffffffu   /* set*id: -1 leaves an id as it is */

/* Every field: "own" (the process itself, in its own system calls), but
 * prlimit64 on another process changes rlim with interrupts off. */
struct cred {
	uint32_t uid, euid, suid, fsuid;      /* real, effective, saved, file system */
	uint32_t gid, egid, sgid, fsgid;
	uint32_t ngroups;                     /* supplementary groups in groups[] */
	uint32_t *groups;                     /* kmalloc'd, ascending (cred_sort_groups); NULL when none */
	struct rlimit64 rlim[RLIM_NLIMITS];
};

#define RLIM_PAIR(cur, max) { (cur), (max) }
#define RLIM_INF RLIM_PAIR(RLIM64_INFINITY, RLIM64_INFINITY)
/* The kernel process's, which init and everything after inherit: root,
 * and Linux's boot-time limits (include/asm-generic/resource.h). */
#define CRED_INIT { .rlim = {                  \
	[RLIMIT_CPU] = RLIM_INF, [RLIMIT_FSIZE] = RLIM_INF,                      \
	[RLIMIT_DATA] = RLIM_INF,                                               \
	[RLIMIT_STACK] = RLIM_PAIR(CRED_STACK_CUR, RLIM64_INFINITY),           \
	[RLIMIT_CORE] = RLIM_PAIR(0, RLIM64_INFINITY), [RLIMIT_RSS] = RLIM_INF, \
	[RLIMIT_NPROC] = RLIM_PAIR(CRED_TASKS_MAX, CRED_TASKS_MAX),             \
	[RLIMIT_NOFILE] = RLIM_PAIR(CRED_NOFILE_CUR, CRED_NOFILE_MAX),         \
	[RLIMIT_MEMLOCK] = RLIM_PAIR(CRED_MEMLOCK, CRED_MEMLOCK),              \
	[RLIMIT_AS] = RLIM_INF, [RLIMIT_LOCKS] = RLIM_INF,                      \
	[RLIMIT_SIGPENDING] = RLIM_PAIR(CRED_TASKS_MAX, CRED_TASKS_MAX),        \
	[RLIMIT_MSGQUEUE] = RLIM_PAIR(CRED_MSGQUEUE, CRED_MSGQUEUE),           \
	[RLIMIT_NICE] = RLIM_PAIR(0, 0), [RLIMIT_RTPRIO] = RLIM_PAIR(0, 0),     \
	[RLIMIT_RTTIME] = RLIM_INF } }

/* --- the rules (cred_rules.c, pure): 0 or -EPERM / -EINVAL, c changed only on 0 --- */
int cred_setuid(struct cred *c, uint32_t uid);
int cred_setreuid(struct cred *c, uint32_t ruid, uint32_t euid);
int cred_setresuid(struct cred *c, uint32_t ruid, uint32_t euid, uint32_t suid);
/* setfsuid: always the old fsuid; changed only when allowed. */
uint32_t cred_setfsuid(struct cred *c, uint32_t fsuid);
int cred_setgid(struct cred *c, uint32_t gid);
int cred_setregid(struct cred *c, uint32_t rgid, uint32_t egid);
int cred_setresgid(struct cred *c, uint32_t rgid, uint32_t egid, uint32_t sgid);
uint32_t cred_setfsgid(struct cred *c, uint32_t fsgid);
/* Sort setgroups' list ascending, as Linux's groups_sort (getgroups and
 * /proc/PID/status show it so). */
void cred_sort_groups(uint32_t *groups, uint32_t n);
/* execve: the program's set-user-ID (setuid: its owner uid) and
 * set-group-ID (setgid: its group gid) become the effective ids; the
 * saved and file-system ids follow the effective ones, as Linux's
 * cap_bprm_creds_from_file. */
void cred_exec(struct cred *c, bool setuid, uint32_t uid, bool setgid, uint32_t gid);
/* Is gid the file-system group or a supplementary one? */
bool cred_in_group(const struct cred *c, uint32_t gid);
/* May c set resource res to *r (the old limit is c->rlim[res])? */
int cred_rlimit_check(const struct cred *c, uint32_t res, const struct rlimit64 *r);
/* Is c privileged for file access (fsuid 0) / for set*id (euid 0)? */
static inline bool cred_fs_capable(const struct cred *c) { return c->fsuid == 0; }
static inline bool cred_id_capable(const struct cred *c) { return c->euid == 0; }

/* --- kernel side (cred.c) --- */
/* dst becomes a copy of src (fork, spawn): 0 or -ENOMEM. */
int cred_copy(struct cred *dst, const struct cred *src);
void cred_free(struct cred *c);
/* The current process's credentials. */
struct cred *current_cred(void);
/* The current process's soft limit of res. */
uint64_t rlimit_cur(uint32_t res);

#endif
