/*
 * tls_stale_selector.c - clearing a TLS slot that a segment register still
 * names crashed the kernel.
 *
 * What went wrong: the way out of every trap pops the user's gs, fs, es, ds
 * and iret loads ss; the selectors were valid on the way in, but
 * set_thread_area may have cleared the slot one of them names in between.
 * The pop (or iret) then faulted in kernel mode: "KERNEL FAULT", machine
 * stopped, by any user program. Linux reloads such a register with the
 * null selector (the pops have exception-table fix-ups) and, when iret
 * cannot load ss, kills the process with SIGILL (i386's iret_error).
 *
 * Prints what fs and ds hold after their slot was cleared under them, and
 * how a child whose ss was in the cleared slot ended. Oracle: Linux
 * (qemu-user keeps the stale selectors): tests/user/expected/.
 */
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define SLOT        8
#define SELECTOR    (SLOT * 8 + 3)          /* GDT, RPL 3 */
#define SEG_32BIT   0x01u
#define IN_PAGES    0x10u
#define PAGES_4G    0xfffffu
#define SEL_MASK    0xffffu

struct user_desc {
    unsigned entry_number, base_addr, limit, flags;
};

static struct user_desc flat = { SLOT, 0, PAGES_4G, SEG_32BIT | IN_PAGES };
static struct user_desc zero = { SLOT, 0, 0, 0 };

static long set_area(struct user_desc *d)
{
    return syscall(SYS_set_thread_area, d);
}

/* Load the slot into fs, clear the slot, read fs back. */
static unsigned fs_after_clear(void)
{
    unsigned after;
    long r;
    set_area(&flat);
    __asm__ volatile("movw %w3, %%fs\n\t"
                     "int $0x80\n\t"
                     "movl %%fs, %1"
                     : "=a"(r), "=r"(after)
                     : "a"(SYS_set_thread_area), "r"(SELECTOR), "b"(&zero)
                     : "memory");
    return r == 0 ? after & SEL_MASK : SEL_MASK;
}

/* The same for ds, which is put back right away (every access needs it). */
static unsigned ds_after_clear(void)
{
    unsigned after, ds;
    long r;
    set_area(&flat);
    __asm__ volatile("movl %%ds, %0" : "=r"(ds));
    __asm__ volatile("movw %w4, %%ds\n\t"
                     "int $0x80\n\t"
                     "movl %%ds, %1\n\t"
                     "movw %w5, %%ds"
                     : "=a"(r), "=r"(after)
                     : "a"(SYS_set_thread_area), "b"(&zero), "r"(SELECTOR), "r"(ds)
                     : "memory");
    return r == 0 ? after & SEL_MASK : SEL_MASK;
}

/* A child clears the slot its own ss names; how did it end? */
static void ss_child(void)
{
    set_area(&flat);
    __asm__ volatile("movw %w0, %%ss\n\t"
                     "int $0x80"
                     : : "r"(SELECTOR), "a"(SYS_set_thread_area), "b"(&zero) : "memory");
    _exit(0);
}

int main(void)
{
    printf("fs after its slot was cleared: %#x\n", fs_after_clear());
    printf("ds after its slot was cleared: %#x\n", ds_after_clear());
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        ss_child();
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
        printf("ss after its slot was cleared: killed by signal %d\n", WTERMSIG(status));
    else
        printf("ss after its slot was cleared: exit %d\n", WEXITSTATUS(status));
    printf("the kernel is still here\n");
    return 0;
}
