/*
 * user_run.h - what the in-guest tests of user programs share
 * (tests/kernel/user_test.c): run one program from the initramfs with its
 * stdout captured.
 */
#ifndef TESTS_KERNEL_USER_RUN_H
#define TESTS_KERNEL_USER_RUN_H

/* Run argv (argv[0] the path) with stdout captured: its pid or -errno;
 * *out the capture's text (NUL-terminated, the caller kfrees it), *status
 * the wait status. */
int run_captured(char *argv[], char **out, int *status);

/* Each line of text as a TAP diagnostic ("# line"); text is left as it was. */
void diag_lines(char *text);

#endif
