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
long sys_fork(void);
long sys_vfork(void);
long sys_clone(uint32_t flags, uint32_t stack, uint32_t ptid, uint32_t tls, uint32_t ctid);
long sys_execve(uint32_t upath, uint32_t uargv, uint32_t uenvp);
long sys_wait4(uint32_t pid, uint32_t ustatus, uint32_t options, uint32_t urusage);
long sys_waitpid(uint32_t pid, uint32_t ustatus, uint32_t options);

#endif
