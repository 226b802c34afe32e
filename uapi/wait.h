/*
 * wait.h - wait4 options and the status word (Linux: linux/wait.h; the
 * status layout is what glibc's WIFEXITED/WEXITSTATUS decode).
 */
#ifndef UAPI_WAIT_H
#define UAPI_WAIT_H

#define WNOHANG          1
#define WUNTRACED        2

#define WEXIT_CODE_SHIFT 8          /* exited: (code & 0xff) << 8 */
#define WEXIT_CODE_MASK  0xff
#define WTERMSIG_MASK    0x7f       /* killed: the signal number, low bits */

#endif
