/*
 * console.c - the system's terminals: COM1 (ttyS0), and the VGA screen
 * with the PS/2 keyboard (tty1). The first program's standard files are
 * COM1's (console_file): that is where `make run` and the tests talk to
 * the system; /etc/inittab starts a second shell on tty1.
 *
 * COM1 input is interrupt-driven: IRQ 4 fires for each received byte,
 * and its handler feeds the byte to the terminal, which echoes at once.
 * The keyboard's IRQ 1 handler does the same for tty1 (drivers/keyboard.c
 * makes the bytes, escape sequences for the cursor keys included). Output
 * is the UART's polled write, and the screen's escape-sequence interpreter
 * (drivers/vt.c), whose answers to queries (a cursor report) come back as
 * tty1's input. Kernel messages (kprintf) still go to COM1 and the
 * screen directly, around the terminals.
 */
#include "tty/tty.h"
#include "drivers/keyboard.h"
#include "drivers/pic.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "fs/chrdev.h"
#include "fs/file.h"
#include "kernel/panic.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

#define TTY1_MINOR         1            /* Linux's: tty1 is 4:1, ttyS0 4:64 */
#define TTY_AUX_TTY        0            /* 5:0 /dev/tty, 5:1 /dev/console */
#define TTY_AUX_CONSOLE    1
#define MODE_TTY_ANY       0666         /* Linux's modes of the nodes */
#define MODE_CONSOLE       0600
#define MODE_TTYS          0600         /* devtmpfs gives ttyS0 crw------- (Linux 6.1) */
#define MODE_VT            0620
#define SERIAL_ROWS        24           /* what a terminal emulator shows by default */
#define SERIAL_COLS        80

struct tty *tty_serial;
struct tty *tty_vga;

static void serial_tty_write(struct tty *tty, const char *s, size_t n)
{
	(void)tty;
	for (size_t i = 0; i < n; i++)
		serial_putc(COM1_PORT, s[i]);
}

static const struct tty_driver serial_driver = {
	.name = "ttyS0", .major = TTY_MAJOR, .minor = TTYS_MINOR_BASE, .write = serial_tty_write,
};

static void vga_tty_write(struct tty *tty, const char *s, size_t n)
{
	(void)tty;
	vga_write(s, (unsigned)n);
}

static size_t vga_tty_reply(struct tty *tty, char *buf, size_t n)
{
	(void)tty;
	return vga_take_reply(buf, (unsigned)n);
}

static const struct tty_driver vga_driver = {
	.name = "tty1", .major = TTY_MAJOR, .minor = TTY1_MINOR, .write = vga_tty_write,
	.take_reply = vga_tty_reply,
};

static void keyboard_byte(uint8_t c)
{
	tty_receive(tty_vga, c);
}

static void com1_irq(struct trapframe *tf)
{
	(void)tf;
	while (serial_rx_ready(COM1_PORT))
		tty_receive(tty_serial, (uint8_t)serial_getc(COM1_PORT));
}

void tty_console_init(void)
{
	tty_serial = tty_create(&serial_driver, NULL, SERIAL_ROWS, SERIAL_COLS);
	tty_vga = tty_create(&vga_driver, NULL, (uint16_t)vga_rows(), (uint16_t)vga_cols());
	if (!tty_serial || !tty_vga)
		panic("tty: no memory for the consoles");
	keyboard_set_sink(keyboard_byte);
	while (serial_rx_ready(COM1_PORT))      /* what came before anyone listened */
		serial_getc(COM1_PORT);
	trap_register(TRAP_IRQ_BASE + IRQ_COM1, com1_irq);
	serial_enable_rx_irq(COM1_PORT);
	pic_unmask(IRQ_COM1);
}

struct file *console_file(void)
{
	struct file *f = NULL;
	if (tty_open_file(tty_serial, O_RDWR | O_NOCTTY, &f))
		panic("tty: no memory for a console file");
	return f;
}

/* ---- the device nodes ------------------------------------------------- */

/* /dev/tty is the caller's controlling terminal; /dev/console is COM1 and
 * never becomes one (as on Linux: a shell there asks with TIOCSCTTY). */
static int tty_aux_open(uint32_t minor, uint32_t flags, struct file **out)
{
	if (minor == TTY_AUX_CONSOLE)
		return tty_open_file(tty_serial, flags | O_NOCTTY, out);
	struct tty *tty = tty_current();
	return tty ? tty_open_file(tty, flags | O_NOCTTY, out) : -ENXIO;
}

/* tty0 (the current virtual console) and tty1: the one screen. */
static int vt_open(uint32_t minor, uint32_t flags, struct file **out)
{
	(void)minor;
	return tty_open_file(tty_vga, flags, out);
}

static int serial_open(uint32_t minor, uint32_t flags, struct file **out)
{
	(void)minor;
	return tty_open_file(tty_serial, flags, out);
}

static const struct chrdev tty_aux_chrdev = { "/dev/tty", TTYAUX_MAJOR, TTY_AUX_TTY, 2, tty_aux_open };
static const struct chrdev vt_chrdev = { "tty", TTY_MAJOR, 0, 2, vt_open };
static const struct chrdev serial_chrdev = { "ttyS", TTY_MAJOR, TTYS_MINOR_BASE, 1, serial_open };

void console_chrdev_init(void)
{
	chrdev_register(&tty_aux_chrdev);
	chrdev_register(&vt_chrdev);
	chrdev_register(&serial_chrdev);
	devtmpfs_node("tty", S_IFCHR | MODE_TTY_ANY, MKDEV(TTYAUX_MAJOR, TTY_AUX_TTY));
	devtmpfs_node("console", S_IFCHR | MODE_CONSOLE, MKDEV(TTYAUX_MAJOR, TTY_AUX_CONSOLE));
	devtmpfs_node("tty0", S_IFCHR | MODE_VT, MKDEV(TTY_MAJOR, 0));
	devtmpfs_node("tty1", S_IFCHR | MODE_VT, MKDEV(TTY_MAJOR, TTY1_MINOR));
	devtmpfs_node("ttyS0", S_IFCHR | MODE_TTYS, MKDEV(TTY_MAJOR, TTYS_MINOR_BASE));
	pty_chrdev_init();
}
