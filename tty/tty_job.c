/*
 * tty_job.c - job control on a terminal: which session it controls and its
 * foreground process group.
 *
 * Process groups and sessions are not in the kernel yet (they come with
 * setsid/setpgid): until then no terminal is anyone's controlling
 * terminal. /dev/tty is ENXIO, the session ioctls are ENOTTY, every read
 * and write is allowed, and ^C, ^Z and ^\ are echoed but signal nobody.
 */
#include "tty/tty.h"
#include "uapi/errno.h"

bool tty_is_ctty(struct tty *tty)
{
	(void)tty;
	return false;
}

void tty_signal_fg(struct tty *tty, int sig)
{
	(void)tty, (void)sig;
}

int tty_job_check(struct tty *tty, int sig)
{
	(void)tty, (void)sig;
	return 0;
}

long tty_job_ioctl(struct tty *tty, uint32_t cmd, uint32_t arg)
{
	(void)tty, (void)cmd, (void)arg;
	return -ENOTTY;
}
