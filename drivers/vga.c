/*
 * vga.c - write characters to the VGA text buffer, scroll, move the cursor.
 * The buffer is reached at VGA_TEXT_VADDR, the one page of low memory the
 * kernel keeps mapped (mm/layout.h, mm/kimage.c).
 */
#include "drivers/vga.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "mm/layout.h"
#include <stdint.h>

#define VGA_COLS        80
#define VGA_ROWS        25
#define VGA_ATTR        0x07     /* light grey on black */
#define VGA_TAB         8
#define CRTC_INDEX      0x3d4
#define CRTC_DATA       0x3d5
#define CRTC_CURSOR_HI  0x0e
#define CRTC_CURSOR_LO  0x0f

static uint16_t *const vga_buf = (uint16_t *)VGA_TEXT_VADDR;
static int row, col;                 /* irq-off (console_putc holds them off) */

static uint16_t cell(char c) { return (uint16_t)(VGA_ATTR << 8) | (uint8_t)c; }

static void vga_move_cursor(void)
{
	uint16_t pos = (uint16_t)(row * VGA_COLS + col);
	outb(CRTC_INDEX, CRTC_CURSOR_HI);
	outb(CRTC_DATA, pos >> 8);
	outb(CRTC_INDEX, CRTC_CURSOR_LO);
	outb(CRTC_DATA, pos & 0xff);
}

static void vga_scroll(void)
{
	memmove(vga_buf, vga_buf + VGA_COLS, (VGA_ROWS - 1) * VGA_COLS * sizeof(uint16_t));
	for (int i = 0; i < VGA_COLS; i++)
		vga_buf[(VGA_ROWS - 1) * VGA_COLS + i] = cell(' ');
	row = VGA_ROWS - 1;
}

void vga_init(void)
{
	for (int i = 0; i < VGA_ROWS * VGA_COLS; i++)
		vga_buf[i] = cell(' ');
	row = col = 0;
	vga_move_cursor();
}

static void vga_emit(char c)
{
	switch (c) {
	case '\n': col = 0; row++; break;
	case '\r': col = 0; break;
	case '\t': col = (col + VGA_TAB) & ~(VGA_TAB - 1); break;
	case '\b': if (col) col--; break;
	default:   vga_buf[row * VGA_COLS + col++] = cell(c); break;
	}
	if (col >= VGA_COLS) {
		col = 0;
		row++;
	}
	if (row >= VGA_ROWS)
		vga_scroll();
}

void vga_putc(char c)
{
	vga_emit(c);
	vga_move_cursor();
}

unsigned vga_tail(char *out, unsigned n)
{
	uint32_t f = irq_save();
	unsigned pos = (unsigned)(row * VGA_COLS + col);
	if (n > pos)
		n = pos;
	for (unsigned i = 0; i < n; i++)
		out[i] = (char)(vga_buf[pos - n + i] & 0xff);
	irq_restore(f);
	return n;
}
