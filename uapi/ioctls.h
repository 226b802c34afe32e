/*
 * ioctls.h - the generic file ioctls (Linux: asm-generic/ioctls.h), which
 * work on any descriptor.
 */
#ifndef UAPI_IOCTLS_H
#define UAPI_IOCTLS_H

#define FIONREAD   0x541B             /* bytes ready to read (int) */
#define FIONBIO    0x5421             /* *(int *)arg: O_NONBLOCK on or off */
#define FIONCLEX   0x5450             /* close-on-exec off */
#define FIOCLEX    0x5451             /* close-on-exec on */

#endif
