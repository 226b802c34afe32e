/*
 * syscall.h - the system-call layer: Linux i386 numbers and conventions.
 * int 0x80, number in eax, arguments in ebx ecx edx esi edi ebp, result in
 * eax (-errno on failure).
 *
 * The table is generated from kernel/syscall_32.tbl (gen/syscalls.h has
 * __NR_* and the handlers' prototypes). Each entry's fn reads its
 * arguments from the trapframe and converts them to the handler's declared
 * types; a number without fn returns -ENOSYS. Unknown numbers are logged
 * at a bounded rate and counted (struct enosys_stats).
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>
#include "gen/syscalls.h"

struct trapframe;

typedef long (*syscall_fn)(const struct trapframe *tf);

struct syscall_entry {
	const char *name;          /* Linux's name, "unused" for a hole */
	syscall_fn fn;             /* NULL: not implemented */
};

extern const struct syscall_entry syscall_table[NR_SYSCALLS];

/* Calls that returned -ENOSYS for want of an implementation. The log shows
 * at most ENOSYS_LOG_BURST lines at once, then ENOSYS_LOG_PER_SEC a second;
 * a line that follows suppressed ones says how many. */
#define ENOSYS_LOG_BURST   10
#define ENOSYS_LOG_PER_SEC 1

struct enosys_stats {
	uint32_t calls;            /* every -ENOSYS for an unknown number */
	uint32_t logged;           /* lines printed */
	uint32_t suppressed;       /* calls not logged (rate limit) */
};

/* int 0x80 (kernel/isr.asm): the call, then the trap's exit work. */
struct trapframe;
void syscall_dispatch(struct trapframe *tf);
/* Linux's name for nr: "unused" for a hole, NULL beyond the table. */
const char *syscall_name(uint32_t nr);
void enosys_stats_get(struct enosys_stats *out);

#endif
