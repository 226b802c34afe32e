/*
 * tty.h - terminals: the contract of tty/ for drivers and the rest of the
 * kernel (docs/tty.md).
 *
 * A terminal (struct tty) joins three things:
 *  - a driver that moves bytes to and from a device: the COM1 UART
 *    (tty/serial_tty.c), the VGA screen with the PS/2 keyboard
 *    (tty/vga_tty.c); it hands every received byte to tty_receive, from
 *    its interrupt handler, and gets output through its write op;
 *  - the line discipline (struct ldisc, tty/ldisc.c): Linux's N_TTY
 *    rules for turning typed bytes into what read() returns (canonical
 *    editing, echo, ISIG) and written bytes into what the device gets
 *    (OPOST). It is pure logic, unit-tested on the host (tests/unit);
 *  - job control (tty/tty_job.c): the session the terminal controls and
 *    its foreground process group; background reads and writes, ^C/^Z/^\.
 *
 * The ldisc part of this header is all a host unit test includes: it
 * needs nothing but uapi/termios.h.
 */
#ifndef TTY_TTY_H
#define TTY_TTY_H

#include "uapi/termios.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the line discipline (tty/ldisc.c) ---------------------------------- */

#define LDISC_BUF      4096            /* input ring, a power of two (Linux's N_TTY_BUF_SIZE) */
#define LDISC_EOF_MARK 0x100           /* an entry of the ring that is ^D, not a byte */

/*
 * What the discipline does to the outside world, through its owner: emit
 * bytes to the device (echo, and output after OPOST), and send a signal to
 * the foreground process group (ISIG).
 */
struct ldisc_ops {
	void (*emit)(void *owner, const char *s, size_t n);
	void (*signal)(void *owner, int sig);
};

/*
 * The state of one terminal's discipline. Its owner serializes every call
 * (the tty's lock: input comes from an interrupt handler).
 * The ring holds typed entries in [tail, head): bytes, and ^D as
 * LDISC_EOF_MARK. In canonical mode [tail, canon) are complete lines, ready
 * to read, and [canon, head) is the line being edited.
 */
struct ldisc {
	struct termios t;
	uint16_t ring[LDISC_BUF];
	uint32_t head, tail, canon;        /* free-running indexes into ring */
	uint32_t column;                   /* the output column, for erasing tabs */
	uint32_t canon_column;             /* the column where the edited line began */
	bool lnext;                        /* the next byte is literal (^V) */
	bool stopped;                      /* output stopped by ^S (IXON) */
	const struct ldisc_ops *ops;
	void *owner;
};

/* Linux's defaults for a fresh terminal (stty sane). */
void ldisc_init(struct ldisc *l, const struct ldisc_ops *ops, void *owner);
/* New settings (TCSETS*): leaving canonical mode makes the line being
 * edited readable. */
void ldisc_set_termios(struct ldisc *l, const struct termios *t);
/* One byte typed on the device. */
void ldisc_receive(struct ldisc *l, uint8_t c);
/* Whether read() can return now, wanting at least min bytes outside
 * canonical mode (VMIN), and how many bytes are there for FIONREAD. */
bool ldisc_readable(const struct ldisc *l, uint32_t min);
uint32_t ldisc_available(const struct ldisc *l);
/* Move what is ready into buf (at most n): one line in canonical mode
 * (an end of file reads as 0 bytes, once), else what is there. */
size_t ldisc_read(struct ldisc *l, char *buf, size_t n);
/* Write buf through OPOST to the device. */
void ldisc_write(struct ldisc *l, const char *buf, size_t n);
/* Throw away the input (TCFLSH, TCSETSF, a signal key without NOFLSH). */
void ldisc_flush_input(struct ldisc *l);

#ifndef HOST_TEST
/* ---- terminals (tty/tty.c, tty/tty_ioctl.c, tty/tty_job.c) ------------- */
#include "kernel/spinlock.h"
#include "kernel/wait.h"

struct file;
struct tty;

struct tty_driver {
	const char *name;                  /* "ttyS0", "tty1" */
	uint32_t major, minor;             /* what stat reports as the device */
	/* Put bytes on the device; any context, interrupts off. */
	void (*write)(struct tty *tty, const char *s, size_t n);
	/* How many bytes write takes now (NULL: any number; a pty's ring
	 * fills). The tty's lock is held. */
	size_t (*write_room)(struct tty *tty);
	/* The last open file on the terminal was closed (NULL: nothing to do). */
	void (*last_close)(struct tty *tty);
	/* What the device answered to queries in the output (a screen's
	 * cursor report), into buf (at most n): the count. The lock is not
	 * held: the answer is then typed (NULL: the device never answers). */
	size_t (*take_reply)(struct tty *tty, char *buf, size_t n);
};

