/*
 * sys_syslog.c - syslog(2) (glibc's klogctl): the kernel's log ring
 * (kernel/console.c) read as Linux gives it, one "<level>text" line per
 * message, and the console level set. busybox's dmesg is READ_ALL after
 * SIZE_BUFFER; `dmesg -c` READ_CLEAR, `dmesg -n` CONSOLE_LEVEL.
 *
 * Positions count characters ever stored (klog_head's units): READ_ALL
 * starts at clear_pos at the earliest, READ consumes from read_pos (and
 * so does /proc/kmsg, kernel/kmsg.c: one reader position, as Linux's
 * syslog_seq). The ring keeps the last KLOG_RING_SIZE characters; a line
 * partly overwritten is left out, as Linux leaves out a record it has
 * dropped. READ takes whole lines, as Linux takes records: the line it
 * stopped in, then only lines that fit; never a line still being written.
 *
 * Permissions are Linux's check_syslog_permissions with Debian 12's
 * dmesg_restrict = 1 (CONFIG_SECURITY_DMESG_RESTRICT): every action needs
 * CAP_SYSLOG, which is euid 0 here; so does an action that is no action
 * (EPERM before EINVAL). Without dmesg_restrict READ_ALL and SIZE_BUFFER
 * would be open to all.
 */
#include "gen/syscalls.h"
#include "fs/file.h"
#include "kernel/console.h"
#include "kernel/wait.h"
#include "kernel/x86.h"
#include "mm/kheap.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "uapi/errno.h"
#include "uapi/syslog.h"

#define LOGLEVEL_MIN      1   /* minimum_console_loglevel: CONSOLE_OFF leaves this */
#define LOGLEVEL_MAX      15  /* CONSOLE_LEVEL's largest */
#define LOGLEVEL_NONE     (-1) /* no level saved by CONSOLE_OFF */
#define DMESG_RESTRICT    1

/* All three change with interrupts off (the ring's own rule). */
static uint32_t clear_pos;        /* READ_ALL's earliest character (CLEAR) */
static uint32_t read_pos;         /* READ's next character */
static int saved_level = LOGLEVEL_NONE;
static struct wait_queue readers = WAIT_QUEUE_INIT;   /* READ, waiting for text */

void klog_stored(void)
{
	if (readers.head)
		wake_all(&readers);
	poll_notify();                    /* /proc/kmsg in a poll or select */
}

/* The oldest character still whole in the ring, at or after pos, at a
 * line start when the ring has wrapped past pos. Interrupts off. */
static uint32_t oldest_from(uint32_t pos)
{
	uint32_t oldest = klog_head > KLOG_RING_SIZE ? klog_head - KLOG_RING_SIZE : 0;
	if (pos >= oldest)
		return pos;
	while (oldest < klog_head && klog_ring[oldest++ % KLOG_RING_SIZE] != '\n')
		;
	return oldest;
}

/* Skip from pos to the start of the next line. Interrupts off. */
static uint32_t next_line(uint32_t pos)
{
	while (pos < klog_head && klog_ring[pos++ % KLOG_RING_SIZE] != '\n')
		;
	return pos;
}

/* Copy the ring's [from, from + n) out (interrupts off). */
static void ring_copy(char *dst, uint32_t from, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		dst[i] = klog_ring[(from + i) % KLOG_RING_SIZE];
}

/* The newest whole lines since clear_pos that fit in len; then, with
 * clear, forget them. The bytes copied, or -errno. */
static long read_all(user_ptr_t buf, uint32_t len, bool clear)
{
	uint32_t room = len < KLOG_RING_SIZE ? len : KLOG_RING_SIZE;
	char *text = kmalloc(room);
	if (!text)
		return -ENOMEM;
	uint32_t f = irq_save();
	uint32_t from = oldest_from(clear_pos);
	if (klog_head - from > room)
		from = next_line(klog_head - room);
	uint32_t n = klog_head - from;
	ring_copy(text, from, n);
	if (clear)
		clear_pos = klog_head;
	irq_restore(f);
	long r = copy_to_user(buf, text, n);
	kfree(text);
	return r < 0 ? r : (long)n;
}

/* The end of the last whole line stored, at or after pos: a reader takes
 * lines as Linux takes records, never one a writer is still formatting
 * (or was preempted in). Interrupts off. */
