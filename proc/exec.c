/*
 * exec.c - turning a file into a running program.
 *
 * exec_prepare (in the spawner) finds the file and, for a dynamically
 * linked one, its PT_INTERP interpreter (glibc's ld.so), refuses anything
 * malformed before a single page is mapped, and copies argv/envp into the
 * kernel. exec_start runs in the new process's own thread: it makes a
 * fresh address space, switches into it, loads the ELF there (an ET_DYN
 * at a load base, the interpreter where mmap would put it), builds the
 * stack exactly as Linux does (argc, argv, envp, auxv, strings) and
 * enters ring 3 with iret, at the interpreter's entry if there is one.
 */
#include "proc/exec.h"
#include "proc/proc.h"
#include "proc/thread_internal.h"
#include "elf/elf_load.h"
#include "elf/elf32.h"
#include "fs/vfs.h"
#include "kernel/console.h"
#include "uapi/errno.h"
#include "kernel/gdt.h"
#include "uapi/signal.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "uapi/auxvec.h"
#include "uapi/binfmts.h"
#include "uapi/personality.h"
#include "uapi/stat.h"
#include "kernel/entropy.h"
#include "mm/aslr.h"
#include "mm/kheap.h"
#include "mm/layout.h"
#include "mm/usercopy.h"
#include "mm/uvm.h"

#define EXEC_HEAD_MAX   PAGE_SIZE       /* read to check a program: its headers lie here */
#define SHEBANG_DEPTH   4
#define SHEBANG_MAX     128
#define SHEBANG_EXTRA_ARGS 3            /* interpreter, its argument, the path */
#define EFLAGS_RESERVED 0x2

#define AUXV_PAIRS  18
#define PLATFORM    "i686"

static uint32_t cpu_hwcap(void)
{
	uint32_t a = 1, b, c, d;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return d;                            /* CPUID.1:EDX, as Linux reports it */
}

/* build_stack puts the path, the strings and their pointers (together at
 * most EXEC_ARGS_LIMIT) and under a page of auxv, random bytes and
 * alignment into the stack area: whatever execve accepts fits, and the
 * program keeps most of its stack. */
#define EXEC_STACK_EXTRA PAGE_SIZE
_Static_assert(EXEC_ARGS_LIMIT + EXEC_STACK_EXTRA <= USER_STACK_MAX / 2,
	       "the stack area must hold what execve accepts, with room to spare");

static int exec_size_check(const struct exec_size *s)
{
	/* bytes <= limit + one string and ptrs <= bytes: the sum cannot wrap. */
	return s->bytes + s->ptrs * EXEC_PTR_SIZE <= EXEC_ARGS_LIMIT ? 0 : -E2BIG;
}

int exec_size_add_ptr(struct exec_size *s)
{
	if (s->ptrs >= MAX_ARG_STRINGS)
		return -E2BIG;
	s->ptrs++;
	return exec_size_check(s);
}

int exec_size_add_string(struct exec_size *s, uint32_t len)
{
	if (len > MAX_ARG_STRLEN)
		return -E2BIG;
	s->bytes += len;
	return exec_size_check(s);
}

/* Count a NULL-terminated kernel vector and add it to *s. */
static int measure(char *const v[], int *count, struct exec_size *s)
{
	int n = 0, err = 0;
	for (; v && v[n] && !err; n++) {
		err = exec_size_add_ptr(s);
		err = err ?: exec_size_add_string(s, (uint32_t)strlen(v[n]) + 1);
	}
	*count = n;
	return err;
}

/* Copy a vector's strings to the end of a->strings, pointers into dst. */
static void copy_strings(struct exec_args *a, char *const src[], char **dst, int n)
{
	for (int i = 0; i < n; i++) {
		uint32_t len = (uint32_t)strlen(src[i]) + 1;
		dst[i] = a->strings + a->strings_len;
		memcpy(dst[i], src[i], len);
		a->strings_len += len;
	}
	dst[n] = NULL;
}

/* An exec_args sized for exactly these vectors, with them copied in. The
 * path counts towards the limit, as Linux's bprm->filename does. */
