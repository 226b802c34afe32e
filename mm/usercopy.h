/*
 * usercopy.h - moving data across the user/kernel boundary safely.
 *
 * Every user pointer is checked to lie entirely below USER_TOP (with no
 * wrap-around); the copy itself may still fault (unmapped page, read-only
 * page, an area that does not exist): the page-fault handler first tries to
 * resolve it like a user access (demand paging), and otherwise resumes the
 * copy at its fix-up, which returns -EFAULT. No user pointer can crash the
 * kernel.
 */
#ifndef MM_USERCOPY_H
#define MM_USERCOPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool user_range_ok(uint32_t uaddr, size_t n);
/* 0 or -EFAULT. */
int copy_from_user(void *dst, uint32_t usrc, size_t n);
int copy_to_user(uint32_t udst, const void *src, size_t n);
int clear_user(uint32_t udst, size_t n);
/* Copy a NUL-terminated string of at most max-1 bytes: its length, -EFAULT,
 * or -ENAMETOOLONG when no NUL is found within max bytes. */
int strncpy_from_user(char *dst, uint32_t usrc, size_t max);
/* The length of the user string at usrc with its NUL, without copying it
 * anywhere; max + 1 when no NUL is found within max bytes; -EFAULT. */
long strnlen_user(uint32_t usrc, uint32_t max);

/* For the page-fault handler: if eip faulted inside a user copy, the eip
 * to resume at (which returns -EFAULT); else 0. */
uint32_t usercopy_fixup(uint32_t eip);

#endif
