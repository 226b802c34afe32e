/*
 * hostname.h - the machine's name: what uname's nodename says and
 * sethostname(2) changes (/etc/inittab sets it from /etc/hostname).
 */
#ifndef KERNEL_HOSTNAME_H
#define KERNEL_HOSTNAME_H

#include <stdint.h>

/* Copy the name, NUL-terminated, into buf of size bytes. */
void hostname_get(char *buf, uint32_t size);

#endif