static int exec_args_new(const char *path, char *const argv[], char *const envp[],
			 struct exec_args **out)
{
	int argc = 0, envc = 0;
	uint32_t path_len = (uint32_t)strlen(path) + 1;
	struct exec_size size = { 0, 0 };
	int err = exec_size_add_string(&size, path_len);
	err = err ?: measure(argv, &argc, &size);
	err = err ?: measure(envp, &envc, &size);
	if (err)
		return err;
	uint32_t vectors = (uint32_t)(argc + 1 + envc + 1) * sizeof(char *);
	struct exec_args *a = kmalloc(sizeof(*a) + vectors + size.bytes - path_len);
	if (!a)
		return -ENOMEM;
	a->argc = argc;
	a->envc = envc;
	a->argv = (char **)(a + 1);
	a->envp = a->argv + argc + 1;
	a->strings = (char *)(a->envp + envc + 1);
	a->strings_len = 0;
	a->file = NULL;
	a->interp = NULL;
	a->interp_base = 0;
	copy_strings(a, argv, a->argv, argc);
	copy_strings(a, envp, a->envp, envc);
	*out = a;
	return 0;
}

/* A program's file and the start of its bytes (headers, or a "#!" line). */
struct exec_file {
	struct inode *ino;                   /* a reference */
	const uint8_t *data;                 /* the first size bytes (at most EXEC_HEAD_MAX) */
	uint32_t size;
	uint32_t file_size;
};

/* "#!interp [arg]" → argv = interp [arg] path argv[1..]. */
static int shebang_argv(const struct exec_file *f, const char *path, char *const argv[],
			char line[SHEBANG_MAX], char *nargv[], int max)
{
	uint32_t n = 2;
	while (n < f->size && n < SHEBANG_MAX - 1 && ((const char *)f->data)[n] != '\n')
		n++;
	memcpy(line, (const char *)f->data + 2, n - 2);
	line[n - 2] = '\0';
	char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return -ENOEXEC;
	int k = 0;
	nargv[k++] = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p) {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p)
			nargv[k++] = p;          /* Linux: the rest of the line is one argument */
	}
	nargv[k++] = (char *)path;
	for (int i = 1; argv && argv[i] && k < max - 1; i++)
		nargv[k++] = argv[i];
	nargv[k] = NULL;
	return 0;
}

static int prepare(const char *path, char *const argv[], char *const envp[], struct exec_args **out, int depth);

/* Room for the interpreter, its argument, the script's path, argv[1..]. */
static int prepare_script(const struct exec_file *f, const char *path, char *const argv[],
			  char *const envp[], struct exec_args **out, int depth)
{
	char line[SHEBANG_MAX];
	int argc = 0;
	while (argv && argv[argc])
		argc++;
	int max = argc + SHEBANG_EXTRA_ARGS + 1;
	char **nargv = kmalloc((uint32_t)max * sizeof(char *));
	if (!nargv)
		return -ENOMEM;
	int err = -ENOEXEC;
	if (depth < SHEBANG_DEPTH && shebang_argv(f, path, argv, line, nargv, max) == 0)
		err = prepare(nargv[0], nargv, envp, out, depth + 1);
	kfree(nargv);
	return err;
}

/* The start of file ino, size bytes long, into a new buffer of at most
 * EXEC_HEAD_MAX bytes that *f describes. 0 or -ENOMEM. */
static int read_head(struct inode *ino, uint32_t size, struct exec_file *f)
{
	uint8_t *head = kmalloc(EXEC_HEAD_MAX);
	if (!head)
		return -ENOMEM;
	long n = vfs_inode_read(ino, head, EXEC_HEAD_MAX, 0);
	f->ino = ino;
	f->data = head;
	f->size = n > 0 ? (uint32_t)n : 0;
	f->file_size = size;
	return 0;
}

