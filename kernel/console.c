/*
 * console.c - where kernel text goes: COM1, the VGA screen and the log ring.
 * Serial output turns "\n" into "\r\n" so a raw terminal shows lines.
 * Every message goes into the ring, with its level and time since boot in
 * front as syslog(2) shows them ("<6>[    1.230000] "); only those below
 * the console level reach the screen, which shows no time (Linux prints
 * it there too with printk.time; the boot log stays easier to read).
 */
#include "kernel/console.h"
#include "kernel/format.h"
#include "kernel/time.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "kernel/x86.h"
#include <stdbool.h>
#include <stdint.h>

/* Read by gdb's `dmesg` (tools/gdb) and syslog(2): klog_ring[klog_head %
 * size] is next. Both, the line-start flag, and the serial and VGA output,
 * change with interrupts off (console_putc; commit fca35bb). */
char klog_ring[KLOG_RING_SIZE];
uint32_t klog_head;
static bool at_line_start = true;        /* the next formatted character starts a line */

static int loglevel = LOG_INFO + 1;      /* info and more urgent print */

/* One message being formatted: its level, and whether the console shows it. */
struct message {
	int level;
	bool shown;
};

void console_init(void)
{
	serial_init(COM1_PORT);
	vga_init();
}

void console_set_loglevel(int level)
{
	loglevel = level;
}

int console_get_loglevel(void)
{
	return loglevel;
}

static void ring_put(char c)
{
	klog_ring[klog_head++ % KLOG_RING_SIZE] = c;
}

#define NSEC_PER_USEC 1000u
#define STAMP_MAX     24                 /* "[" 10 digits "." 6 digits "] " NUL */

/* The time since boot as Linux's printk stamps a line (at the clock's
 * resolution, PIT ticks here: 0.000000 before the clock runs). */
static void ring_stamp(void)
{
	char buf[STAMP_MAX];
	uint64_t ns = time_monotonic_ns();
	int n = ksnprintf(buf, sizeof(buf), "[%5u.%06u] ", (unsigned)(ns / NSEC_PER_SEC),
			  (unsigned)(ns % NSEC_PER_SEC / NSEC_PER_USEC));
	for (int i = 0; i < n; i++)
		ring_put(buf[i]);
}

static void screen_put(char c)
{
	if (c == '\n')
		serial_putc(COM1_PORT, '\r');
	serial_putc(COM1_PORT, c);
	vga_putc(c);
}

/* One character at a time is atomic: a thread preempted mid-character
 * must not leave the log ring or the VGA cursor half updated. */
void console_putc(char c)
{
	uint32_t f = irq_save();
	ring_put(c);
	at_line_start = c == '\n';
	screen_put(c);
	if (at_line_start)
		klog_stored();
	irq_restore(f);
}

static void message_put(char c, void *ctx)
{
	const struct message *m = ctx;
	uint32_t f = irq_save();
	if (at_line_start) {
		ring_put('<');
		ring_put((char)('0' + m->level));
		ring_put('>');
		ring_stamp();
	}
	ring_put(c);
	at_line_start = c == '\n';
	if (m->shown)
		screen_put(c);
	if (at_line_start)
		klog_stored();
	irq_restore(f);
}

static int message_vprintf(struct message *m, const char *fmt, va_list ap)
{
	return kvformat(message_put, m, fmt, ap);
}

int kvprintf(const char *fmt, va_list ap)
{
	struct message m = { LOG_DEFAULT, true };
	return message_vprintf(&m, fmt, ap);
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
	struct message m = { level, level < loglevel };
	va_list ap;
	va_start(ap, fmt);
	int n = message_vprintf(&m, fmt, ap);
	va_end(ap);
	return n;
}
