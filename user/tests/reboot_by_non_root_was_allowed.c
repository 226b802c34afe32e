/*
 * reboot_by_non_root_was_allowed.c - reboot(2) checked its magic numbers
 * but not who called: any user could power the machine off. Linux asks
 * for CAP_SYS_BOOT before it even looks at the magic, so a user who is
 * not root gets EPERM for every command, with good magic or bad.
 *
 * Only the calls that must fail are made (this runs on the host too): the
 * program first becomes user 65534 and stops if it cannot.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/reboot.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NOBODY 65534

static void try(const char *what, unsigned magic2, unsigned cmd)
{
	long r = syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, magic2, cmd, NULL);
	printf("%s: %s\n", what, r < 0 ? strerrorname_np(errno) : "returned");
}

int main(void)
{
	if (getuid() == 0 && setresuid(NOBODY, NOBODY, NOBODY) != 0) {
		printf("setresuid: %s\n", strerrorname_np(errno));
		return 1;
	}
	if (geteuid() == 0)
		return 1;
	try("power off", LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF);
	try("restart", LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART);
	try("halt", LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_HALT);
	try("ctrl-alt-del on", LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_CAD_ON);
	try("ctrl-alt-del off", LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_CAD_OFF);
	try("bad magic", 12345, LINUX_REBOOT_CMD_POWER_OFF);
	return 0;
}
