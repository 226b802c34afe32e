/*
 * console.h - kernel text output: kprintf to COM1 and the VGA screen, and a
 * ring of everything printed (the kernel log, `dmesg` in gdb).
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdarg.h>
#include <stdint.h>

/* Log levels, as Linux numbers them: a message prints when level < loglevel. */
#define LOG_ERR    3
#define LOG_WARN   4
#define LOG_INFO   6
#define LOG_DEBUG  7

#define KLOG_RING_SIZE 16384

/* The log ring: klog_ring[klog_head % KLOG_RING_SIZE] is written next;
 * klog_head counts every character ever printed. Interrupts off. */
extern char klog_ring[KLOG_RING_SIZE];
extern uint32_t klog_head;

void console_init(void);
void console_set_loglevel(int level);
void console_putc(char c);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
int klog(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define pr_err(...)   klog(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)  klog(LOG_WARN, __VA_ARGS__)
#define pr_info(...)  klog(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) klog(LOG_DEBUG, __VA_ARGS__)

#endif
