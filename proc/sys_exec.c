/*
 * sys_exec.c - execve: bring the path, argv and envp into the kernel, then
 * hand them to exec_prepare/exec_replace (proc/exec.c).
 *
 * The vectors are measured in user memory first, pointers then strings,
 * against Linux's limits (proc/exec.h), and only then copied, into one
 * block of exactly the measured size: a vector past the limits is E2BIG
 * before the kernel allocates anything (a 1024-entry argv whose pointers
 * all name one 32 KiB string once made it allocate 32 MiB, per vector).
 */
#include "proc/thread_internal.h"
#include "proc/exec.h"
#include "fs/fd.h"
#include "gen/syscalls.h"
#include "uapi/binfmts.h"
#include "uapi/errno.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "mm/usercopy.h"

/* The kernel copy of a user argv and envp: NULL-terminated vectors, then
 * their strings, all in one kmalloc block (vecs). */
struct user_vectors {
	user_ptr_t uvec[2];                  /* user argv, envp */
	uint32_t n[2];                       /* their counts */
	struct exec_size size;
	char **vecs;                         /* argv[n0], NULL, envp[n1], NULL, strings */
};

/* Entry i of user vector uvec: 0 or -EFAULT. */
static int user_entry(user_ptr_t uvec, uint32_t i, uint32_t *up)
{
	return copy_from_user(up, user_ptr_add(uvec, i * EXEC_PTR_SIZE), EXEC_PTR_SIZE);
}

/* How many pointers before the NULL (reading only the pointers). A NULL
 * vector is empty, as Linux treats it. */
static int count_vector(user_ptr_t uvec, uint32_t *n, struct exec_size *s)
{
	uint32_t up = 0;
	int err = 0;
	for (*n = 0; !user_ptr_null(uvec) && !err; (*n)++) {
		err = user_entry(uvec, *n, &up);
		if (err || !up)
			return err;
		err = exec_size_add_ptr(s);      /* the count is bounded by the limit */
	}
	return err;
}

/* The strings' lengths, with their NULs, each at most MAX_ARG_STRLEN. */
static int measure_strings(user_ptr_t uvec, uint32_t n, struct exec_size *s)
{
	int err = 0;
	for (uint32_t i = 0; i < n && !err; i++) {
		uint32_t up;
		err = user_entry(uvec, i, &up);
		long len = err ? 0 : strnlen_user(USER_PTR(up), MAX_ARG_STRLEN);
		if (len < 0)
			err = (int)len;
		err = err ?: exec_size_add_string(s, (uint32_t)len);
	}
	return err;
}

/* Copy n strings into [*str, end), their addresses into vec[]. The user may
 * have changed them since they were measured: what no longer fits is E2BIG. */
static int copy_strings_in(user_ptr_t uvec, uint32_t n, char **vec, char **str, char *end)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t up;
		if (user_entry(uvec, i, &up))
			return -EFAULT;
		int len = strncpy_from_user(*str, USER_PTR(up), (size_t)(end - *str));
		if (len < 0)
			return len == -ENAMETOOLONG ? -E2BIG : len;
		vec[i] = *str;
		*str += len + 1;
	}
	vec[n] = NULL;
	return 0;
}

static int copy_vectors_in(struct user_vectors *v)
{
	uint32_t ptrs = v->n[0] + 1 + v->n[1] + 1;
	v->vecs = kmalloc(ptrs * sizeof(char *) + v->size.bytes);
	if (!v->vecs)
		return -ENOMEM;
	char *str = (char *)(v->vecs + ptrs), *end = str + v->size.bytes;
	int err = copy_strings_in(v->uvec[0], v->n[0], v->vecs, &str, end);
	return err ?: copy_strings_in(v->uvec[1], v->n[1], v->vecs + v->n[0] + 1, &str, end);
}

/* Measure both vectors (all pointers first, as Linux counts them), then copy. */
static int user_vectors_in(struct user_vectors *v, uint32_t path_len)
{
	int err = exec_size_add_string(&v->size, path_len);
	for (int k = 0; k < 2 && !err; k++)
		err = count_vector(v->uvec[k], &v->n[k], &v->size);
	for (int k = 0; k < 2 && !err; k++)
		err = measure_strings(v->uvec[k], v->n[k], &v->size);
	v->size.bytes -= path_len;            /* the path has its own buffer */
	return err ?: copy_vectors_in(v);
}

long sys_execve(user_ptr_t filename, user_ptr_t argv, user_ptr_t envp)
{
	char path[PROC_PATH_MAX];
	struct user_vectors v = { { argv, envp }, { 0, 0 }, { 0, 0 }, NULL };
	struct exec_args *a = NULL;
	int err = strncpy_from_user(path, filename, sizeof(path));
	if (err >= 0)
		err = user_vectors_in(&v, (uint32_t)err + 1);
	if (!err)
		err = exec_prepare(path, v.vecs, v.vecs + v.n[0] + 1, &a);
	kfree(v.vecs);
	if (err)
		return err;
	struct trapframe *tf = current_thread()->tf;
	err = proc_dethread();                   /* the other threads die first */
	/* A table shared with another process (CLONE_FILES) becomes our own
	 * copy first: close-on-exec must not close the other's (Linux's
	 * unshare_files in execve). */
	err = err ?: files_unshare();
	err = err ?: signal_exec_unshare();      /* nor reset the other's handlers */
	if (err) {
		exec_args_free(a);
		return err;
	}
	err = exec_replace(a, tf);
	if (err)
		return err;
	proc_vfork_release(current_process());   /* a vfork parent may go on */
	fd_close_on_exec(current_process());     /* the new image is in: no way back */
	signal_exec(current_process());
	current_process()->did_exec = true;     /* setpgid by the parent: EACCES */
	current_process()->self_exec_id++;      /* its children's exit signal: SIGCHLD */
	timer_exit(current_process(), true);
	proc_set_comm(current_thread(), path);
	return (long)tf->eax;                    /* the new program's eax: 0 */
}