/* The interpreter's file, checked as Linux's load_elf_binary checks it:
 * -EIO when it is shorter than an ELF header, -ELIBBAD when it is no
 * loadable i386 ELF. One that asks for an interpreter itself is refused
 * with -ELIBBAD too (Linux would ignore its PT_INTERP and start it, only
 * for it to crash when it is no ld.so). */
static int check_interp_file(struct exec_args *a, const struct exec_file *f)
{
	if (f->size < sizeof(struct elf32_ehdr))
		return -EIO;
	if (elf_check_head(f->data, f->size, f->file_size, &a->interp_img) != 0 ||
	    a->interp_img.has_interp)
		return -ELIBBAD;
	a->interp = vfs_hold(f->ino);
	return 0;
}

/* The interpreter PT_INTERP names (its path read from prog): open_exec's
 * errors (ENOENT, EACCES ...), -ENOEXEC when the path lacks its NUL, or
 * check_interp_file's. On success a->interp holds it. */
static int prepare_interp(struct exec_args *a, struct inode *prog)
{
	struct exec_file f = { 0 };
	uint32_t len = a->img.interp_len, size;
	char *path = kmalloc(len);
	int err = path ? 0 : -ENOMEM;
	if (!err && vfs_inode_read(prog, path, len, a->img.interp_off) != (long)len)
		err = -EIO;
	if (!err && path[len - 1] != '\0')
		err = -ENOEXEC;
	err = err ?: vfs_open_inode(path, &f.ino, &size);
	kfree(path);
	if (err)
		return err;
	err = read_head(f.ino, size, &f);
	err = err ?: check_interp_file(a, &f);
	kfree((void *)f.data);
	vfs_release(f.ino);
	return err;
}

/* The program at path, once its file is read: a script's interpreter's
 * exec_args, or the checked ELF's (holding a reference to its file, and
 * to its ELF interpreter's if it names one). */
static int prepare_file(const struct exec_file *f, const char *path, char *const argv[],
			char *const envp[], struct exec_args **out, int depth)
{
	if (f->size >= 2 && memcmp(f->data, "#!", 2) == 0)
		return prepare_script(f, path, argv, envp, out, depth);
	struct exec_args *a;
	int err = exec_args_new(path, argv, envp, &a);
	if (err)
		return err;
	err = elf_check_head(f->data, f->size, f->file_size, &a->img);
	if (!err && a->img.has_interp)
		err = prepare_interp(a, f->ino);
	if (err) {
		exec_args_free(a);
		return err;
	}
	a->file = vfs_hold(f->ino);
	strlcpy(a->path, path, sizeof(a->path));
	vfs_abs_path(path, a->exe, sizeof(a->exe));
	*out = a;
	return 0;
}

/* The file's start is read through the VFS to be checked; its memory
 * areas will name the inode, whose pages fill them on first touch. */
static int prepare(const char *path, char *const argv[], char *const envp[], struct exec_args **out, int depth)
{
	struct exec_file f = { 0 };
	uint32_t size;
	int err = vfs_open_inode(path, &f.ino, &size);
	if (err)
		return err;
	err = read_head(f.ino, size, &f);
	err = err ?: prepare_file(&f, path, argv, envp, out, depth);
	kfree((void *)f.data);
	vfs_release(f.ino);
	return err;
}

/* An empty argv becomes { "" }, as on Linux since 5.18: a program that
 * starts at argv[1] must not walk into envp (the "" counts towards the
 * limits, like Linux's max(argc, 1) pointers). */
static char *const empty_argv[] = { "", NULL };

int exec_prepare(const char *path, char *const argv[], char *const envp[], struct exec_args **out)
{
	return prepare(path, argv && argv[0] ? argv : empty_argv, envp, out, 0);
}

void exec_args_free(struct exec_args *a)
{
	if (a->interp)
		vfs_release(a->interp);
	if (a->file)
		vfs_release(a->file);
	kfree(a);
}

/* Push bytes onto the user stack being built; 0 or -EFAULT. */
static int push_bytes(uint32_t *sp, const void *p, uint32_t n)
{
	*sp -= n;
	return copy_to_user(USER_PTR(*sp), p, n);
}

