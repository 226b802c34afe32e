/* version.h - the kernel's name and version, printed in the banner. */
#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

#define KERNEL_NAME    "tern"
#define KERNEL_VERSION "0.1"
/* What uname and /proc/sys/kernel say: a Linux release glibc accepts. */
#define KERNEL_RELEASE  "6.1.0-" KERNEL_NAME "-" KERNEL_VERSION

#endif
