/*
 * vt.c - the escape-sequence interpreter of the text screen (drivers/vt.h
 * lists what it understands). A byte at a time, as Linux's console
 * (drivers/tty/vt/vt.c): plain text is written at the cursor with the
 * current attribute; the last column wraps only when the next character
 * comes (the "pending wrap" every VT100 has, which line editors count on).
 */
#include "drivers/vt.h"

enum { ST_TEXT, ST_ESC, ST_CSI };

#define ESC        0x1b
#define BEL        0x07
#define VT_TAB     8
#define BRIGHT     8                   /* VGA's intensity bit in a colour */
#define DSR_STATUS 5                   /* CSI 5 n: "are you well" */
#define DSR_CURSOR 6                   /* CSI 6 n: where is the cursor */
#define VT_ID      "\033[?6c"          /* a VT102, as Linux's console says */

/* ANSI colour n (red = 1, ...) as a VGA colour (red = 4, ...). */
static const uint8_t ansi_to_vga[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

static uint16_t blank(const struct vt *vt) { return (uint16_t)(vt->attr << 8) | ' '; }
static uint16_t *at(struct vt *vt, int r, int c) { return &vt->cells[r * vt->cols + c]; }
static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

static void fill(struct vt *vt, int from, int to)        /* cells [from, to) */
{
	for (int i = from; i < to; i++)
		vt->cells[i] = blank(vt);
}

/* The VGA attribute: background in the high nibble (its top bit would
 * blink, so a background stays dark), foreground low; reverse swaps them. */
static void update_attr(struct vt *vt)
{
	uint8_t fg = vt->fg | (vt->bold ? BRIGHT : 0), bg = vt->bg & (BRIGHT - 1);
	if (vt->reverse)
		vt->attr = (uint8_t)((fg & (BRIGHT - 1)) << 4 | bg);
	else
		vt->attr = (uint8_t)(bg << 4 | fg);
}

static void reset(struct vt *vt)
{
	vt->row = vt->col = vt->saved_row = vt->saved_col = 0;
	vt->top = 0;
	vt->bottom = vt->rows - 1;
	vt->fg = VT_DEFAULT_ATTR & 0xf;
	vt->bg = VT_DEFAULT_ATTR >> 4;
	vt->bold = vt->reverse = 0;
	vt->state = ST_TEXT;
	vt->wrap_pending = 0;
	update_attr(vt);
}

void vt_init(struct vt *vt, uint16_t *cells, int rows, int cols)
{
	vt->cells = cells;
	vt->rows = rows;
	vt->cols = cols;
	vt->reply_len = 0;
	reset(vt);
	fill(vt, 0, rows * cols);
}

/* ---- scrolling ------------------------------------------------------------ */

/* Move rows [from, bottom] up by n inside the region; blank the freed ones. */
static void scroll_up(struct vt *vt, int from, int n)
{
	int bottom = vt->bottom;
	n = clamp(n, 0, bottom - from + 1);
	for (int r = from; r + n <= bottom; r++)
		for (int c = 0; c < vt->cols; c++)
			*at(vt, r, c) = *at(vt, r + n, c);
	fill(vt, (bottom - n + 1) * vt->cols, (bottom + 1) * vt->cols);
}

/* Move rows [from, bottom - n] down by n; blank rows [from, from + n). */
static void scroll_down(struct vt *vt, int from, int n)
{
	int bottom = vt->bottom;
	n = clamp(n, 0, bottom - from + 1);
	for (int r = bottom; r - n >= from; r--)
		for (int c = 0; c < vt->cols; c++)
			*at(vt, r, c) = *at(vt, r - n, c);
	fill(vt, from * vt->cols, (from + n) * vt->cols);
}

static void line_feed(struct vt *vt)
{
	if (vt->row == vt->bottom)
		scroll_up(vt, vt->top, 1);
	else if (vt->row < vt->rows - 1)
		vt->row++;
}

static void reverse_index(struct vt *vt)
{
	if (vt->row == vt->top)
		scroll_down(vt, vt->top, 1);
	else if (vt->row > 0)
		vt->row--;
}

/* ---- text ----------------------------------------------------------------- */

static void put_text(struct vt *vt, uint8_t c)
{
	if (vt->wrap_pending) {
		vt->col = 0;
		line_feed(vt);
		vt->wrap_pending = 0;
	}
	*at(vt, vt->row, vt->col) = (uint16_t)(vt->attr << 8) | c;
	if (vt->col == vt->cols - 1)
		vt->wrap_pending = 1;
	else
		vt->col++;
}

static void move_to(struct vt *vt, int row, int col)
{
	vt->row = clamp(row, 0, vt->rows - 1);
	vt->col = clamp(col, 0, vt->cols - 1);
	vt->wrap_pending = 0;
}

static void control(struct vt *vt, uint8_t c)
{
	switch (c) {
	case '\b': move_to(vt, vt->row, vt->col - 1); break;
	case '\t': move_to(vt, vt->row, (vt->col | (VT_TAB - 1)) + 1); break;
	case '\n': case '\v': case '\f': vt->wrap_pending = 0; line_feed(vt); break;
	case '\r': move_to(vt, vt->row, 0); break;
	case ESC: vt->state = ST_ESC; break;
	default: break;                    /* BEL and the rest: nothing to show */
	}
}

/* ---- CSI sequences --------------------------------------------------------- */

/* Parameter i, or def when absent or 0 (as counts and positions are). */
static int param(const struct vt *vt, int i, int def)
{
	return i < vt->nparams && vt->params[i] ? vt->params[i] : def;
}

static void erase_display(struct vt *vt, int how)
{
	int here = vt->row * vt->cols + vt->col, end = vt->rows * vt->cols;
	if (how == 0)
		fill(vt, here, end);
	else if (how == 1)
		fill(vt, 0, here + 1);
	else
		fill(vt, 0, end);
}

static void erase_line(struct vt *vt, int how)
{
	int start = vt->row * vt->cols, here = start + vt->col;
	if (how == 0)
		fill(vt, here, start + vt->cols);
	else if (how == 1)
		fill(vt, start, here + 1);
	else
		fill(vt, start, start + vt->cols);
}

/* Insert (n > 0) or delete (n < 0) characters at the cursor in its line. */
static void shift_chars(struct vt *vt, int n)
{
	int cols = vt->cols, c0 = vt->col;
	uint16_t *line = at(vt, vt->row, 0);
	if (n > 0) {
		n = clamp(n, 0, cols - c0);
		for (int c = cols - 1; c >= c0 + n; c--)
			line[c] = line[c - n];
		for (int c = c0; c < c0 + n; c++)
			line[c] = blank(vt);
	} else {
		n = clamp(-n, 0, cols - c0);
		for (int c = c0; c + n < cols; c++)
			line[c] = line[c + n];
		for (int c = cols - n; c < cols; c++)
			line[c] = blank(vt);
	}
}

static void sgr_one(struct vt *vt, int p)
{
	if (p == 0) {
		vt->fg = VT_DEFAULT_ATTR & 0xf;
		vt->bg = VT_DEFAULT_ATTR >> 4;
		vt->bold = vt->reverse = 0;
	} else if (p == 1)
		vt->bold = 1;
	else if (p == 2 || p == 22)
		vt->bold = 0;
	else if (p == 7)
		vt->reverse = 1;
	else if (p == 27)
		vt->reverse = 0;
	else if (p >= 30 && p <= 37)
		vt->fg = ansi_to_vga[p - 30];
	else if (p == 39)
		vt->fg = VT_DEFAULT_ATTR & 0xf;
	else if (p >= 40 && p <= 47)
		vt->bg = ansi_to_vga[p - 40];
	else if (p == 49)
		vt->bg = VT_DEFAULT_ATTR >> 4;
	else if (p >= 90 && p <= 97)
		vt->fg = ansi_to_vga[p - 90] | BRIGHT;
	else if (p >= 100 && p <= 107)
		vt->bg = ansi_to_vga[p - 100];
	/* 4, 5, 24, 25 (underline, blink): VGA text has no good way; ignored */
}

static void sgr(struct vt *vt)
{
	if (vt->nparams == 0)
		sgr_one(vt, 0);
	for (int i = 0; i < vt->nparams; i++)
		sgr_one(vt, vt->params[i]);
	update_attr(vt);
}

static void set_region(struct vt *vt)
{
	int top = param(vt, 0, 1) - 1, bottom = param(vt, 1, vt->rows) - 1;
	if (top >= bottom || bottom >= vt->rows)
		return;
	vt->top = top;
	vt->bottom = bottom;
	move_to(vt, 0, 0);
}

/* Lines inserted or deleted at the cursor: only inside the region. */
static void shift_lines(struct vt *vt, int n)
{
	if (vt->row < vt->top || vt->row > vt->bottom)
		return;
	if (n > 0)
		scroll_down(vt, vt->row, n);
	else
		scroll_up(vt, vt->row, -n);
	vt->col = 0;
}

/* An answer to a query, after those not yet taken (dropped when full). */
static void reply(struct vt *vt, const char *s)
{
	int n = 0;
	while (s[n])
		n++;
	if (vt->reply_len + n > VT_REPLY_MAX)
		return;
	for (int i = 0; i < n; i++)
		vt->reply[vt->reply_len++] = s[i];
}

/* v in decimal at out: the end. */
static char *put_decimal(char *out, int v)
{
	char digits[12];
	int n = 0;
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (n > 0)
		*out++ = digits[--n];
	return out;
}

/* CSI 6 n: ESC [ row ; col R, counted from 1 (Linux's cursor_report). */
static void cursor_report(struct vt *vt)
{
	char s[VT_REPLY_MAX], *p = s;
	*p++ = '\033';
	*p++ = '[';
	p = put_decimal(p, vt->row + 1);
	*p++ = ';';
	p = put_decimal(p, vt->col + 1);
	*p++ = 'R';
	*p = '\0';
	reply(vt, s);
}

static void device_status(struct vt *vt, int what)
{
	if (what == DSR_STATUS)
		reply(vt, "\033[0n");
	else if (what == DSR_CURSOR)
		cursor_report(vt);
}

static void csi_final(struct vt *vt, uint8_t c)
{
	int n = param(vt, 0, 1);
	if (vt->private_mark)
		return;                         /* ?25l and friends: modes we do not keep */
	switch (c) {
	case 'A': move_to(vt, vt->row - n, vt->col); break;
	case 'B': move_to(vt, vt->row + n, vt->col); break;
	case 'C': move_to(vt, vt->row, vt->col + n); break;
	case 'D': move_to(vt, vt->row, vt->col - n); break;
	case 'E': move_to(vt, vt->row + n, 0); break;
	case 'F': move_to(vt, vt->row - n, 0); break;
	case 'G': case '`': move_to(vt, vt->row, n - 1); break;
	case 'd': move_to(vt, n - 1, vt->col); break;
	case 'H': case 'f': move_to(vt, n - 1, param(vt, 1, 1) - 1); break;
	case 'J': erase_display(vt, param(vt, 0, 0)); break;
	case 'K': erase_line(vt, param(vt, 0, 0)); break;
	case 'L': shift_lines(vt, n); break;
	case 'M': shift_lines(vt, -n); break;
	case '@': shift_chars(vt, n); break;
	case 'P': shift_chars(vt, -n); break;
	case 'X': fill(vt, vt->row * vt->cols + vt->col, vt->row * vt->cols + clamp(vt->col + n, 0, vt->cols)); break;
	case 'm': sgr(vt); break;
	case 'r': set_region(vt); break;
	case 's': vt->saved_row = vt->row; vt->saved_col = vt->col; break;
	case 'u': move_to(vt, vt->saved_row, vt->saved_col); break;
	case 'n': device_status(vt, param(vt, 0, 0)); break;
	case 'c': if (param(vt, 0, 0) == 0) reply(vt, VT_ID); break;
	default: break;
	}
}

static void csi_byte(struct vt *vt, uint8_t c)
{
	if (c >= '0' && c <= '9') {
		if (vt->nparams == 0)
			vt->nparams = 1;
		int *p = &vt->params[vt->nparams - 1];
		if (*p < 10000)
			*p = *p * 10 + (c - '0');
	} else if (c == ';') {
		if (vt->nparams == 0)
			vt->nparams = 1;
		if (vt->nparams < VT_MAX_PARAMS)
			vt->params[vt->nparams++] = 0;
	} else if (c == '?' || c == '>' || c == '=') {
		vt->private_mark = (char)c;
	} else if (c >= 0x40 && c <= 0x7e) {
		csi_final(vt, c);
		vt->state = ST_TEXT;
	} else if (c < ' ') {
		control(vt, c);                   /* controls act inside a sequence, as on a VT100 */
	}
}

static void esc_byte(struct vt *vt, uint8_t c)
{
	vt->state = ST_TEXT;
	switch (c) {
	case '[':
		vt->state = ST_CSI;
		vt->nparams = 0;
		vt->private_mark = 0;
		for (int i = 0; i < VT_MAX_PARAMS; i++)
			vt->params[i] = 0;
		break;
	case '7': vt->saved_row = vt->row; vt->saved_col = vt->col; break;
	case '8': move_to(vt, vt->saved_row, vt->saved_col); break;
	case 'M': reverse_index(vt); break;
	case 'D': line_feed(vt); break;
	case 'E': move_to(vt, vt->row, 0); line_feed(vt); break;
	case 'c': reset(vt); fill(vt, 0, vt->rows * vt->cols); break;
	case 'Z': reply(vt, VT_ID); break;     /* DECID */
	default: break;
	}
}

void vt_putc(struct vt *vt, uint8_t c)
{
	if (vt->state == ST_ESC)
		esc_byte(vt, c);
	else if (vt->state == ST_CSI)
		csi_byte(vt, c);
	else if (c < ' ' || c == 0x7f)
		control(vt, c);
	else
		put_text(vt, c);
}
