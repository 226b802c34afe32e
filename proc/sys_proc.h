/*
 * sys_proc.h - process system calls (proc/sys_proc.c, proc/tls.c).
 */
#ifndef PROC_SYS_PROC_H
#define PROC_SYS_PROC_H

#include <stdint.h>

__attribute__((noreturn)) long sys_exit(uint32_t code);
long sys_getpid(void);
long sys_gettid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_set_tid_address(uint32_t uptr);
long sys_set_robust_list(uint32_t head, uint32_t len);
long sys_sched_yield(void);
long sys_kill(uint32_t pid, uint32_t sig);
long sys_tgkill(uint32_t tgid, uint32_t tid, uint32_t sig);
int sys_set_thread_area(uint32_t uptr);

#endif
