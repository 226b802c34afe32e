/*
 * ldisc.c - the line discipline: Linux's N_TTY rules (drivers/tty/n_tty.c)
 * for what typed bytes become on the way to read(), and what written bytes
 * become on the way to the device.
 *
 * Input: ISTRIP, IXON (^S/^Q), ISIG (^C ^\ ^Z become signals), ICRNL,
 * INLCR, IGNCR; in canonical mode erase, word erase, kill, reprint,
 * literal next, end of file, and lines ended by \n, VEOL or VEOL2; echo
 * with ECHOCTL (^C shown as two characters), ECHOE/ECHOK/ECHOKE, ECHONL.
 * Output: OPOST with ONLCR, OCRNL, ONOCR, ONLRET, OLCUC.
 *
 * Pure logic: no locks, no sleeping; the owner (tty/tty.c) serializes the
 * calls and does the waiting. That is what lets tests/unit/test_ldisc.c run
 * it on the host.
 */
#include "tty/tty.h"
#include "uapi/signal.h"

#define RING_MASK      (LDISC_BUF - 1)
#define CTRL(c)        ((c) - '@')       /* the byte Ctrl-c types */
#define DEL            0x7f
#define CTRL_TO_CARET  0x40              /* ^C is shown as '^' then 'C' (0x03 ^ 0x40) */
#define TAB_STOP_MASK  7                 /* tab stops every 8 columns */

