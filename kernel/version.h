/* version.h - the kernel's name and version, printed in the banner. */
#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

#define KERNEL_NAME    "tern"
#define KERNEL_VERSION "0.1"

#endif