static uint32_t lines_end(uint32_t pos)
{
	uint32_t end = klog_head;
	while (end > pos && klog_ring[(end - 1) % KLOG_RING_SIZE] != '\n')
		end--;
	return end;
}

/* How much of the unread text from read_pos one read of room bytes takes:
 * as Linux's syslog_print, the line it is in even in part, then whole
 * lines only. Interrupts off. */
static uint32_t take_size(uint32_t end, uint32_t room)
{
	if (end - read_pos <= room)
		return end - read_pos;
	uint32_t n = room;
	while (n > 0 && klog_ring[(read_pos + n - 1) % KLOG_RING_SIZE] != '\n')
		n--;
	return n ? n : room;
}

long syslog_take(char *dst, uint32_t room, bool nonblock)
{
	uint32_t f = irq_save(), end;
	for (;;) {
		read_pos = oldest_from(read_pos);
		if ((end = lines_end(read_pos)) != read_pos)
			break;
		if (nonblock || signal_pending_current()) {
			irq_restore(f);
			return nonblock ? -EAGAIN : -ERESTARTSYS;
		}
		wait_sleep_intr(&readers);
	}
	uint32_t n = take_size(end, room);
	ring_copy(dst, read_pos, n);
	read_pos += n;
	irq_restore(f);
	return (long)n;
}

/* Wait for text not yet read, and consume up to len bytes of it. */
static long read_unread(user_ptr_t buf, uint32_t len)
{
	uint32_t room = len < KLOG_RING_SIZE ? len : KLOG_RING_SIZE;
	char *text = kmalloc(room);
	if (!text)
		return -ENOMEM;
	long n = syslog_take(text, room, false);
	long r = n > 0 ? copy_to_user(buf, text, (uint32_t)n) : n;
	kfree(text);
	return r < 0 ? r : n;
}

uint32_t syslog_unread(void)
{
	uint32_t f = irq_save();
	uint32_t from = oldest_from(read_pos);
	uint32_t n = lines_end(from) - from;
	irq_restore(f);
	return n;
}

/* CONSOLE_OFF, CONSOLE_ON, CONSOLE_LEVEL: Linux's saved-level dance. */
static long console_level(int type, int level)
{
	if (type == SYSLOG_ACTION_CONSOLE_OFF) {
		if (saved_level == LOGLEVEL_NONE)
			saved_level = console_get_loglevel();
		console_set_loglevel(LOGLEVEL_MIN);
	} else if (type == SYSLOG_ACTION_CONSOLE_ON) {
		if (saved_level != LOGLEVEL_NONE)
			console_set_loglevel(saved_level);
		saved_level = LOGLEVEL_NONE;
	} else {
		if (level < LOGLEVEL_MIN || level > LOGLEVEL_MAX)
			return -EINVAL;
		console_set_loglevel(level);
		saved_level = LOGLEVEL_NONE;
	}
	return 0;
}

static bool action_restricted(int type)
{
	return DMESG_RESTRICT || (type != SYSLOG_ACTION_READ_ALL && type != SYSLOG_ACTION_SIZE_BUFFER);
}

/* A read's buffer: -EINVAL for none or a negative length, -EFAULT outside
 * user space, 1 to go on (0 bytes asked is 0 returned, by the caller). */
static long read_args(user_ptr_t buf, int len)
{
	if (user_ptr_null(buf) || len < 0)
		return -EINVAL;
	if (!user_range_ok(buf.addr, (size_t)len))
		return -EFAULT;
	return 1;
}

long sys_syslog(int type, user_ptr_t buf, int len)
{
	if (action_restricted(type) && !cred_id_capable(current_cred()))
		return -EPERM;
	bool reads = type == SYSLOG_ACTION_READ || type == SYSLOG_ACTION_READ_ALL ||
		     type == SYSLOG_ACTION_READ_CLEAR;
	long ok = reads ? read_args(buf, len) : 1;
	if (ok <= 0 || (reads && len == 0))
		return ok < 0 ? ok : 0;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
		return read_unread(buf, (uint32_t)len);
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		return read_all(buf, (uint32_t)len, type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR: {
		uint32_t f = irq_save();
		clear_pos = klog_head;
		irq_restore(f);
		return 0;
	}
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		return console_level(type, len);
	case SYSLOG_ACTION_SIZE_UNREAD:
		return (long)syslog_unread();
	case SYSLOG_ACTION_SIZE_BUFFER:
		return KLOG_RING_SIZE;
	default:
		return -EINVAL;
	}
}
