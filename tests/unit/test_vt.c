/*
 * test_vt.c - host unit tests for the screen's escape-sequence interpreter
 * (drivers/vt.c) on a small 10x4 screen: text, pending wrap, scrolling,
 * the cursor moves and erases busybox's line editor, vi and top send,
 * colours, and sequences that must never show up as text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "drivers/vt.h"

#define ROWS 4
#define COLS 10

static uint16_t cells[ROWS * COLS];
static struct vt vt;

static int setup(void **state)
{
	(void)state;
	vt_init(&vt, cells, ROWS, COLS);
	return 0;
}

static void out(const char *s)
{
	while (*s)
		vt_putc(&vt, (uint8_t)*s++);
}

/* Row r as text, trailing blanks cut. */
static const char *row(int r)
{
	static char line[COLS + 1];
	for (int c = 0; c < COLS; c++)
		line[c] = (char)(cells[r * COLS + c] & 0xff);
	line[COLS] = '\0';
	for (int c = COLS - 1; c >= 0 && line[c] == ' '; c--)
		line[c] = '\0';
	return line;
}

static void test_text_and_newlines(void **state)
{
	(void)state;
	out("ab\r\ncd");
	assert_string_equal(row(0), "ab");
	assert_string_equal(row(1), "cd");
	assert_int_equal(vt.row, 1);
	assert_int_equal(vt.col, 2);
}

static void test_last_column_wraps_only_on_the_next_character(void **state)
{
	(void)state;
	out("0123456789");
	assert_int_equal(vt.row, 0);               /* pending: still on row 0 */
	out("\r");
	assert_int_equal(vt.row, 0);               /* CR cancels the wrap */
	out("0123456789x");
	assert_string_equal(row(1), "x");
}

static void test_line_feed_at_the_bottom_scrolls(void **state)
{
	(void)state;
	out("1\r\n2\r\n3\r\n4\r\n5");
	assert_string_equal(row(0), "2");
	assert_string_equal(row(3), "5");
}

static void test_cursor_position_and_moves(void **state)
{
	(void)state;
	out("\033[3;5Hx");
	assert_string_equal(row(2), "    x");
	out("\033[2A\033[3Dy");                    /* up 2, left 3 */
	assert_string_equal(row(0), "  y");
	out("\033[Hz");
	assert_string_equal(row(0), "z y");
	out("\033[99;99H");                        /* clamped to the screen */
	assert_int_equal(vt.row, ROWS - 1);
	assert_int_equal(vt.col, COLS - 1);
}

static void test_erase_line_and_display(void **state)
{
	(void)state;
	out("abcdef\r\nghij\033[1;3H\033[K");
	assert_string_equal(row(0), "ab");
	assert_string_equal(row(1), "ghij");
	out("\033[J");
	assert_string_equal(row(1), "");
	out("xyz\033[2J");
	assert_string_equal(row(0), "");
}

static void test_line_editor_redraw(void **state)
{
	(void)state;
	/* What busybox's line editor does for a left arrow then an insert. */
	out("$ ecko\033[2D");
	out("\033[1P");                              /* delete 'k' */
	assert_string_equal(row(0), "$ eco");
	out("\033[1@h");                             /* insert a blank and write h */
	assert_string_equal(row(0), "$ echo");
}

static void test_insert_and_delete_lines(void **state)
{
	(void)state;
	out("a\r\nb\r\nc\033[2;1H\033[L");
	assert_string_equal(row(1), "");
	assert_string_equal(row(2), "b");
	assert_string_equal(row(3), "c");
	out("\033[M");
	assert_string_equal(row(1), "b");
}

static void test_scrolling_region(void **state)
{
	(void)state;
	out("top\033[2;3r\033[3;1Hx\r\ny");              /* LF at the region's bottom */
	assert_string_equal(row(0), "top");
	assert_string_equal(row(1), "x");
	assert_string_equal(row(2), "y");
}

static void test_colours_change_the_attribute(void **state)
{
	(void)state;
	out("\033[31;1mR\033[0mN\033[7mV");
	assert_int_equal(cells[0] >> 8, 0x0c);          /* bright red on black */
	assert_int_equal(cells[1] >> 8, VT_DEFAULT_ATTR);
	assert_int_equal(cells[2] >> 8, 0x70);          /* reverse: black on grey */
}

static void test_unknown_and_private_sequences_are_not_text(void **state)
{
	(void)state;
	out("\033[?25l\033[?1049h\033[5n\033=ok");
	assert_string_equal(row(0), "ok");
}

static void test_save_and_restore_cursor(void **state)
{
	(void)state;
	out("ab\0337\033[3;3Hx\0338c");
	assert_string_equal(row(0), "abc");
}

static void test_reverse_index_at_top_scrolls_down(void **state)
{
	(void)state;
	out("a\r\nb\033[H\033M");
	assert_string_equal(row(0), "");
	assert_string_equal(row(1), "a");
	assert_string_equal(row(2), "b");
}

/* The answer waiting in vt.reply, as a string, then taken. */
static const char *taken(void)
{
	static char s[VT_REPLY_MAX + 1];
	memcpy(s, vt.reply, (size_t)vt.reply_len);
	s[vt.reply_len] = '\0';
	vt.reply_len = 0;
	return s;
}

/* vt_ignored_queries: CSI 6 n and friends were dropped unanswered, so
 * busybox's line editor never learnt where the prompt left the cursor and
 * `resize` waited for an answer that never came. */
static void test_vt_ignored_queries(void **state)
{
	(void)state;
	out("\033[2;7Hab\033[6n");
	assert_string_equal(taken(), "\033[2;9R");
	assert_string_equal(row(1), "      ab");      /* the query is no text */
	out("\033[5n\033[c\033Z");
	assert_string_equal(taken(), "\033[0n\033[?6c\033[?6c");
	out("\033[?6n\033[>c\033[1c");               /* private or not 0: no answer */
	assert_int_equal(vt.reply_len, 0);
	for (int i = 0; i < 6; i++)
		out("\033[6n");                          /* 6 bytes each: the sixth does not fit */
	assert_int_equal(vt.reply_len, 5 * 6);
}

static void test_backspace_and_tab(void **state)
{
	(void)state;
	out("abc\b\bX\tY");
	assert_string_equal(row(0), "aXc     Y");    /* the tab went to column 8 */
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_text_and_newlines),
		T(test_last_column_wraps_only_on_the_next_character),
		T(test_line_feed_at_the_bottom_scrolls),
		T(test_cursor_position_and_moves),
		T(test_erase_line_and_display),
		T(test_line_editor_redraw),
		T(test_insert_and_delete_lines),
		T(test_scrolling_region),
		T(test_colours_change_the_attribute),
		T(test_unknown_and_private_sequences_are_not_text),
		T(test_save_and_restore_cursor),
		T(test_reverse_index_at_top_scrolls_down),
		T(test_backspace_and_tab),
		T(test_vt_ignored_queries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
