/*
 * binfmts.h - what execve may carry (Linux: linux/binfmts.h): one argument
 * or environment string, with its NUL, is at most MAX_ARG_STRLEN (32
 * pages); the count is bounded by MAX_ARG_STRINGS (and, in practice, by a
 * quarter of the stack rlimit: proc/exec.h).
 */
#ifndef UAPI_BINFMTS_H
#define UAPI_BINFMTS_H

#define MAX_ARG_STRLEN  (32u * 4096u)
#define MAX_ARG_STRINGS 0x7fffffffu

#endif
