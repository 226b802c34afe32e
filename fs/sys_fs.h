/*
 * sys_fs.h - file system calls on descriptors (fs/sys_fs.c).
 */
#ifndef FS_SYS_FS_H
#define FS_SYS_FS_H

#include <stdint.h>

long sys_read(uint32_t fd, uint32_t ubuf, uint32_t n);
long sys_write(uint32_t fd, uint32_t ubuf, uint32_t n);
long sys_writev(uint32_t fd, uint32_t uiov, uint32_t cnt);
long sys_readv(uint32_t fd, uint32_t uiov, uint32_t cnt);
long sys_close(uint32_t fd);
long sys_pipe(uint32_t ufds);
long sys_pipe2(uint32_t ufds, uint32_t flags);
long sys_ioctl(uint32_t fd, uint32_t cmd, uint32_t arg);
long sys_fstat64(uint32_t fd, uint32_t ust);
long sys_fstatat64(uint32_t dirfd, uint32_t upath, uint32_t ust, uint32_t flags);
long sys_statx(uint32_t dirfd, uint32_t upath, uint32_t flags, uint32_t mask, uint32_t ustx);
long sys_readlink(uint32_t upath, uint32_t ubuf, uint32_t size);
long sys_readlinkat(uint32_t dirfd, uint32_t upath, uint32_t ubuf, uint32_t size);
long sys_llseek(uint32_t fd, uint32_t hi, uint32_t lo, uint32_t uresult, uint32_t whence);
long sys_lseek(uint32_t fd, uint32_t off, uint32_t whence);

#endif
