/*
 * syscall.h - the system-call layer: Linux i386 numbers and conventions.
 * int 0x80, number in eax, arguments in ebx ecx edx esi edi ebp, result in
 * eax (-errno on failure). An unknown number returns -ENOSYS and is logged
 * once per number.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>

typedef long (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);

struct syscall_entry {
	const char *name;
	syscall_fn fn;
};

#define SYSCALL_MAX 512
extern const struct syscall_entry syscall_table[SYSCALL_MAX];

void syscall_init(void);

#endif
