/*
 * test_ldisc.c - host unit tests for the line discipline (tty/ldisc.c):
 * what a typed key becomes (the line read() returns, the echo on the
 * screen, the signal sent) and what a write puts on the device, checked
 * against what Linux's N_TTY does with `stty sane` settings.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tty/tty.h"
#include "uapi/signal.h"

#define CTRL(c) ((c) - '@')
#define DEL     0x7f

/* The fake device: everything emitted, and the signals sent. */
static char screen[2 * LDISC_BUF];
static size_t screen_len;
static int signals[8], nsignals;

static void fake_emit(void *owner, const char *s, size_t n)
{
	(void)owner;
	assert_true(screen_len + n < sizeof(screen));
	memcpy(screen + screen_len, s, n);
	screen_len += n;
	screen[screen_len] = '\0';
}

static void fake_signal(void *owner, int sig)
{
	(void)owner;
	signals[nsignals++] = sig;
}

static const struct ldisc_ops fake_ops = { fake_emit, fake_signal };
static struct ldisc ld;

static int setup(void **state)
{
	(void)state;
	ldisc_init(&ld, &fake_ops, NULL);
	screen_len = 0;
	screen[0] = '\0';
	nsignals = 0;
	return 0;
}

static void type(const char *s)
{
	while (*s)
		ldisc_receive(&ld, (uint8_t)*s++);
}

/* What one read() of up to 256 bytes returns, as a string. */
static const char *read_now(void)
{
	static char buf[257];
	size_t n = ldisc_read(&ld, buf, 256);
	buf[n] = '\0';
	return buf;
}

static void test_a_line_is_readable_only_when_ended(void **state)
{
	(void)state;
	type("ls -l");
	assert_false(ldisc_readable(&ld, 1));
	type("\r");                          /* Enter on a serial line sends CR: ICRNL */
	assert_true(ldisc_readable(&ld, 1));
	assert_string_equal(read_now(), "ls -l\n");
	assert_string_equal(screen, "ls -l\r\n");   /* echo, newline through ONLCR */
	assert_false(ldisc_readable(&ld, 1));
}

static void test_two_lines_read_one_at_a_time(void **state)
{
	(void)state;
	type("one\rtwo\r");
	assert_int_equal(ldisc_available(&ld), 8);
	assert_string_equal(read_now(), "one\n");
	assert_string_equal(read_now(), "two\n");
}

static void test_erase_rubs_out_one_character(void **state)
{
	(void)state;
	type("abc\x7f\r");
	assert_string_equal(read_now(), "ab\n");
	assert_string_equal(screen, "abc\b \b\r\n");
}

static void test_erase_at_line_start_does_nothing(void **state)
{
	(void)state;
	type("\x7f\x7fx\r");
	assert_string_equal(read_now(), "x\n");
	assert_string_equal(screen, "x\r\n");
}

static void test_word_erase_takes_the_last_word_and_its_spaces(void **state)
{
	(void)state;
	type("echo foo bar  ");
	ldisc_receive(&ld, CTRL('W'));
	type("\r");
	assert_string_equal(read_now(), "echo foo \n");
}

static void test_kill_erases_the_line_on_screen(void **state)
{
	(void)state;
	type("abc");
	ldisc_receive(&ld, CTRL('U'));
	assert_string_equal(screen, "abc\b \b\b \b\b \b");
	type("d\r");
	assert_string_equal(read_now(), "d\n");
}

static void test_kill_without_echoke_echoes_key_and_newline(void **state)
{
	(void)state;
	struct termios t = ld.t;
	t.c_lflag &= ~ECHOKE;
	ldisc_set_termios(&ld, &t);
	type("abc");
	ldisc_receive(&ld, CTRL('U'));
	assert_string_equal(screen, "abc^U\r\n");
}

static void test_eof_on_empty_line_reads_zero_once(void **state)
{
	(void)state;
	ldisc_receive(&ld, CTRL('D'));
	assert_true(ldisc_readable(&ld, 1));
	assert_string_equal(read_now(), "");
	assert_false(ldisc_readable(&ld, 1));
	assert_string_equal(screen, "");     /* ^D is not echoed */
}

static void test_eof_after_text_ends_the_line_without_itself(void **state)
{
	(void)state;
	type("abc");
	ldisc_receive(&ld, CTRL('D'));
	assert_string_equal(read_now(), "abc");
	assert_false(ldisc_readable(&ld, 1));   /* not a second, empty, end of file */
}

