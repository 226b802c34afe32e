/*
 * uio.h - the vector of readv/writev (Linux: linux/uio.h), i386 layout.
 */
#ifndef UAPI_UIO_H
#define UAPI_UIO_H

#include <stdint.h>

#define UIO_MAXIOV 1024

struct iovec { uint32_t iov_base, iov_len; };

#endif
