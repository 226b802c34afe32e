/*
 * vga.h - the VGA text console (80x25, colour text mode at physical 0xB8000).
 */
#ifndef DRIVERS_VGA_H
#define DRIVERS_VGA_H

void vga_init(void);
void vga_putc(char c);
/* The n cells before the cursor, as characters (for tests: what the screen
 * shows of text without newlines); how many there were. */
unsigned vga_tail(char *out, unsigned n);

#endif
