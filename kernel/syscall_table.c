/*
 * syscall_table.c - Linux i386 system-call numbers (arch/x86/entry/syscalls/
 * syscall_32.tbl) mapped to their implementations. A number with a name but
 * no function is known but not implemented: it returns -ENOSYS, and the log
 * line names it.
 */
#include "kernel/syscall.h"
#include "kernel/sys_info.h"
#include "kernel/time.h"
#include "fs/sys_fs.h"
#include "mm/uvm.h"
#include "proc/sys_proc.h"

#define SYS(nr, fn) [nr] = { #fn, (syscall_fn)(void (*)(void))sys_##fn }
#define KNOWN(nr, name) [nr] = { #name, 0 }

const struct syscall_entry syscall_table[SYSCALL_MAX] = {
	SYS(1, exit),
	SYS(2, fork),
	SYS(3, read),
	SYS(4, write),
	SYS(6, close),
	SYS(7, waitpid),
	SYS(11, execve),
	SYS(13, time),
	SYS(19, lseek),
	SYS(20, getpid),
	SYS(37, kill),
	SYS(42, pipe),
	SYS(45, brk),
	SYS(54, ioctl),
	SYS(64, getppid),
	SYS(78, gettimeofday),
	SYS(85, readlink),
	SYS(90, old_mmap),
	SYS(91, munmap),
	SYS(114, wait4),
	SYS(120, clone),
	SYS(122, uname),
	SYS(125, mprotect),
	SYS(140, llseek),
	SYS(145, readv),
	SYS(146, writev),
	SYS(158, sched_yield),
	SYS(162, nanosleep),
	SYS(163, mremap),
	KNOWN(174, rt_sigaction),
	KNOWN(175, rt_sigprocmask),
	SYS(191, ugetrlimit),
	SYS(190, vfork),
	SYS(192, mmap2),
	SYS(197, fstat64),
	[199] = { "getuid32", (syscall_fn)(void (*)(void))sys_getuid },
	[200] = { "getgid32", (syscall_fn)(void (*)(void))sys_getuid },
	[201] = { "geteuid32", (syscall_fn)(void (*)(void))sys_getuid },
	[202] = { "getegid32", (syscall_fn)(void (*)(void))sys_getuid },
	SYS(219, madvise),
	SYS(224, gettid),
	KNOWN(240, futex),
	SYS(243, set_thread_area),
	[252] = { "exit_group", (syscall_fn)(void (*)(void))sys_exit },
	SYS(258, set_tid_address),
	SYS(265, clock_gettime),
	SYS(266, clock_getres),
	SYS(267, clock_nanosleep),
	SYS(270, tgkill),
	SYS(300, fstatat64),
	SYS(305, readlinkat),
	SYS(311, set_robust_list),
	SYS(331, pipe2),
	SYS(340, prlimit64),
	SYS(355, getrandom),
	SYS(383, statx),
	KNOWN(386, rseq),
	[403] = { "clock_gettime64", (syscall_fn)(void (*)(void))sys_clock_gettime64 },
	[406] = { "clock_getres_time64", (syscall_fn)(void (*)(void))sys_clock_getres64 },
	[407] = { "clock_nanosleep_time64", (syscall_fn)(void (*)(void))sys_clock_nanosleep64 },
	KNOWN(422, futex_time64),
};
