/*
 * keyboard.c - translate PS/2 scancode set 1 (US layout) into the bytes a
 * Linux console's keyboard sends, handed one at a time to a sink (the VGA
 * terminal, tty/console.c) from IRQ 1.
 *
 * Letters, digits and punctuation with Shift, Caps Lock and Ctrl (Ctrl-C
 * is 0x03); Backspace sends DEL (0x7f) and Enter CR (0x0d, either Enter
 * key) as on Linux, ICRNL making that a newline for canonical reads; the
 * cursor keys and the editing block send the console's escape sequences:
 * arrows ESC [ A-D, Home ESC [ 1 ~, Insert ESC [ 2 ~, Delete ESC [ 3 ~,
 * End ESC [ 4 ~, Page Up/Down ESC [ 5 ~ / 6 ~. Both the dedicated keys
 * (0xE0-prefixed) and the keypad's (Num Lock is taken as off) send them.
 * F1-F5 send ESC [ [ A-E, F6-F12 ESC [ 17 ~ .. 24 ~ (no 22), as Linux's
 * console; with Alt, which switches consoles there, nothing.
 * Ctrl-Alt-Del (either Delete key) sends nothing: it goes to
 * ctrl_alt_del() (kernel/reboot.h).
 *
 * Alt is Meta, as on Linux's console in its default meta mode (the ESC
 * prefix, KDSKBMETA K_ESCPREFIX): a character typed with Alt held comes
 * after an ESC, so Alt-b is ESC b (busybox's line editor moves back a
 * word), Alt-Backspace ESC DEL, Ctrl-Alt-a ESC ^A. Left and right Alt are
 * held each on its own, and the right one (AltGr) is Alt too, as on a US
 * map, which has no AltGr level. The cursor keys keep their sequences.
 */
#include "drivers/keyboard.h"
#include "drivers/pic.h"
#include "kernel/reboot.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KBD_DATA         0x60
#define KBD_STATUS       0x64
#define KBD_OUTPUT_FULL  0x01
#define SC_RELEASE       0x80
#define SC_EXTENDED      0xe0        /* the next scancode is a grey key */
#define SC_LSHIFT        0x2a
#define SC_RSHIFT        0x36
#define SC_CTRL          0x1d
#define SC_ALT           0x38
#define SC_CAPS          0x3a
#define SC_BACKSPACE     0x0e
#define SC_DELETE        0x53        /* keypad "." / Del; grey Delete after SC_EXTENDED */
#define SC_KP_SLASH      0x35        /* after SC_EXTENDED; '/' without it */
#define CTRL_MASK        0x1f
#define DEL              0x7f
#define ESC              0x1b        /* the Meta prefix */
#define ALT_LEFT         1           /* bits of alt: which Alt keys are down */
#define ALT_RIGHT        2

static const char keymap[128] =
	"\0\0331234567890-=\b\tqwertyuiop[]\r\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
static const char keymap_shift[128] =
	"\0\033!@#$%^&*()_+\b\tQWERTYUIOP{}\r\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";

/* The keys that send a sequence, by scancode: the function keys (F1 ..
 * F10, then F11, F12), and the cursor and editing keys (keypad 7 ..
 * keypad .), as Linux's default keymap has them. */
static const char *const seq_keys[] = {
	[0x3b] = "\033[[A", [0x3c] = "\033[[B", [0x3d] = "\033[[C", [0x3e] = "\033[[D",
	[0x3f] = "\033[[E", [0x40] = "\033[17~", [0x41] = "\033[18~", [0x42] = "\033[19~",
	[0x43] = "\033[20~", [0x44] = "\033[21~", [0x57] = "\033[23~", [0x58] = "\033[24~",
	[0x47] = "\033[1~", [0x48] = "\033[A", [0x49] = "\033[5~",
	[0x4b] = "\033[D", [0x4d] = "\033[C",
	[0x4f] = "\033[4~", [0x50] = "\033[B", [0x51] = "\033[6~",
	[0x52] = "\033[2~", [0x53] = "\033[3~",
};
#define SEQ_FIRST 0x3b
#define SEQ_LAST  0x58
#define NAV_FIRST 0x47                 /* below it in seq_keys: function keys */

static void (*sink)(uint8_t c);      /* fixed once set */
static int shift, ctrl, alt, caps, extended;   /* the IRQ handler's own */

static void send(const char *s)
{
	while (*s && sink)
		sink((uint8_t)*s++);
}

static char kbd_translate(uint8_t sc)
{
	char c = shift ? keymap_shift[sc] : keymap[sc];
	if (sc == SC_BACKSPACE)
		return DEL;
	if (caps && c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	else if (caps && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (ctrl && c)
		c &= CTRL_MASK;
	return c;
}

/* A key went down: its bytes to the sink. */
static void key_down(uint8_t key)
{
	if (key == SC_DELETE && ctrl && alt) {
		ctrl_alt_del();
		return;
	}
	if (key >= SEQ_FIRST && key <= SEQ_LAST && seq_keys[key]) {
		bool fn = key < NAV_FIRST || key > SC_DELETE;
		if (!(fn && alt))              /* Alt-Fn switches consoles on Linux: none here */
			send(seq_keys[key]);
		return;
	}
	if (extended && key == SC_KP_SLASH) {
		send("/");
		return;
	}
	char c = key < sizeof(keymap) ? kbd_translate(key) : 0;
	if (!c || !sink)
		return;
	if (alt)
		sink(ESC);
	sink((uint8_t)c);
}

/* Alt (0x38) went down or up; 0xE0 0x38 is the right one. */
static void alt_key(int released)
{
	int bit = extended ? ALT_RIGHT : ALT_LEFT;
	alt = released ? alt & ~bit : alt | bit;
}

static void scancode(uint8_t sc)
{
	if (sc == SC_EXTENDED) {
		extended = 1;
		return;
	}
	int released = sc & SC_RELEASE;
	uint8_t key = sc & ~SC_RELEASE;
	if ((key == SC_LSHIFT || key == SC_RSHIFT) && !extended)
		shift = !released;
	else if (key == SC_CTRL)
		ctrl = !released;
	else if (key == SC_ALT)
		alt_key(released);
	else if (key == SC_CAPS && !released)
		caps = !caps;
	else if (!released)
		key_down(key);
	extended = 0;
}

static void keyboard_irq(struct trapframe *tf)
{
	(void)tf;
	while (inb(KBD_STATUS) & KBD_OUTPUT_FULL)
		scancode(inb(KBD_DATA));
}

void keyboard_init(void)
{
	while (inb(KBD_STATUS) & KBD_OUTPUT_FULL)   /* drop what the BIOS left */
		inb(KBD_DATA);
	trap_register(TRAP_IRQ_BASE + IRQ_KEYBOARD, keyboard_irq);
	pic_unmask(IRQ_KEYBOARD);
}

void keyboard_set_sink(void (*fn)(uint8_t c))
{
	sink = fn;
}
