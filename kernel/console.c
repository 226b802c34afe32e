/*
 * console.c - where kernel text goes: COM1, the VGA screen and the log ring.
 * Serial output turns "\n" into "\r\n" so a raw terminal shows lines.
 */
#include "kernel/console.h"
#include "kernel/format.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "kernel/x86.h"
#include <stdint.h>

/* Read by gdb's `dmesg` (tools/gdb): klog_ring[klog_head % size] is next.
 * Both, and the serial and VGA output, change with interrupts off
 * (console_putc; commit fca35bb). */
char klog_ring[KLOG_RING_SIZE];
uint32_t klog_head;

static int loglevel = LOG_INFO + 1;      /* info and more urgent print */

void console_init(void)
{
	serial_init(COM1_PORT);
	vga_init();
}

void console_set_loglevel(int level)
{
	loglevel = level;
}

/* One character at a time is atomic: a thread preempted mid-character
 * must not leave the log ring or the VGA cursor half updated. */
void console_putc(char c)
{
	uint32_t f = irq_save();
	klog_ring[klog_head++ % KLOG_RING_SIZE] = c;
	if (c == '\n')
		serial_putc(COM1_PORT, '\r');
	serial_putc(COM1_PORT, c);
	vga_putc(c);
	irq_restore(f);
}

static void console_put(char c, void *ctx)
{
	(void)ctx;
	console_putc(c);
}

int kvprintf(const char *fmt, va_list ap)
{
	return kvformat(console_put, 0, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

int klog(int level, const char *fmt, ...)
{
	if (level >= loglevel)
		return 0;
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
