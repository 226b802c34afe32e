/*
 * usercopy.h - moving data across the user/kernel boundary safely.
 *
 * Every user pointer is checked to lie entirely below USER_TOP (with no
 * wrap-around); the copy itself may still fault (unmapped page, read-only
 * page, an area that does not exist): the page-fault handler first tries to
 * resolve it like a user access (demand paging), and otherwise resumes the
 * copy at its fix-up, which returns -EFAULT - or -ENOMEM when the page was
 * allowed but no frame was left: the system call unwinds like on any other
 * error (never killed inside the kernel, holding buffers). No user pointer
 * can crash the kernel.
 *
 * A user pointer has its own type, user_ptr_t: a struct, so the compiler
 * refuses to dereference it, to do arithmetic on it or to pass it where a
 * kernel pointer goes; the copy functions below are the only way through.
 * It is one uint32_t, so it costs what the integer costs (a register or a
 * stack slot). An address that is only compared or mapped (mmap's addr,
 * brk) stays a uint32_t: nothing dereferences it.
 */
#ifndef MM_USERCOPY_H
#define MM_USERCOPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct { uint32_t addr; } user_ptr_t;

#define USER_PTR(a) ((user_ptr_t){ (uint32_t)(a) })

static inline bool user_ptr_null(user_ptr_t p) { return p.addr == 0; }
/* The pointer off bytes further (an array element, the rest of a buffer). */
static inline user_ptr_t user_ptr_add(user_ptr_t p, uint32_t off) { return USER_PTR(p.addr + off); }

/* Is [uaddr, uaddr + n) entirely in user space? (A check, no access.) */
bool user_range_ok(uint32_t uaddr, size_t n);
/* 0, -EFAULT or -ENOMEM (the same for every call below). */
int copy_from_user(void *dst, user_ptr_t usrc, size_t n);
int copy_to_user(user_ptr_t udst, const void *src, size_t n);
int clear_user(user_ptr_t udst, size_t n);
/* Copy a NUL-terminated string of at most max-1 bytes: its length, -EFAULT,
 * -ENOMEM, or -ENAMETOOLONG when no NUL is found within max bytes. */
int strncpy_from_user(char *dst, user_ptr_t usrc, size_t max);
/* The length of the user string at usrc with its NUL, without copying it
 * anywhere; max + 1 when no NUL is found within max bytes; -EFAULT, -ENOMEM. */
long strnlen_user(user_ptr_t usrc, uint32_t max);

/* A signal frame's FPU state, moved by the CPU itself (proc/fpu.c):
 * fpu_save_to_user FXSAVEs the live registers to ufx (16-byte aligned),
 * its software-reserved bytes zeroed: 0, -EFAULT, -ENOMEM.
 * fpu_restore_from_user loads the struct fpstate at ufp, the FXSAVE image
 * first, then the i387 part over its x87 registers: 0, -EFAULT, -ENOMEM,
 * or -EINVAL, nothing loaded, when the image is not 16-byte aligned or
 * its MXCSR has bits outside mxcsr_mask (then copy it and sanitize it). */
int fpu_save_to_user(user_ptr_t ufx);
int fpu_restore_from_user(user_ptr_t ufp, uint32_t mxcsr_mask);

/* For the page-fault handler: if eip faulted inside a user copy, the eip
 * to resume at (which returns the handler's eax); else 0. For the
 * general-protection fault: the same for the one instruction whose #GP is
 * the user's doing (FXRSTOR of a bad MXCSR), which returns -EINVAL. */
uint32_t usercopy_fixup(uint32_t eip);
uint32_t usercopy_gp_fixup(uint32_t eip);

/* The SMAP test's probe (NOT a door): read the user word at src with user
 * memory shut, as a kernel bug would. 0, or the error its fault returned
 * once mm/fault.c had reported it; usercopy_probe_fixup is the probe's
 * usercopy_fixup. */
int user_read_unguarded(uint32_t *dst, const void *src);
uint32_t usercopy_probe_fixup(uint32_t eip);

#endif
