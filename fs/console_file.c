/*
 * console_file.c - the console as a file: writes go to COM1 and VGA;
 * reads return one line typed on the keyboard or COM1 (echoed, with
 * backspace), which is the line discipline until the TTY layer lands.
 * TCGETS answers with a plausible termios so isatty() is true.
 */
#include "fs/file.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "drivers/keyboard.h"
#include "drivers/serial.h"
#include "mm/usercopy.h"
#include "proc/proc.h"

#define TCGETS      0x5401
#define TIOCGWINSZ  0x5413
#define NCCS        19
#define CONSOLE_MAJOR 5
#define CONSOLE_MINOR 1
#define S_IFCHR     0020000
#define MODE_RW     0620

/* Linux's struct termios as TCGETS fills it (asm-generic/termbits.h). */
struct linux_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[NCCS];
} __attribute__((packed));

struct linux_winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

static int console_getc(void)
{
	int c = keyboard_getc();
	if (c < 0 && serial_rx_ready(COM1_PORT))
		c = serial_getc(COM1_PORT);
	return c;
}

static long console_read(struct file *f, void *buf, size_t n)
{
	(void)f;
	char *out = buf;
	size_t got = 0;
	while (got < n) {
		int c = console_getc();
		if (c < 0) {
			sleep_ticks(1);
			continue;
		}
		if (c == '\r')
			c = '\n';
		if (c == '\b' || c == 0x7f) {
			if (got) {
				got--;
				kprintf("\b \b");
			}
			continue;
		}
		if (c == 4 && got == 0)         /* Ctrl-D on an empty line: end of file */
			break;
		console_putc((char)c);
		out[got++] = (char)c;
		if (c == '\n')
			break;
	}
	return (long)got;
}

static long console_write(struct file *f, const void *buf, size_t n)
{
	(void)f;
	const char *p = buf;
	for (size_t i = 0; i < n; i++)
		console_putc(p[i]);
	return (long)n;
}

static long console_ioctl(struct file *f, uint32_t cmd, uint32_t arg)
{
	(void)f;
	if (cmd == TCGETS) {
		/* ICRNL | IXON, OPOST | ONLCR, B38400 | CS8 | CREAD, ISIG | ICANON | ECHO... */
		struct linux_termios t = { 0x500, 0x5, 0xbf, 0x8a3b, 0, { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0 } };
		return copy_to_user(arg, &t, sizeof(t));
	}
	if (cmd == TIOCGWINSZ) {
		struct linux_winsize w = { 25, 80, 0, 0 };
		return copy_to_user(arg, &w, sizeof(w));
	}
	return -ENOTTY;
}

static int console_stat(struct file *f, struct kstat *st)
{
	(void)f;
	memset(st, 0, sizeof(*st));
	st->mode = S_IFCHR | MODE_RW;
	st->nlink = 1;
	st->rdev_major = CONSOLE_MAJOR;
	st->rdev_minor = CONSOLE_MINOR;
	st->blksize = 1024;
	return 0;
}

static const struct file_ops console_ops = {
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
	.stat = console_stat,
};

static struct file the_console = { &console_ops, NULL, 1, 0 };

struct file *console_file(void)
{
	return file_get(&the_console);
}
