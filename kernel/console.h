/*
 * console.h - kernel text output: kprintf to COM1 and the VGA screen, and a
 * ring of everything printed (the kernel log: `dmesg` through syslog(2),
 * kernel/sys_syslog.c, and `dmesg` in gdb).
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

/* Log levels, as Linux numbers them: a message prints when level < loglevel. */
#define LOG_EMERG  0
#define LOG_ERR    3
#define LOG_WARN   4
#define LOG_INFO   6
#define LOG_DEBUG  7
#define LOG_DEFAULT LOG_WARN             /* kprintf's lines: Linux's default message level */

#define KLOG_RING_SIZE 16384

/* The log ring: klog_ring[klog_head % KLOG_RING_SIZE] is written next;
 * klog_head counts every character ever stored. Interrupts off.
 * A line written by kprintf or klog starts with its level as syslog(2)
 * gives it, "<4>"; only the ring holds that prefix, the screen and COM1
 * never show it. Raw console_putc text has none. */
extern char klog_ring[KLOG_RING_SIZE];
extern uint32_t klog_head;

void console_init(void);
/* The console level: klog messages below it are shown; all are stored. */
void console_set_loglevel(int level);
int console_get_loglevel(void);
void console_putc(char c);
/* kprintf's text is always shown (banners, fault reports; the tests read
 * them at any loglevel) and stored at LOG_DEFAULT. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
int klog(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Called (interrupts off) after a line went into the ring: syslog's
 * readers and /proc/kmsg's pollers. */
void klog_stored(void);

/* kernel/sys_syslog.c: the reader's side of the ring, shared by syslog(2)
 * READ and /proc/kmsg (one read position, as Linux's syslog_seq).
 * syslog_take consumes up to room bytes of whole unread lines into dst,
 * waiting for one unless nonblock: the count, -EAGAIN (nonblock, none),
 * or -ERESTARTSYS (a signal while waiting). syslog_unread: the bytes a
 * reader could take now. */
long syslog_take(char *dst, uint32_t room, bool nonblock);
uint32_t syslog_unread(void);

struct file;
/* kernel/kmsg.c: open /proc/kmsg (the proc entry's open): 0 or -errno. */
int kmsg_open(uint32_t flags, struct file **out);

#define pr_err(...)   klog(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)  klog(LOG_WARN, __VA_ARGS__)
#define pr_info(...)  klog(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) klog(LOG_DEBUG, __VA_ARGS__)

#endif
