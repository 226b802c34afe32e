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

#define RLIMIT_CPU      0                          /* seconds of CPU time */
#define RLIMIT_FSIZE    1                          /* bytes a file may grow to (SIGXFSZ, EFBIG) */
#define RLIMIT_DATA     2
#define RLIMIT_STACK    3
#define RLIMIT_CORE     4
#define RLIMIT_RSS      5
#define RLIMIT_NPROC    6
#define RLIMIT_NOFILE   7                          /* one past the highest descriptor */
#define RLIMIT_MEMLOCK  8
#define RLIMIT_AS       9
#define RLIMIT_LOCKS    10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE     13
#define RLIMIT_RTPRIO   14
#define RLIMIT_RTTIME   15
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