static void test_ctrl_c_signals_flushes_and_echoes(void **state)
{
	(void)state;
	type("half a line");
	ldisc_receive(&ld, CTRL('C'));
	assert_int_equal(nsignals, 1);
	assert_int_equal(signals[0], SIGINT);
	assert_string_equal(screen, "half a line^C");
	assert_int_equal(ldisc_available(&ld), 0);
	type("x\r");
	assert_string_equal(read_now(), "x\n");
}

static void test_suspend_and_quit_keys(void **state)
{
	(void)state;
	ldisc_receive(&ld, CTRL('Z'));
	ldisc_receive(&ld, CTRL('\\'));
	assert_int_equal(nsignals, 2);
	assert_int_equal(signals[0], SIGTSTP);
	assert_int_equal(signals[1], SIGQUIT);
	assert_string_equal(screen, "^Z^\\");
}

static void test_noflsh_keeps_input_on_signal(void **state)
{
	(void)state;
	struct termios t = ld.t;
	t.c_lflag |= NOFLSH;
	ldisc_set_termios(&ld, &t);
	type("ab\rcd");
	ldisc_receive(&ld, CTRL('C'));
	assert_string_equal(read_now(), "ab\n");
}

static void test_isig_off_makes_ctrl_c_data(void **state)
{
	(void)state;
	struct termios t = ld.t;
	t.c_lflag &= ~ISIG;
	ldisc_set_termios(&ld, &t);
	type("\x03\r");
	assert_int_equal(nsignals, 0);
	assert_string_equal(read_now(), "\x03\n");
	assert_string_equal(screen, "^C\r\n");
}

static void test_control_characters_echo_and_erase_as_two_columns(void **state)
{
	(void)state;
	ldisc_receive(&ld, CTRL('A'));
	ldisc_receive(&ld, DEL);
	assert_string_equal(screen, "^A\b \b\b \b");
	assert_int_equal(ldisc_available(&ld), 0);
}

static void test_tab_erase_moves_back_to_where_the_tab_began(void **state)
{
	(void)state;
	type("ab\t");
	ldisc_receive(&ld, DEL);
	assert_string_equal(screen, "ab\t\b\b\b\b\b\b");   /* from column 8 back to 2 */
	type("c\r");
	assert_string_equal(read_now(), "abc\n");
}

static void test_reprint_shows_the_line_again(void **state)
{
	(void)state;
	type("abc");
	ldisc_receive(&ld, CTRL('R'));
	assert_string_equal(screen, "abc^R\r\nabc");
}

static void test_literal_next_quotes_a_signal_key(void **state)
{
	(void)state;
	ldisc_receive(&ld, CTRL('V'));
	ldisc_receive(&ld, CTRL('C'));
	type("\r");
	assert_int_equal(nsignals, 0);
	assert_string_equal(read_now(), "\x03\n");
}

static void test_no_echo_when_echo_is_off(void **state)
{
	(void)state;
	struct termios t = ld.t;
	t.c_lflag &= ~ECHO;
	ldisc_set_termios(&ld, &t);
	type("secret\r");
	assert_string_equal(screen, "");
	assert_string_equal(read_now(), "secret\n");
}

static void test_echonl_echoes_newline_alone(void **state)
{
	(void)state;
	struct termios t = ld.t;
	t.c_lflag = (t.c_lflag & ~ECHO) | ECHONL;
	ldisc_set_termios(&ld, &t);
	type("pw\r");
	assert_string_equal(screen, "\r\n");
}

static void test_raw_mode_reads_bytes_at_once(void **state)
{
	(void)state;
	struct termios t = ld.t;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_iflag &= ~ICRNL;
	t.c_cc[VMIN] = 1;
	ldisc_set_termios(&ld, &t);
	type("\x1b[A");                       /* the up-arrow key */
	assert_true(ldisc_readable(&ld, 1));
	assert_false(ldisc_readable(&ld, 4));
	assert_string_equal(read_now(), "\x1b[A");
	type("\r\x7f");
	assert_string_equal(read_now(), "\r\x7f");
	assert_string_equal(screen, "");
}

