/*
 * keyboard.c - translate PS/2 scancode set 1 (US layout) into characters
 * and queue them in a ring filled by IRQ 1 and drained by keyboard_getc().
 */
#include "drivers/keyboard.h"
#include "drivers/pic.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include <stdint.h>

#define KBD_DATA         0x60
#define KBD_STATUS       0x64
#define KBD_OUTPUT_FULL  0x01
#define SC_RELEASE       0x80
#define SC_LSHIFT        0x2a
#define SC_RSHIFT        0x36
#define SC_CTRL          0x1d
#define SC_CAPS          0x3a
#define KBD_RING         128   /* power of two */
#define CTRL_MASK        0x1f

static const char keymap[128] =
	"\0\0331234567890-=\b\tqwertyuiop[]\n\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
static const char keymap_shift[128] =
	"\0\033!@#$%^&*()_+\b\tQWERTYUIOP{}\n\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";

/* The ring: head moves only in the IRQ handler, tail only in
 * keyboard_getc with interrupts off (two readers may race for a key). */
static char ring[KBD_RING];
static volatile uint32_t head, tail;
static int shift, ctrl, caps;        /* the IRQ handler's own */

static void kbd_queue(char c)
{
	if (head - tail < KBD_RING)
		ring[head++ % KBD_RING] = c;
}

static char kbd_translate(uint8_t sc)
{
	char c = shift ? keymap_shift[sc] : keymap[sc];
	if (caps && c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	else if (caps && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (ctrl && c)
		c &= CTRL_MASK;
	return c;
}

static void keyboard_irq(struct trapframe *tf)
{
	(void)tf;
	while (inb(KBD_STATUS) & KBD_OUTPUT_FULL) {
		uint8_t sc = inb(KBD_DATA);
		int released = sc & SC_RELEASE;
		uint8_t key = sc & ~SC_RELEASE;
		if (key == SC_LSHIFT || key == SC_RSHIFT)
			shift = !released;
		else if (key == SC_CTRL)
			ctrl = !released;
		else if (key == SC_CAPS && !released)
			caps = !caps;
		else if (!released && key < sizeof(keymap)) {
			char c = kbd_translate(key);
			if (c)
				kbd_queue(c);
		}
	}
}

void keyboard_init(void)
{
	while (inb(KBD_STATUS) & KBD_OUTPUT_FULL)   /* drop what the BIOS left */
		inb(KBD_DATA);
	trap_register(TRAP_IRQ_BASE + IRQ_KEYBOARD, keyboard_irq);
	pic_unmask(IRQ_KEYBOARD);
}

int keyboard_getc(void)
{
	uint32_t f = irq_save();
	int c = head == tail ? -1 : (unsigned char)ring[tail++ % KBD_RING];
	irq_restore(f);
	return c;
}
