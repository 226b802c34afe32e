/*
 * resource.h - resource limits and usage (Linux: linux/resource.h,
 * asm-generic/resource.h).
 */
#ifndef UAPI_RESOURCE_H
#define UAPI_RESOURCE_H

#include <stdint.h>
#include "uapi/time.h"

#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD   1

#define RLIMIT_STACK    3
#define RLIMIT_NOFILE   7
#define RLIM_NLIMITS    16
#define RLIM_INFINITY   0xffffffffu               /* ugetrlimit's 32-bit form */
#define RLIM64_INFINITY 0xffffffffffffffffull

struct rlimit { uint32_t rlim_cur, rlim_max; };
struct rlimit64 { uint64_t rlim_cur, rlim_max; };

/* i386 struct rusage: two timevals and fourteen longs, 72 bytes. */
struct rusage {
	struct old_timeval32 ru_utime, ru_stime;
	int32_t ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	int32_t ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};
_Static_assert(sizeof(struct rusage) == 72, "struct rusage is 72 bytes on i386");

#endif
