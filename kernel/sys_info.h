/* sys_info.h - uname, resource limits, getrandom (kernel/sys_info.c). */
#ifndef KERNEL_SYS_INFO_H
#define KERNEL_SYS_INFO_H

#include <stdint.h>

long sys_uname(uint32_t ubuf);
long sys_ugetrlimit(uint32_t res, uint32_t urlim);
long sys_prlimit64(uint32_t pid, uint32_t res, uint32_t unew, uint32_t uold);
long sys_getrandom(uint32_t ubuf, uint32_t len, uint32_t flags);

#endif
