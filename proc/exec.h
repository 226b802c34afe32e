/*
 * exec.h - what the spawner hands a new process's first thread: a kernel
 * copy of everything it needs, since the spawner's memory is not its own.
 */
#ifndef PROC_EXEC_H
#define PROC_EXEC_H

#include "elf/elf_check.h"
#include "kernel/trap.h"
#include "mm/aslr.h"
#include "mm/layout.h"
#include "mm/uvm.h"
#include <stdbool.h>
#include <stdint.h>

struct inode;

/*
 * Linux's limits on what execve carries to the new program (fs/exec.c):
 * one string, with its NUL, is at most MAX_ARG_STRLEN (32 pages); the
 * strings (path, argv, envp) and the argv/envp pointers together take at
 * most a quarter of the stack rlimit (8 MiB: 2 MiB); there is no limit on
 * the count but MAX_ARG_STRINGS (uapi/binfmts.h). Measured before anything
 * is copied.
 */
#define EXEC_ARGS_LIMIT      (USER_STACK_MAX / 4)
#define EXEC_PTR_SIZE        4u                /* one argv/envp pointer on the stack */

/* What a vector pair costs, as measured so far. */
struct exec_size {
	uint32_t ptrs;                       /* argv + envp pointers */
	uint32_t bytes;                      /* strings, with their NULs */
};

/* Count one more pointer, or one more string of len bytes with its NUL:
 * 0, or -E2BIG as soon as a limit is passed (so the caller stops early). */
int exec_size_add_ptr(struct exec_size *s);
int exec_size_add_string(struct exec_size *s, uint32_t len);

struct exec_args {
	struct inode *file;                  /* the ELF file (a reference) */
	struct elf_image img;
	struct inode *interp;                /* its PT_INTERP's program (a reference), or NULL */
	struct elf_image interp_img;
	uint32_t interp_base;                /* where the interpreter is loaded (AT_BASE) */
	char path[256];                      /* AT_EXECFN: the path as given */
	char exe[256];                       /* /proc/self/exe: the path from the root */
	int argc, envc;
	char **argv, **envp;                 /* NULL-terminated, into strings */
	uint32_t strings_len;
	char *strings;                       /* all argv then envp strings */
	struct aslr_layout layout;           /* chosen when its areas are made */
	unsigned setid;                      /* the file's EXEC_SETUID/SETGID, read then too */
	uint32_t uid, gid;                   /* the file's owner, for setid */
	/* One allocation: this struct, then argv[], envp[], then the strings. */
};

/* Build a checked exec_args for path (argv and envp within the limits
 * above, else -E2BIG) (follows #! once per level, up to 4). */
int exec_prepare(const char *path, char *const argv[], char *const envp[], struct exec_args **out);
void exec_args_free(struct exec_args *a);
/* In the new process's thread: new space, load, stack, ring 3. */
__attribute__((noreturn)) void exec_start(struct exec_args *a);
/* execve: replace the current image (inside its own space) and set tf to
 * start the new one when the system call returns. */
int exec_replace(struct exec_args *a, struct trapframe *tf);

#endif
