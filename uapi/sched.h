/*
 * sched.h - clone flags and scheduling policies (Linux: linux/sched.h,
 * linux/sched/types.h).
 */
#ifndef UAPI_SCHED_H
#define UAPI_SCHED_H

#include <stdint.h>

#define CSIGNAL               0x000000ff   /* the signal sent to the parent at exit */
#define CLONE_VM              0x00000100
#define CLONE_FS              0x00000200
#define CLONE_FILES           0x00000400
#define CLONE_SIGHAND         0x00000800
#define CLONE_PIDFD           0x00001000
#define CLONE_PTRACE          0x00002000
#define CLONE_VFORK           0x00004000
#define CLONE_PARENT          0x00008000
#define CLONE_THREAD          0x00010000
#define CLONE_NEWNS           0x00020000
#define CLONE_SYSVSEM         0x00040000
#define CLONE_SETTLS          0x00080000
#define CLONE_PARENT_SETTID   0x00100000
#define CLONE_CHILD_CLEARTID  0x00200000
#define CLONE_DETACHED        0x00400000
#define CLONE_UNTRACED        0x00800000
#define CLONE_CHILD_SETTID    0x01000000
#define CLONE_NEWCGROUP       0x02000000
#define CLONE_NEWUTS          0x04000000
#define CLONE_NEWIPC          0x08000000
#define CLONE_NEWUSER         0x10000000
#define CLONE_NEWPID          0x20000000
#define CLONE_NEWNET          0x40000000
#define CLONE_IO              0x80000000u

/* clone3's argument block (Linux: struct clone_args; every field 64-bit). */
struct clone_args {
	uint64_t flags;
	uint64_t pidfd;
	uint64_t child_tid;
	uint64_t parent_tid;
	uint64_t exit_signal;
	uint64_t stack;
	uint64_t stack_size;
	uint64_t tls;
	uint64_t set_tid;
	uint64_t set_tid_size;
	uint64_t cgroup;
};
_Static_assert(sizeof(struct clone_args) == 88, "clone_args is 88 bytes (version 2)");
#define CLONE_ARGS_SIZE_VER0  64     /* the first version: up to tls */

#define SCHED_OTHER           0
#define SCHED_FIFO            1
#define SCHED_RR              2
#define SCHED_BATCH           3
#define SCHED_IDLE            5
#define SCHED_RESET_ON_FORK   0x40000000
#define SCHED_RT_PRIO_MAX     99      /* sched_get_priority_max of FIFO and RR */
#define SCHED_RT_PRIO_MIN     1

struct sched_param {
	int32_t sched_priority;
};
_Static_assert(sizeof(struct sched_param) == 4, "sched_param is 4 bytes");

#endif
