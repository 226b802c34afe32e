/*
 * hostname.c - the machine's name, "tern" until sethostname(2) says
 * otherwise. Linux's rules: at most __NEW_UTS_LEN (64) bytes, else EINVAL;
 * a bad pointer is EFAULT; the name is taken whole or not at all.
 * Everyone is root for now, so nobody gets EPERM.
 */
#include "kernel/hostname.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/utsname.h"

static char hostname[NEW_UTS_LEN + 1] = "tern";   /* irq-off */

void hostname_get(char *buf, uint32_t size)
{
	uint32_t f = irq_save();
	strlcpy(buf, hostname, size);
	irq_restore(f);
}

long sys_sethostname(user_ptr_t name, int len)
{
	char buf[NEW_UTS_LEN + 1];
	if (len < 0 || len > NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(buf, name, (size_t)len))
		return -EFAULT;
	buf[len] = '\0';
	uint32_t f = irq_save();
	memcpy(hostname, buf, (size_t)len + 1);
	irq_restore(f);
	return 0;
}