static const struct termios sane = {
	.c_iflag = ICRNL | IXON | IMAXBEL,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = {
		[VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = DEL, [VKILL] = CTRL('U'),
		[VEOF] = CTRL('D'), [VMIN] = 1, [VSTART] = CTRL('Q'), [VSTOP] = CTRL('S'),
		[VSUSP] = CTRL('Z'), [VREPRINT] = CTRL('R'), [VDISCARD] = CTRL('O'),
		[VWERASE] = CTRL('W'), [VLNEXT] = CTRL('V'),
	},
};

enum erase_kind { ERASE_CHAR, ERASE_WORD, ERASE_LINE };

static bool lflag(const struct ldisc *l, uint32_t f) { return l->t.c_lflag & f; }
static bool iflag(const struct ldisc *l, uint32_t f) { return l->t.c_iflag & f; }
static bool oflag(const struct ldisc *l, uint32_t f) { return l->t.c_oflag & f; }
static uint16_t entry(const struct ldisc *l, uint32_t i) { return l->ring[i & RING_MASK]; }
static bool is_ctl(uint8_t c) { return c < ' ' || c == DEL; }

/* c is the control character cc[idx], which is not disabled (0). */
static bool is_cc(const struct ldisc *l, int idx, uint8_t c)
{
	return l->t.c_cc[idx] != 0 && c == l->t.c_cc[idx];
}

static bool ends_line(const struct ldisc *l, uint16_t e)
{
	return e == '\n' || is_cc(l, VEOL, (uint8_t)e) || is_cc(l, VEOL2, (uint8_t)e);
}

void ldisc_init(struct ldisc *l, const struct ldisc_ops *ops, void *owner)
{
	__builtin_memset(l, 0, sizeof(*l));   /* no 8 KiB compound literal on a kernel stack */
	l->t = sane;
	l->ops = ops;
	l->owner = owner;
}

/* ---- output ------------------------------------------------------------- */

static void emit(struct ldisc *l, const char *s, size_t n)
{
	if (n)
		l->ops->emit(l->owner, s, n);
}

/* Where the cursor goes after c, for erasing tabs and ONOCR. */
static void track_column(struct ldisc *l, uint8_t c)
{
	if (c == '\r' || (c == '\n' && oflag(l, ONLRET)))
		l->column = 0;
	else if (c == '\t')
		l->column = (l->column | TAB_STOP_MASK) + 1;
	else if (c == '\b')
		l->column -= l->column > 0;
	else if (!is_ctl(c))
		l->column++;
}

/* Whether OPOST changes c: the bytes that take out_special's slow path. */
static bool out_changes(const struct ldisc *l, uint8_t c)
{
	if (!oflag(l, OPOST))
		return false;
	return (c == '\n' && oflag(l, ONLCR)) || (c == '\r' && oflag(l, OCRNL | ONOCR)) ||
	       (oflag(l, OLCUC) && c >= 'a' && c <= 'z');
}

static void out_special(struct ldisc *l, uint8_t c)
{
	if (c == '\n' && oflag(l, ONLCR)) {
		emit(l, "\r\n", 2);
		l->column = 0;
		return;
	}
	if (c == '\r' && oflag(l, ONOCR) && l->column == 0)
		return;
	if (c == '\r' && oflag(l, OCRNL))
		c = '\n';
	if (oflag(l, OLCUC) && c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	emit(l, (const char *)&c, 1);
	track_column(l, c);
}

/* Runs of bytes OPOST leaves alone go to the device in one call. */
void ldisc_write(struct ldisc *l, const char *buf, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		uint8_t c = (uint8_t)buf[i];
		if (!out_changes(l, c)) {
			track_column(l, c);
			continue;
		}
		emit(l, buf + start, i - start);
		out_special(l, c);
		start = i + 1;
	}
	emit(l, buf + start, n - start);
}

static void out_byte(struct ldisc *l, uint8_t c)
{
	ldisc_write(l, (const char *)&c, 1);
}

/* ---- echo ----------------------------------------------------------------- */

/* How wide c was echoed: control characters as ^X under ECHOCTL. */
static uint32_t echo_width(const struct ldisc *l, uint8_t c)
{
	if (!is_ctl(c))
		return 1;
	return lflag(l, ECHOCTL) ? 2 : 0;
}

/* Show a typed byte: ^X for control characters under ECHOCTL (not tab
 * and newline, which move the cursor as they should). */
static void echo_char(struct ldisc *l, uint8_t c)
{
	if (lflag(l, ECHOCTL) && is_ctl(c) && c != '\t' && c != '\n') {
		char caret[2] = { '^', (char)(c ^ CTRL_TO_CARET) };
		ldisc_write(l, caret, 2);
		return;
	}
	out_byte(l, c);
}

/* Echo a byte joining the edited line; the line's first sets where it began. */
static void echo_line_char(struct ldisc *l, uint8_t c)
{
	if (!lflag(l, ECHO))
		return;
	if (l->head == l->canon)
		l->canon_column = l->column;
	echo_char(l, c);
}

/* ---- the ring ------------------------------------------------------------- */

static uint32_t ring_used(const struct ldisc *l) { return l->head - l->tail; }

/* Room for e: in canonical mode the last slot is kept for the line's end,
 * so that a full line can still be finished. */
static bool ring_put(struct ldisc *l, uint16_t e, bool line_end)
{
	uint32_t room = LDISC_BUF - ring_used(l);
	if (room == 0 || (room == 1 && lflag(l, ICANON) && !line_end))
		return false;
	l->ring[l->head++ & RING_MASK] = e;
	return true;
}

void ldisc_flush_input(struct ldisc *l)
{
	l->head = l->tail = l->canon = 0;
	l->lnext = false;
}

/* ---- canonical editing ---------------------------------------------------- */

/* The column where the entry at index end would start on the screen. */
static uint32_t column_at(const struct ldisc *l, uint32_t end)
{
	uint32_t col = l->canon_column;
	for (uint32_t i = l->canon; i != end; i++) {
		uint8_t c = (uint8_t)entry(l, i);
		col = c == '\t' ? (col | TAB_STOP_MASK) + 1 : col + echo_width(l, c);
	}
	return col;
}

/* Take the last byte of the edited line back off the screen. */
static void rub_out(struct ldisc *l, uint8_t c)
{
	if (!lflag(l, ECHOE)) {
		echo_char(l, l->t.c_cc[VERASE]);
		return;
	}
	uint32_t n = c == '\t' ? l->column - column_at(l, l->head) : echo_width(l, c);
	for (uint32_t i = 0; i < n; i++)
		ldisc_write(l, c == '\t' ? "\b" : "\b \b", c == '\t' ? 1 : 3);
}

/* Whether a word erase stops before c: Linux's (and BSD's ALTWERASE)
 * word is letters, digits and '_', after any other bytes at the end. */
static bool word_done(uint8_t c, bool *seen_word)
{
	bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c == '_';
	if (word)
		*seen_word = true;
	return !word && *seen_word;
}

/* A kill that cannot rub out character by character: show the kill key
 * (and a new line under ECHOK) instead. */
static bool kill_plainly(struct ldisc *l)
{
	if (lflag(l, ECHO) && lflag(l, ECHOK) && lflag(l, ECHOKE) && lflag(l, ECHOE))
		return false;
	l->head = l->canon;
	if (lflag(l, ECHO)) {
		echo_char(l, l->t.c_cc[VKILL]);
		if (lflag(l, ECHOK))
			out_byte(l, '\n');
	}
	return true;
}

static void erase(struct ldisc *l, enum erase_kind kind)
{
	bool seen_word = false;
	if (kind == ERASE_LINE && kill_plainly(l))
		return;
	while (l->head != l->canon) {
		uint8_t c = (uint8_t)entry(l, l->head - 1);
		if (kind == ERASE_WORD && word_done(c, &seen_word))
			break;
		l->head--;
		if (lflag(l, ECHO))
			rub_out(l, c);
		if (kind == ERASE_CHAR)
			break;
	}
}

/* ^R: the edited line again, on a line of its own. */
static void reprint(struct ldisc *l, uint8_t c)
{
	if (!lflag(l, ECHO))
		return;
	echo_char(l, c);
	out_byte(l, '\n');
	l->canon_column = l->column;
	for (uint32_t i = l->canon; i != l->head; i++)
		echo_char(l, (uint8_t)entry(l, i));
}

/* The end of a line (or ^D): everything up to here becomes readable. */
static void end_line(struct ldisc *l, uint16_t e)
{
	if (e != LDISC_EOF_MARK && (lflag(l, ECHO) || (e == '\n' && lflag(l, ECHONL))))
		echo_char(l, (uint8_t)e);
	if (ring_put(l, e, true))
		l->canon = l->head;
}

/* The editing keys of canonical mode: true when c was one. */
static bool canon_key(struct ldisc *l, uint8_t c)
{
	bool ext = lflag(l, IEXTEN);
	if (is_cc(l, VERASE, c))
		erase(l, ERASE_CHAR);
	else if (ext && is_cc(l, VWERASE, c))
		erase(l, ERASE_WORD);
	else if (is_cc(l, VKILL, c))
		erase(l, ERASE_LINE);
	else if (ext && is_cc(l, VREPRINT, c))
		reprint(l, c);
	else if (ext && is_cc(l, VLNEXT, c)) {
		l->lnext = true;
		if (lflag(l, ECHO) && lflag(l, ECHOCTL))
			ldisc_write(l, "^\b", 2);
	} else if (is_cc(l, VEOF, c))
		end_line(l, LDISC_EOF_MARK);
	else if (ends_line(l, c))
		end_line(l, c);
	else
		return false;
	return true;
}

/* ---- input ---------------------------------------------------------------- */

/* ^C, ^\, ^Z: flush (unless NOFLSH), show the key, signal the foreground. */
static bool signal_key(struct ldisc *l, uint8_t c)
{
	int sig = is_cc(l, VINTR, c) ? SIGINT : is_cc(l, VQUIT, c) ? SIGQUIT :
		  is_cc(l, VSUSP, c) ? SIGTSTP : 0;
	if (!sig)
		return false;
	if (!lflag(l, NOFLSH))
		ldisc_flush_input(l);
	l->stopped = false;
	if (lflag(l, ECHO))
		echo_char(l, c);
	l->ops->signal(l->owner, sig);
	return true;
}

/* ^S and ^Q under IXON: stop and restart output. */
static bool flow_key(struct ldisc *l, uint8_t c)
{
	if (!iflag(l, IXON))
		return false;
	if (is_cc(l, VSTOP, c) || is_cc(l, VSTART, c)) {
		l->stopped = is_cc(l, VSTOP, c);
		return true;
	}
	if (iflag(l, IXANY))
		l->stopped = false;            /* any key restarts, and still counts */
	return false;
}

static uint8_t translate_cr_nl(const struct ldisc *l, uint8_t c)
{
	if (c == '\r' && iflag(l, ICRNL))
		return '\n';
	if (c == '\n' && iflag(l, INLCR))
		return '\r';
	return c;
}

static void store(struct ldisc *l, uint8_t c)
{
	if (lflag(l, ICANON) && ends_line(l, c)) {
		end_line(l, c);
		return;
	}
	echo_line_char(l, c);
	if (!ring_put(l, c, false) && iflag(l, IMAXBEL))
		emit(l, "\a", 1);
}

void ldisc_receive(struct ldisc *l, uint8_t c)
{
	if (iflag(l, ISTRIP))
		c &= DEL;
	if (l->lnext) {
		l->lnext = false;
		store(l, c);
		return;
	}
	if (flow_key(l, c) || (lflag(l, ISIG) && signal_key(l, c)))
		return;
	if (c == '\r' && iflag(l, IGNCR))
		return;
	c = translate_cr_nl(l, c);
	if (lflag(l, ICANON) && canon_key(l, c))
		return;
	store(l, c);
}

/* ---- reading -------------------------------------------------------------- */

void ldisc_set_termios(struct ldisc *l, const struct termios *t)
{
	bool was_canon = lflag(l, ICANON);
	l->t = *t;
	if (was_canon && !lflag(l, ICANON))
		l->canon = l->head;               /* the edited line is input now */
	else if (!was_canon && lflag(l, ICANON))
		l->canon = l->tail;               /* what is there is being edited */
	if (!iflag(l, IXON))
		l->stopped = false;
}

uint32_t ldisc_available(const struct ldisc *l)
{
	return lflag(l, ICANON) ? l->canon - l->tail : ring_used(l);
}

bool ldisc_readable(const struct ldisc *l, uint32_t min)
{
	if (lflag(l, ICANON))
		return l->canon != l->tail;
	return ring_used(l) >= (min ? min : 1);
}

/* One line at most; ^D ends it without being part of it, and reads as end
 * of file (0 bytes) when nothing came before it. */
static size_t read_line(struct ldisc *l, char *buf, size_t n)
{
	size_t got = 0;
	while (got < n && l->tail != l->canon) {
		uint16_t e = entry(l, l->tail++);
		if (e == LDISC_EOF_MARK)
			break;
		buf[got++] = (char)e;
		if (ends_line(l, e))
			break;
	}
	return got;
}

size_t ldisc_read(struct ldisc *l, char *buf, size_t n)
{
	if (lflag(l, ICANON))
		return read_line(l, buf, n);
	size_t got = 0;
	while (got < n && l->tail != l->head) {
		uint16_t e = entry(l, l->tail++);
		if (e != LDISC_EOF_MARK)
			buf[got++] = (char)e;
	}
	return got;
}