struct tty {
	const struct tty_driver *driver;   /* fixed */
	void *driver_data;                 /* fixed: the driver's own */
	struct spinlock lock;
	/* lock guards all below (the receive side runs in interrupt handlers) */
	struct ldisc ld;
	struct winsize ws;
	int session;                       /* the session it controls (its leader's pid); 0: none */
	int pgrp;                          /* the foreground process group */
	uint32_t open_files;               /* files open on it (tty_open_file) */
	bool hungup;                       /* its other end is gone: reads 0, writes EIO */
	struct wait_queue readable;        /* readers waiting for input */
	struct wait_queue writable;        /* writers waiting for ^Q (output stopped) */
};

#define TTY_MAX 8                      /* terminals, all kinds together */

/* A new terminal over driver (NULL when out of memory); rows x cols is
 * its first window size. */
struct tty *tty_create(const struct tty_driver *driver, void *driver_data,
		       uint16_t rows, uint16_t cols);
/* Forget a terminal nobody has open any more (a pty's slave). */
void tty_destroy(struct tty *tty);
/* The other end went away (a pty's master closed): the session leader
 * and the foreground group get SIGHUP and SIGCONT, the session lets go, readers see end of file
 * and writers EIO from now on. */
void tty_hangup(struct tty *tty);
/* Files open on tty (the tty's lock held, or interrupts off). */
uint32_t tty_open_count(struct tty *tty);
/* A byte arrived (the driver's interrupt handler). */
void tty_receive(struct tty *tty, uint8_t c);
/* A new open file on tty (the device's open, O_* flags): a session leader
 * without a terminal gets this one as its controlling terminal unless
 * O_NOCTTY. 0 or -ENOMEM. */
int tty_open_file(struct tty *tty, uint32_t flags, struct file **out);
/* The controlling terminal of the current process's session, or NULL:
 * what /dev/tty opens. */
struct tty *tty_current(void);
/* The terminal behind f, or NULL when f is not one. */
struct tty *tty_of_file(struct file *f);

/* ioctl on a terminal (tty/tty_ioctl.c): -ENOTTY for what it does not know. */
long tty_ioctl(struct tty *tty, uint32_t cmd, uint32_t arg);

/* Job control (tty/tty_job.c). */
/* Whether the current process may read (SIGTTIN) or write (SIGTTOU) tty
 * now: 0; -EIO (orphaned group, or reading with SIGTTIN ignored); or
 * -ERESTARTSYS after signalling its group, as Linux's tty_check_change. */
int tty_job_check(struct tty *tty, int sig);
/* Whether tty is the current process's controlling terminal (lock held). */
bool tty_is_ctty(struct tty *tty);
/* The session ioctls: TIOCSCTTY, TIOCNOTTY, TIOCGPGRP, TIOCSPGRP, TIOCGSID. */
long tty_job_ioctl(struct tty *tty, uint32_t cmd, uint32_t arg);
/* TIOCGPGRP and TIOCGSID asked through a pty's master: tty's (the
 * slave's), whoever asks; TIOCGSID is -ENOTTY when no session has it. */
long tty_job_peek(struct tty *tty, uint32_t cmd, uint32_t arg);
/* Send sig to tty's foreground group, if any (lock held; any context). */
void tty_signal_fg(struct tty *tty, int sig);
/* Send sig to the leader of the session tty controls, if any (lock held). */
void tty_signal_leader(struct tty *tty, int sig);
/* The leader of session sid is ending (proc/process.c): the foreground
 * group of the terminal it controls hears SIGHUP; the terminal is free. */
void tty_session_leader_exit(int sid);

/* Pseudo-terminals (tty/pty.c): /dev/ptmx and /dev/pts/N. */
void pty_chrdev_init(void);

/* The system's terminals (tty/console.c): COM1, and the VGA screen with
 * the keyboard. NULL until tty_console_init. */
extern struct tty *tty_serial;
extern struct tty *tty_vga;
void tty_console_init(void);
#endif

#endif
