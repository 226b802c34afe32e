/*
 * sys_exec.c - execve: copy the path, argv and envp into the kernel, then
 * hand them to exec_prepare/exec_replace (proc/exec.c).
 */
#include "proc/thread_internal.h"
#include "proc/exec.h"
#include "proc/sys_proc.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "mm/usercopy.h"

#define ARGV_MAX  1024
#define ARG_STRLEN_MAX (32 * 1024)       /* one argument or variable */

/* Copy a user vector of strings (argv or envp) into kernel memory: a
 * NULL-terminated array of kmalloc'ed strings, freed by free_vector. */
static void free_vector(char **v)
{
	for (int i = 0; v && v[i]; i++)
		kfree(v[i]);
	kfree(v);
}

static int copy_vector(uint32_t uvec, char ***out)
{
	char **v = kzalloc((ARGV_MAX + 1) * sizeof(char *));
	char *buf = kmalloc(ARG_STRLEN_MAX);
	int err = v && buf ? 0 : -ENOMEM;
	for (int i = 0; uvec && !err; i++) {
		uint32_t up;
		if (i == ARGV_MAX) {
			err = -E2BIG;
			break;
		}
		if (copy_from_user(&up, uvec + i * 4, 4)) {
			err = -EFAULT;
			break;
		}
		if (!up)
			break;
		int n = strncpy_from_user(buf, up, ARG_STRLEN_MAX);
		if (n < 0) {
			err = n == -ENAMETOOLONG ? -E2BIG : n;
			break;
		}
		v[i] = kmalloc((size_t)n + 1);
		if (!v[i]) {
			err = -ENOMEM;
			break;
		}
		memcpy(v[i], buf, (size_t)n + 1);
	}
	kfree(buf);
	if (err) {
		free_vector(v);
		return err;
	}
	*out = v;
	return 0;
}

long sys_execve(uint32_t upath, uint32_t uargv, uint32_t uenvp)
{
	char path[PROC_PATH_MAX];
	char **argv = NULL, **envp = NULL;
	struct exec_args *a = NULL;
	int err = strncpy_from_user(path, upath, sizeof(path));
	if (err >= 0)
		err = copy_vector(uargv, &argv);
	if (!err)
		err = copy_vector(uenvp, &envp);
	if (!err)
		err = exec_prepare(path, argv, envp, &a);
	free_vector(argv);
	free_vector(envp);
	if (err)
		return err;
	struct trapframe *tf = current_thread()->tf;
	exec_replace(a, tf);
	return (long)tf->eax;                    /* the new program's eax: 0 */
}
