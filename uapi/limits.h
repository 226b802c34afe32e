/*
 * limits.h - limits user space may rely on (Linux: linux/limits.h).
 */
#ifndef UAPI_LIMITS_H
#define UAPI_LIMITS_H

#define NAME_MAX     255      /* bytes in one name, without the NUL */
#define PATH_MAX     4096     /* bytes in a path, with the NUL */
#define PIPE_BUF     4096     /* a pipe write of up to this many bytes is atomic */
#define NGROUPS_MAX  65536    /* supplementary groups of a process */
#define MAXSYMLINKS  40       /* links one lookup may follow (ELOOP after; linux/namei.h) */

#endif
