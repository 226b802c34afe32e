/*
 * vt.h - a text screen that understands the escape sequences of a VT100 /
 * Linux console subset: what busybox's line editor, vi, top and less emit.
 * Pure logic over an array of cells (character + colour attribute, the VGA
 * text layout), so the host unit tests (tests/unit/test_vt.c) drive it
 * exactly as the VGA driver does.
 *
 * Understood: BS, HT, LF (also VT, FF), CR, BEL (ignored); ESC 7 / ESC 8
 * (save and restore the cursor), ESC M (reverse index), ESC c (reset);
 * CSI n A/B/C/D (cursor moves), CSI r;c H and f, CSI c G, CSI r d, CSI n J
 * and n K (erase), CSI n L / M (insert, delete lines), CSI n @ / P / X
 * (insert, delete, erase characters), CSI n m (SGR: 0 1 2 4 5 7 22 24 25
 * 27 30-37 39 40-47 49 90-97 100-107), CSI t;b r (scrolling region), CSI s /
 * u; the private CSI ? ... h/l modes are accepted and ignored. Anything
 * else is dropped whole, never shown as text.
 *
 * Queries are answered as Linux's console answers them: CSI 6 n (cursor
 * position) with ESC [ row ; col R, CSI 5 n (status) with ESC [ 0 n, CSI c
 * and ESC Z (identify) with ESC [ ? 6 c. The answer waits in reply for the
 * caller, who hands it to the terminal as typed input (busybox's line
 * editor asks where the prompt left the cursor; `resize` asks the size).
 */
#ifndef DRIVERS_VT_H
#define DRIVERS_VT_H

#include <stdint.h>

#define VT_MAX_PARAMS 8
#define VT_DEFAULT_ATTR 0x07           /* light grey on black */
#define VT_REPLY_MAX    32             /* answers not yet taken: two cursor reports */

struct vt {
	uint16_t *cells;                   /* rows * cols, attribute << 8 | character */
	int rows, cols;
	int row, col;                      /* the cursor */
	int saved_row, saved_col;
	int top, bottom;                   /* the scrolling region, rows [top, bottom] */
	uint8_t attr;                      /* what new characters get */
	uint8_t fg, bg;                    /* SGR colours (VGA numbers) */
	uint8_t bold, reverse;
	int state;                         /* the escape parser's (vt.c) */
	int params[VT_MAX_PARAMS], nparams;
	char private_mark;                 /* '?' in CSI ? 25 l */
	int wrap_pending;                  /* the last column was written: wrap on the next */
	char reply[VT_REPLY_MAX];          /* answers to queries, for the caller to take */
	int reply_len;                     /* the caller empties it (sets 0) */
};

void vt_init(struct vt *vt, uint16_t *cells, int rows, int cols);
void vt_putc(struct vt *vt, uint8_t c);

#endif