static int push_string(uint32_t *sp, const char *s, uint32_t *where)
{
	int err = push_bytes(sp, s, (uint32_t)strlen(s) + 1);
	*where = *sp;
	return err;
}

/* Write the user addresses of n strings (kernel copies in a->strings, which
 * sit at ublock on the user stack) and a NULL after them, at *p. */
static int put_vector(struct exec_args *a, char *const *v, int n, uint32_t ublock, uint32_t *p)
{
	int err = 0;
	for (int i = 0; i <= n && !err; i++, *p += 4) {
		uint32_t u = i < n ? ublock + (uint32_t)(v[i] - a->strings) : 0;
		err = copy_to_user(USER_PTR(*p), &u, 4);
	}
	return err;
}

/* The initial stack, as Linux's create_elf_tables lays it out (top down):
 * execfn, envp strings, argv strings, platform, 16 random bytes, then at a
 * 16-byte aligned esp: argc, argv[], NULL, envp[], NULL, auxv pairs. The
 * argv and envp strings are one block (argv first), copied at once. */
static int build_stack(struct exec_args *a, uint32_t *esp)
{
	uint32_t sp = a->layout.stack_top - sizeof(uint32_t), execfn = 0, platform = 0, random, ublock;
	const struct cred *c = current_cred();
	uint8_t rnd[16];
	int err = push_string(&sp, a->path, &execfn);
	err = err ?: push_bytes(&sp, a->strings, a->strings_len);
	ublock = sp;
	if (!err)
		err = push_string(&sp, PLATFORM, &platform);
	sp -= a->layout.sp_offset;               /* Linux's arch_align_stack (mm/aslr.h) */
	entropy_bytes(rnd, sizeof(rnd));
	if (!err)
		err = push_bytes(&sp, rnd, sizeof(rnd));
	random = sp;

	uint32_t auxv[AUXV_PAIRS * 2] = {
		AT_HWCAP, cpu_hwcap(), AT_PAGESZ, PAGE_SIZE, AT_CLKTCK, USER_HZ,
		AT_PHDR, a->img.phdr_vaddr, AT_PHENT, a->img.phentsize, AT_PHNUM, a->img.phnum,
		AT_BASE, a->interp_base, AT_FLAGS, 0, AT_ENTRY, a->img.entry,
		AT_UID, c->uid, AT_EUID, c->euid, AT_GID, c->gid, AT_EGID, c->egid,
		AT_SECURE, c->euid != c->uid || c->egid != c->gid,
		AT_RANDOM, random, AT_EXECFN, execfn, AT_PLATFORM, platform, AT_NULL, 0,
	};
	uint32_t words = 1 + (uint32_t)a->argc + 1 + (uint32_t)a->envc + 1 + AUXV_PAIRS * 2;
	sp = (sp - words * sizeof(uint32_t)) & ~15u;
	uint32_t p = sp, argc = (uint32_t)a->argc;
	err = err ?: copy_to_user(USER_PTR(p), &argc, 4);
	p += 4;
	err = err ?: put_vector(a, a->argv, a->argc, ublock, &p);
	err = err ?: put_vector(a, a->envp, a->envc, ublock, &p);
	err = err ?: copy_to_user(USER_PTR(p), auxv, sizeof(auxv));
	*esp = sp;
	return err;
}

/* The registers a program starts with: all zero (edx too: glibc's _start
 * registers a non-zero edx with atexit), flat user segments. */
static void initial_regs(struct trapframe *tf, uint32_t eip, uint32_t esp)
{
	memset(tf, 0, sizeof(*tf));
	tf->ds = tf->es = tf->fs = tf->gs = SEL_UDATA;
	tf->cs = SEL_UCODE;
	tf->eip = eip;
	tf->eflags = EFLAGS_IF | EFLAGS_RESERVED;
	tf->user_esp = esp;
	tf->user_ss = SEL_UDATA;
}

/* What build_stack puts on the stack, at most: the strings, the path,
 * the pointers, the layout's offset below the strings and the page of
 * auxv, random bytes and alignment. */
