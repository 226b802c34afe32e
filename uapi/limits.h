/*
 * limits.h - limits user space may rely on (Linux: linux/limits.h).
 */
#ifndef UAPI_LIMITS_H
#define UAPI_LIMITS_H

#define PIPE_BUF 4096        /* a pipe write of up to this many bytes is atomic */

#endif
