/*
 * console_file.c - the console as a file: writes go to COM1 and VGA;
 * reads return one line typed on the keyboard or COM1 (echoed, with
 * backspace), which is the line discipline until the TTY layer lands.
 * TCGETS answers with a plausible termios so isatty() is true.
 */
#include "fs/chrdev.h"
#include "fs/file.h"
#include "kernel/console.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "drivers/keyboard.h"
#include "drivers/serial.h"
#include "mm/usercopy.h"
#include "kernel/wait.h"
#include "uapi/errno.h"
#include "uapi/stat.h"
#include "uapi/termios.h"

#define CONSOLE_MAJOR TTYAUX_MAJOR
#define CONSOLE_MINOR 1
#define MODE_TTY      0666            /* Linux's modes of the nodes */
#define MODE_CONSOLE  0600
#define MODE_TTYS     0660
#define DEVTMPFS_DEV_MINOR 5        /* /dev: an anonymous device (major 0), as Linux's */
#define CONSOLE_INO   6
#define MODE_RW       0620
#define CONSOLE_ROWS  25
#define CONSOLE_COLS  80
#define CTRL(c)       ((c) - '@')      /* the control character typed as Ctrl-c */
#define DEL           0x7f

/* What a Linux console's TCGETS says by default (stty -a on a fresh tty). */
static const struct termios console_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = {
		[VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = DEL, [VKILL] = CTRL('U'),
		[VEOF] = CTRL('D'), [VMIN] = 1, [VSTART] = CTRL('Q'), [VSTOP] = CTRL('S'),
		[VSUSP] = CTRL('Z'), [VREPRINT] = CTRL('R'), [VDISCARD] = CTRL('O'),
		[VWERASE] = CTRL('W'), [VLNEXT] = CTRL('V'),
	},
};

static int console_getc(void)
{
	int c = keyboard_getc();
	if (c < 0 && serial_rx_ready(COM1_PORT))
		c = serial_getc(COM1_PORT);
	return c;
}

static long console_read(struct file *f, void *buf, size_t n, unsigned io)
{
	(void)f;
	char *out = buf;
	size_t got = 0;
	while (got < n) {
		int c = console_getc();
		if (c < 0 && got == 0 && (io & IO_NONBLOCK))
			return -EAGAIN;
		if (c < 0) {
			sleep_ticks(1);           /* no interrupt-driven input yet: poll */
			continue;
		}
		if (c == '\r')
			c = '\n';
		if (c == '\b' || c == DEL) {
			if (got) {
				got--;
				kprintf("\b \b");
			}
			continue;
		}
		if (c == CTRL('D') && got == 0)         /* Ctrl-D on an empty line: end of file */
			break;
		console_putc((char)c);
		out[got++] = (char)c;
		if (c == '\n')
			break;
	}
	return (long)got;
}

static long console_write(struct file *f, const void *buf, size_t n, unsigned io)
{
	(void)f, (void)io;
	const char *p = buf;
	for (size_t i = 0; i < n; i++)
		console_putc(p[i]);
	return (long)n;
}

static long console_ioctl(struct file *f, uint32_t cmd, uint32_t arg)
{
	(void)f;
	if (cmd == TCGETS)
		return copy_to_user(USER_PTR(arg), &console_termios, sizeof(console_termios));
	if (cmd == TIOCGWINSZ) {
		struct winsize w = { CONSOLE_ROWS, CONSOLE_COLS, 0, 0 };
		return copy_to_user(USER_PTR(arg), &w, sizeof(w));
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
	st->ino = CONSOLE_INO;
	st->dev_minor = DEVTMPFS_DEV_MINOR;
	st->mtime_sec = time_boot_epoch();
	st->blksize = 1024;
	return 0;
}

static const struct file_ops console_ops = {
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
	.stat = console_stat,
};

static struct file the_console = { .ops = &console_ops, .refs = 1 };

struct file *console_file(void)
{
	return file_get(&the_console);
}

/* /dev/tty, /dev/console, /dev/ttyS0: each open a file of its own (the
 * VFS gives it the node's inode), all on the one console. */
static int console_open(uint32_t minor, uint32_t flags, struct file **out)
{
	(void)minor, (void)flags;
	*out = file_new(&console_ops, NULL);
	return *out ? 0 : -ENOMEM;
}

static const struct chrdev tty_aux_chrdev = { "/dev/tty", TTYAUX_MAJOR, 0, 2, console_open };
static const struct chrdev ttys_chrdev = { "ttyS", TTY_MAJOR, TTYS_MINOR_BASE, 1, console_open };

/* Until the TTY layer: it registers its own drivers instead (chrdev.h). */
void console_chrdev_init(void)
{
	chrdev_register(&tty_aux_chrdev);
	chrdev_register(&ttys_chrdev);
	devtmpfs_node("tty", S_IFCHR | MODE_TTY, MKDEV(TTYAUX_MAJOR, 0));
	devtmpfs_node("console", S_IFCHR | MODE_CONSOLE, MKDEV(TTYAUX_MAJOR, CONSOLE_MINOR));
	devtmpfs_node("ttyS0", S_IFCHR | MODE_TTYS, MKDEV(TTY_MAJOR, TTYS_MINOR_BASE));
}