static uint32_t stack_need(const struct exec_args *a)
{
	uint32_t ptrs = (uint32_t)a->argc + (uint32_t)a->envc + 3;
	return a->strings_len + sizeof(a->path) + ptrs * EXEC_PTR_SIZE + a->layout.sp_offset +
	       EXEC_STACK_EXTRA;
}

/* The stack area under the (randomized) top, as large as the arguments
 * need; it grows down on demand within RLIMIT_STACK (mm/vm_limits.c). A
 * program whose segments lie where a lowered stack would go keeps the
 * fixed top instead. */
static int add_stack(struct exec_args *a, struct mm *mm)
{
	uint32_t prot = PROT_READ | PROT_WRITE | (a->img.exec_stack ? PROT_EXEC : 0);
	uint32_t size = mm_stack_initial(stack_need(a));
	uint32_t top = a->layout.stack_top;
	if (top != USER_STACK_TOP && mm_add_area(mm, top - size, top, prot, VMA_STACK) == 0)
		return 0;
	a->layout.stack_top = USER_STACK_TOP;
	return mm_add_area(mm, USER_STACK_TOP - size, USER_STACK_TOP, prot, VMA_STACK);
}

/* The heap start moved up by the layout's offset, unless the heap would
 * then have less than that much room below the mmap base. */
static void place_brk(struct mm *mm, uint32_t offset)
{
	if (mm->brk_start < mm->mmap_top && mm->mmap_top - mm->brk_start > offset + ASLR_BRK_BYTES)
		mm->brk_start = mm->brk = mm->brk_start + offset;
}

/* Whether this exec's layout is randomized as randomize_va_space says:
 * not when the caller's personality has ADDR_NO_RANDOMIZE, unless the
 * program is set-id (which clears the flag, load_image). */
static bool exec_randomizes(const struct exec_args *a)
{
	return !(current_process()->personality & ADDR_NO_RANDOMIZE) || a->setid;
}

/* Where an ET_DYN program goes: ELF_ET_DYN_BASE moved up by the
 * layout's offset, aligned as its segments ask (Linux's load_bias for a
 * PIE; a static-pie goes there too, so that its heap has room above it). */
static int place_program(struct exec_args *a)
{
	uint32_t at = (ELF_ET_DYN_BASE + a->layout.dyn_offset) & ~(a->img.max_align - 1), bias;
	return a->img.dyn ? elf_relocate(&a->img, at, &bias) : 0;
}

/* Where the interpreter goes: where mmap would put it (top down from the
 * mmap base, so randomized with it), aligned as its segments ask. Its
 * load bias is AT_BASE. */
static int place_interp(struct exec_args *a, struct mm *mm)
{
	struct elf_image *img = &a->interp_img;
	uint32_t align = img->max_align, len = elf_span(img) + align - PAGE_SIZE;
	if (!img->dyn)
		return 0;                           /* an ET_EXEC ld.so: where it says */
	uint32_t at = len >= elf_span(img) ? mm_find_free(mm, len, 0) : 0;
	if (!at)
		return -ENOMEM;
	return elf_relocate(img, (at + align - 1) & ~(align - 1), &a->interp_base);
}

/* The program's areas, and its interpreter's if it has one. */
static int add_images(struct exec_args *a, struct mm *mm)
{
	int err = place_program(a);
	err = err ?: elf_add_areas(a->file, &a->img, mm);
	if (!err && a->interp) {
		err = place_interp(a, mm);
		err = err ?: elf_add_areas(a->interp, &a->interp_img, mm);
	}
	mm->brk_start = mm->brk = a->img.brk_start;
	return err;
}

/* A new mm with the program's areas and the stack's, laid out as
 * randomize_va_space says (mm/aslr.h), before anything is mapped or torn
 * down: the caller can still give up. NULL: out of memory (or no room
 * for the images where they must go). */
