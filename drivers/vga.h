/*
 * vga.h - the VGA text console (80x25, colour text mode at physical 0xB8000),
 * with the escape sequences of drivers/vt.h.
 */
#ifndef DRIVERS_VGA_H
#define DRIVERS_VGA_H

void vga_init(void);
/* Kernel messages: "\n" starts a new line. */
void vga_putc(char c);
/* A terminal's output, as it is (the line discipline did ONLCR). */
void vga_write(const char *s, unsigned n);
/* What the screen answered to queries in a terminal's output (a cursor
 * report): copied into out (at most n bytes; the rest is dropped) and
 * forgotten. Kernel messages never ask. */
unsigned vga_take_reply(char *out, unsigned n);
unsigned vga_rows(void);
unsigned vga_cols(void);
/* The n cells before the cursor, as characters (for tests: what the screen
 * shows of text without newlines); how many there were. */
unsigned vga_tail(char *out, unsigned n);

#endif
