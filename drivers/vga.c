/*
 * vga.c - the VGA text screen (80x25 at VGA_TEXT_VADDR, the one page of
 * low memory the kernel keeps mapped: mm/layout.h, mm/kimage.c), drawn by
 * the escape-sequence interpreter of drivers/vt.c. Kernel messages
 * (vga_putc) and the screen's terminal (vga_write, tty/console.c) share
 * it and its cursor; both run with interrupts off.
 */
#include "drivers/vga.h"
#include "drivers/vt.h"
#include "kernel/x86.h"
#include "mm/layout.h"
#include <stdint.h>

#define VGA_COLS        80
#define VGA_ROWS        25
#define CRTC_INDEX      0x3d4
#define CRTC_DATA       0x3d5
#define CRTC_CURSOR_HI  0x0e
#define CRTC_CURSOR_LO  0x0f

static struct vt screen;             /* irq-off */

static void vga_move_cursor(void)
{
	uint16_t pos = (uint16_t)(screen.row * VGA_COLS + screen.col);
	outb(CRTC_INDEX, CRTC_CURSOR_HI);
	outb(CRTC_DATA, pos >> 8);
	outb(CRTC_INDEX, CRTC_CURSOR_LO);
	outb(CRTC_DATA, pos & 0xff);
}

void vga_init(void)
{
	vt_init(&screen, (uint16_t *)VGA_TEXT_VADDR, VGA_ROWS, VGA_COLS);
	vga_move_cursor();
}

/* Kernel text: a newline starts a new line, as on the serial console. */
void vga_putc(char c)
{
	if (c == '\n')
		vt_putc(&screen, '\r');
	vt_putc(&screen, (uint8_t)c);
	screen.reply_len = 0;              /* kernel text asks nothing */
	vga_move_cursor();
}

void vga_write(const char *s, unsigned n)
{
	uint32_t f = irq_save();
	for (unsigned i = 0; i < n; i++)
		vt_putc(&screen, (uint8_t)s[i]);
	vga_move_cursor();
	irq_restore(f);
}

unsigned vga_take_reply(char *out, unsigned n)
{
	uint32_t f = irq_save();
	if (n > (unsigned)screen.reply_len)
		n = (unsigned)screen.reply_len;
	for (unsigned i = 0; i < n; i++)
		out[i] = screen.reply[i];
	screen.reply_len = 0;
	irq_restore(f);
	return n;
}

unsigned vga_rows(void) { return VGA_ROWS; }
unsigned vga_cols(void) { return VGA_COLS; }

unsigned vga_tail(char *out, unsigned n)
{
	uint32_t f = irq_save();
	/* A full last column leaves the cursor on it, wrap pending: the
	 * character under the cursor is then the last one written. */
	unsigned pos = (unsigned)(screen.row * VGA_COLS + screen.col + screen.wrap_pending);
	if (n > pos)
		n = pos;
	for (unsigned i = 0; i < n; i++)
		out[i] = (char)(screen.cells[pos - n + i] & 0xff);
	irq_restore(f);
	return n;
}