static struct mm *image_areas(struct exec_args *a)
{
	struct mm *mm = mm_create();
	if (!mm)
		return NULL;
	a->setid = vfs_exec_setid(a->file, &a->uid, &a->gid);
	aslr_choose(&a->layout, exec_randomizes(a));
	mm->mmap_top = a->layout.mmap_top;
	if (add_images(a, mm) != 0 || add_stack(a, mm) != 0) {
		mm_free_areas(mm);
		return NULL;
	}
	place_brk(mm, a->layout.brk_offset);
	return mm;
}

/* /proc/PID/cmdline: argv's strings, each with its NUL, as the stack has
 * them (they come first in a->strings), cut to what the process keeps. */
static void keep_cmdline(struct process *p, const struct exec_args *a)
{
	uint32_t n = 0;
	for (int i = 0; i < a->argc; i++)
		n += (uint32_t)strlen(a->argv[i]) + 1;
	p->cmdline_len = n < PROC_CMDLINE_MAX ? n : PROC_CMDLINE_MAX;
	memcpy(p->cmdline, a->strings, p->cmdline_len);
}

/* In the current space, whose user half is empty and described by mm: the
 * pages two segments share, then the stack; set tf to start the program.
 * Frees a. 0 or -ENOMEM (the only failure left by now). */
static int load_image(struct exec_args *a, struct mm *mm, struct trapframe *tf)
{
	uint32_t esp;
	cred_exec(current_cred(), a->setid & EXEC_SETUID, a->uid, a->setid & EXEC_SETGID, a->gid);
	if (a->setid)
		current_process()->personality &= ~PER_CLEAR_ON_SETID;
	strlcpy(current_process()->exe, a->exe, sizeof(current_process()->exe));
	keep_cmdline(current_process(), a);
	int err = elf_fill_shared(a->file, &a->img, mm);
	if (!err && a->interp)
		err = elf_fill_shared(a->interp, &a->interp_img, mm);
	if (!err)
		err = build_stack(a, &esp);
	if (!err)
		initial_regs(tf, a->interp ? a->interp_img.entry : a->img.entry, esp);
	exec_args_free(a);
	return err;
}

/* The new process's first thread: its space, its areas, then (no way back
 * but death from here) the image. A failure before that frees what was
 * made, in reverse order. */
void exec_start(struct exec_args *a)
{
	struct process *p = current_process();
	struct trapframe tf;
	struct vm_space *vm = vmm_space_create();
	if (!vm)
		goto fail;
	struct mm *mm = image_areas(a);
	if (!mm)
		goto free_vm;
	p->mm = mm;
	p->vm = vm;
	mm_install(mm, vm);
	vmm_space_switch(vm);                  /* from here on: inside the new space */
	if (load_image(a, mm, &tf) != 0) {
		pr_warn("exec %s: out of memory while loading\n", p->exe);
		proc_exit(SIGKILL);             /* frees mm and vm: they are p's */
	}
	thread_enter_user(&tf);

free_vm:
	vmm_space_destroy(vm);
fail:
	pr_warn("exec %s: out of memory for a new address space\n", a->path);
	exec_args_free(a);
	proc_exit(SIGKILL);
}

int exec_replace(struct exec_args *a, struct trapframe *tf)
{
	struct process *p = current_process();
	struct mm *mm = image_areas(a);
	/* A space shared with a vfork parent stays whole: the new image goes
	 * into a new one. */
	bool shared = mm && p->mm->users > 1;
	struct vm_space *vm = shared ? vmm_space_create() : NULL;
	if (!mm || (shared && !vm)) {
		if (mm)
			mm_free_areas(mm);
		exec_args_free(a);
		return -ENOMEM;
	}
	/* Past this point there is no way back: the old image is gone. */
	if (vm)
		proc_mm_release(p, vm);
	else
		mm_destroy(p->mm);
	p->mm = mm;
	mm_install(mm, p->vm);
	struct thread *t = current_thread();
	memset(t->tls, 0, sizeof(t->tls));
	tls_load(t);
	fpu_reset(t);
	if (load_image(a, mm, tf) != 0) {
		pr_warn("execve %s: out of memory while loading\n", p->exe);
		proc_exit(SIGKILL);
	}
	return 0;
}
