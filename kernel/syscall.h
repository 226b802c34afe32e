/*
 * syscall.h - the system-call layer: Linux i386 numbers and conventions.
 * int 0x80, number in eax, arguments in ebx ecx edx esi edi ebp, result in
 * eax (-errno on failure).
 *
 * The table is generated from kernel/syscall_32.tbl (gen/syscalls.h has
 * __NR_* and the handlers' prototypes). Each entry's fn reads its
 * arguments from the trapframe and converts them to the handler's declared
 * types; a number without fn returns -ENOSYS and is logged once per
 * number.
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

void syscall_init(void);
/* Linux's name for nr: "unused" for a hole, NULL beyond the table. */
const char *syscall_name(uint32_t nr);

#endif