static void test_leaving_canonical_mode_makes_the_partial_line_input(void **state)
{
	(void)state;
	type("par");
	struct termios t = ld.t;
	t.c_lflag &= ~ICANON;
	ldisc_set_termios(&ld, &t);
	assert_true(ldisc_readable(&ld, 3));
	assert_string_equal(read_now(), "par");
}

static void test_full_line_keeps_room_for_its_end(void **state)
{
	(void)state;
	for (int i = 0; i < LDISC_BUF + 10; i++)
		ldisc_receive(&ld, 'x');
	assert_int_equal(ld.head - ld.tail, LDISC_BUF - 1);
	assert_non_null(strchr(screen, '\a'));          /* IMAXBEL rings */
	type("\r");
	assert_int_equal(ldisc_available(&ld), LDISC_BUF);
	static char buf[LDISC_BUF];
	assert_int_equal(ldisc_read(&ld, buf, sizeof(buf)), LDISC_BUF);
	assert_int_equal(buf[LDISC_BUF - 1], '\n');
}

static void test_a_short_read_leaves_the_rest_of_the_line(void **state)
{
	(void)state;
	char buf[4];
	type("abcdef\r");
	assert_int_equal(ldisc_read(&ld, buf, 4), 4);
	assert_memory_equal(buf, "abcd", 4);
	assert_string_equal(read_now(), "ef\n");
}

static void test_output_newline_becomes_crlf(void **state)
{
	(void)state;
	ldisc_write(&ld, "a\nb\n", 4);
	assert_string_equal(screen, "a\r\nb\r\n");
}

static void test_output_raw_without_opost(void **state)
{
	(void)state;
	struct termios t = ld.t;
	t.c_oflag &= ~OPOST;
	ldisc_set_termios(&ld, &t);
	ldisc_write(&ld, "a\nb\n", 4);
	assert_string_equal(screen, "a\nb\n");
}

static void test_ctrl_s_stops_and_ctrl_q_restarts_output(void **state)
{
	(void)state;
	ldisc_receive(&ld, CTRL('S'));
	assert_true(ld.stopped);
	ldisc_receive(&ld, CTRL('Q'));
	assert_false(ld.stopped);
	assert_int_equal(ldisc_available(&ld), 0);
}

static void test_icrnl_off_keeps_carriage_return(void **state)
{
	(void)state;
	struct termios t = ld.t;
	t.c_iflag &= ~ICRNL;
	ldisc_set_termios(&ld, &t);
	type("a\r\n");
	assert_string_equal(read_now(), "a\r\n");
}

static void test_flush_drops_everything(void **state)
{
	(void)state;
	type("one\rtw");
	ldisc_flush_input(&ld);
	assert_int_equal(ldisc_available(&ld), 0);
	type("o\r");
	assert_string_equal(read_now(), "o\n");
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_a_line_is_readable_only_when_ended),
		T(test_two_lines_read_one_at_a_time),
		T(test_erase_rubs_out_one_character),
		T(test_erase_at_line_start_does_nothing),
		T(test_word_erase_takes_the_last_word_and_its_spaces),
		T(test_kill_erases_the_line_on_screen),
		T(test_kill_without_echoke_echoes_key_and_newline),
		T(test_eof_on_empty_line_reads_zero_once),
		T(test_eof_after_text_ends_the_line_without_itself),
		T(test_ctrl_c_signals_flushes_and_echoes),
		T(test_suspend_and_quit_keys),
		T(test_noflsh_keeps_input_on_signal),
		T(test_isig_off_makes_ctrl_c_data),
		T(test_control_characters_echo_and_erase_as_two_columns),
		T(test_tab_erase_moves_back_to_where_the_tab_began),
		T(test_reprint_shows_the_line_again),
		T(test_literal_next_quotes_a_signal_key),
		T(test_no_echo_when_echo_is_off),
		T(test_echonl_echoes_newline_alone),
		T(test_raw_mode_reads_bytes_at_once),
		T(test_leaving_canonical_mode_makes_the_partial_line_input),
		T(test_full_line_keeps_room_for_its_end),
		T(test_a_short_read_leaves_the_rest_of_the_line),
		T(test_output_newline_becomes_crlf),
		T(test_output_raw_without_opost),
		T(test_ctrl_s_stops_and_ctrl_q_restarts_output),
		T(test_icrnl_off_keeps_carriage_return),
		T(test_flush_drops_everything),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
