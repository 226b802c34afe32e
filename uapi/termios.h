/*
 * termios.h - terminal ioctls and structures (Linux: asm-generic/ioctls.h,
 * asm-generic/termbits.h).
 */
#ifndef UAPI_TERMIOS_H
#define UAPI_TERMIOS_H

#include <stdint.h>

#define TCGETS      0x5401
#define TIOCGWINSZ  0x5413

#define NCCS        19

/* c_iflag */
#define ICRNL   0000400
#define IXON    0002000
/* c_oflag */
#define OPOST   0000001
#define ONLCR   0000004
/* c_cflag */
#define B38400  0000017
#define CS8     0000060
#define CREAD   0000200
/* c_lflag */
#define ISIG    0000001
#define ICANON  0000002
#define ECHO    0000010
#define ECHOE   0000020
#define ECHOK   0000040
#define ECHOCTL 0001000
#define ECHOKE  0004000
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

#endif
