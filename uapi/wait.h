/*
 * wait.h - wait4 options and the status word (Linux: linux/wait.h; the
 * status layout is what glibc's WIFEXITED/WEXITSTATUS decode).
 */
#ifndef UAPI_WAIT_H
#define UAPI_WAIT_H

#define WNOHANG          1
#define WUNTRACED        2
#define WSTOPPED         WUNTRACED  /* waitid's name for it */
#define WEXITED          4
#define WCONTINUED       8
#define WNOWAIT          0x01000000 /* report, leave the child waitable */
#define __WNOTHREAD      0x20000000 /* not other threads' children */
#define __WALL           0x40000000 /* every child, clone or not */
#define __WCLONE         0x80000000 /* only children whose exit signal is not SIGCHLD */

/* waitid's idtype */
#define P_ALL            0
#define P_PID            1
#define P_PGID           2
#define P_PIDFD          3

#define WEXIT_CODE_SHIFT 8          /* exited: (code & 0xff) << 8 */
#define WEXIT_CODE_MASK  0xff
#define WTERMSIG_MASK    0x7f       /* killed: the signal number, low bits */
#define WCOREFLAG        0x80       /* killed, and a core file was written */
#define WSTOPPED_LOW     0x7f       /* stopped: (sig << 8) | 0x7f */
#define WCONTINUED_STATUS 0xffff    /* continued */

#endif
