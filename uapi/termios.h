/*
 * termios.h - terminal ioctls and structures (Linux: asm-generic/ioctls.h,
 * asm-generic/termbits.h, asm-generic/termbits-common.h).
 */
#ifndef UAPI_TERMIOS_H
#define UAPI_TERMIOS_H

#include <stdint.h>

/* ioctl numbers (asm-generic/ioctls.h) */
#define TCGETS      0x5401
#define TCSETS      0x5402
#define TCSETSW     0x5403          /* after the output has drained */
#define TCSETSF     0x5404          /* after draining, and flush the input */
#define TCSBRK      0x5409
#define TCXONC      0x540A
#define TCFLSH      0x540B
#define TIOCSCTTY   0x540E
#define TIOCGPGRP   0x540F
#define TIOCSPGRP   0x5410
#define TIOCOUTQ    0x5411
#define TIOCSTI     0x5412
#define TIOCGWINSZ  0x5413
#define TIOCSWINSZ  0x5414
#define FIONREAD    0x541B          /* TIOCINQ */
#define FIONBIO     0x5421
#define TIOCNOTTY   0x5422
#define TIOCGSID    0x5429
#define TIOCGPTN    0x80045430      /* _IOR('T', 0x30, unsigned int) */
#define TIOCSPTLCK  0x40045431      /* _IOW('T', 0x31, int) */

/* TCFLSH arguments */
#define TCIFLUSH    0
#define TCOFLUSH    1
#define TCIOFLUSH   2
/* TCXONC arguments */
#define TCOOFF      0
#define TCOON       1
#define TCIOFF      2
#define TCION       3

#define NCCS        19

/* c_iflag */
#define IGNBRK  0000001
#define BRKINT  0000002
#define IGNPAR  0000004
#define ISTRIP  0000040
#define INLCR   0000100
#define IGNCR   0000200
#define ICRNL   0000400
#define IUCLC   0001000
#define IXON    0002000
#define IXANY   0004000
#define IXOFF   0010000
#define IMAXBEL 0020000
#define IUTF8   0040000
/* c_oflag */
#define OPOST   0000001
#define OLCUC   0000002
#define ONLCR   0000004
#define OCRNL   0000010
#define ONOCR   0000020
#define ONLRET  0000040
/* c_cflag */
#define CBAUD   0010017
#define B9600   0000015
#define B38400  0000017
#define B115200 0010002
#define CSIZE   0000060
#define CS8     0000060
#define CREAD   0000200
#define HUPCL   0002000
#define CLOCAL  0004000
/* c_lflag */
#define ISIG    0000001
#define ICANON  0000002
#define ECHO    0000010
#define ECHOE   0000020
#define ECHOK   0000040
#define ECHONL  0000100
#define NOFLSH  0000200
#define TOSTOP  0000400
#define ECHOCTL 0001000
#define ECHOPRT 0002000
#define ECHOKE  0004000
#define FLUSHO  0010000
#define PENDIN  0040000
#define IEXTEN  0100000

/* c_cc indexes */
#define VINTR    0
#define VQUIT    1
#define VERASE   2
#define VKILL    3
#define VEOF     4
#define VTIME    5
#define VMIN     6
#define VSWTC    7
#define VSTART   8
#define VSTOP    9
#define VSUSP    10
#define VEOL     11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE  14
#define VLNEXT   15
#define VEOL2    16

/* The kernel's struct termios, as TCGETS fills it (not glibc's, which is longer). */
struct termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[NCCS];
} __attribute__((packed));
_Static_assert(sizeof(struct termios) == 36, "struct termios is 36 bytes");

struct winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};
_Static_assert(sizeof(struct winsize) == 8, "struct winsize is 8 bytes");

#endif
