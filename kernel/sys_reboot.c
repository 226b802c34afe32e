/*
 * sys_reboot.c - reboot(2) with Linux's magic numbers: power off, halt and
 * restart end the machine (drivers/power.c); Ctrl-Alt-Del on/off is
 * accepted (the keyboard driver sends no Ctrl-Alt-Del yet).
 *
 * Halt stops the machine as power off does: on Linux the CPU halts with
 * the machine on, which under QEMU only leaves a window nobody can use.
 * File data lives in RAM, so there is nothing to write back first.
 */
#include "drivers/power.h"
#include "kernel/console.h"
#include "uapi/errno.h"
#include "uapi/reboot.h"

static bool magic_ok(uint32_t magic1, uint32_t magic2)
{
	return magic1 == LINUX_REBOOT_MAGIC1 &&
	       (magic2 == LINUX_REBOOT_MAGIC2 || magic2 == LINUX_REBOOT_MAGIC2A ||
		magic2 == LINUX_REBOOT_MAGIC2B || magic2 == LINUX_REBOOT_MAGIC2C);
}

long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd, user_ptr_t arg)
{
	(void)arg;
	if (!magic_ok(magic1, magic2))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		kprintf("reboot: Power down\n");
		power_off();
	case LINUX_REBOOT_CMD_HALT:
		kprintf("reboot: System halted\n");
		power_off();
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		kprintf("reboot: Restarting system\n");
		power_reset();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	default:
		return -EINVAL;
	}
}
