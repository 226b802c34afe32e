/*
 * exec.h - what the spawner hands a new process's first thread: a kernel
 * copy of everything it needs, since the spawner's memory is not its own.
 */
#ifndef PROC_EXEC_H
#define PROC_EXEC_H

#include "elf/elf_check.h"
#include "kernel/trap.h"
#include <stdint.h>

#define EXEC_ARGS_MAX   (128u * 1024)     /* argv + envp strings, like ARG_MAX/2 */
#define EXEC_MAX_STRS   1024

struct exec_args {
	const uint8_t *file;                 /* the ELF image (in the initramfs) */
	struct elf_image img;
	char path[256];                      /* AT_EXECFN and /proc/self/exe */
	int argc, envc;
	char **argv, **envp;                 /* NULL-terminated, into strings */
	uint32_t strings_len;
	char *strings;                       /* all argv then envp strings */
	/* One allocation: this struct, then argv[], envp[], then the strings. */
};

/* Build a checked exec_args for path (follows #! once per level, up to 4). */
int exec_prepare(const char *path, char *const argv[], char *const envp[], struct exec_args **out);
void exec_args_free(struct exec_args *a);
/* In the new process's thread: new space, load, stack, ring 3. */
__attribute__((noreturn)) void exec_start(struct exec_args *a);
/* execve: replace the current image (inside its own space) and set tf to
 * start the new one when the system call returns. */
int exec_replace(struct exec_args *a, struct trapframe *tf);

#endif
