/*
 * sys_reboot.c - reboot(2) with Linux's magic numbers: power off, halt and
 * restart end the machine (drivers/power.c); Ctrl-Alt-Del on/off decides
 * what the keyboard's Ctrl-Alt-Del does (kernel/reboot.h). Only root may
 * call it (Linux's CAP_SYS_BOOT), checked before the magic as on Linux.
 *
 * Halt stops the machine as power off does: on Linux the CPU halts with
 * the machine on, which under QEMU only leaves a window nobody can use.
 * File data lives in RAM, so there is nothing to write back first.
 */
#include "drivers/power.h"
#include "kernel/console.h"
#include "kernel/reboot.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/reboot.h"
#include "uapi/signal.h"

#define RESTART2_CMD_MAX 256       /* Linux's buffer for RESTART2's command */
#define INIT_PID         1

/* Does Ctrl-Alt-Del restart at once (Linux's C_A_D)? Written by reboot(2),
 * read by the keyboard's IRQ: one aligned word, so either sees the other's
 * whole value; volatile so the IRQ reads it afresh. */
static volatile int cad_restarts = 1;

void ctrl_alt_del(void)
{
	static const struct ksiginfo cad_siginfo = { .code = SI_KERNEL };
	struct process *init;

	if (cad_restarts) {
		kprintf("reboot: Ctrl-Alt-Del: restarting system\n");
		power_reset();
	}
	init = process_find(INIT_PID);
	if (init)
		signal_send(init, SIGINT, &cad_siginfo, false);
}

/* RESTART2's argument: the command for the firmware, logged as Linux does. */
static long restart2(user_ptr_t arg)
{
	char cmd[RESTART2_CMD_MAX];
	if (strncpy_from_user(cmd, arg, sizeof(cmd)) < 0)
		return -EFAULT;
	kprintf("reboot: Restarting system with command '%s'\n", cmd);
	power_reset();
}

static bool magic_ok(uint32_t magic1, uint32_t magic2)
{
	return magic1 == LINUX_REBOOT_MAGIC1 &&
	       (magic2 == LINUX_REBOOT_MAGIC2 || magic2 == LINUX_REBOOT_MAGIC2A ||
		magic2 == LINUX_REBOOT_MAGIC2B || magic2 == LINUX_REBOOT_MAGIC2C);
}

long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd, user_ptr_t arg)
{
	if (!cred_id_capable(current_cred()))
		return -EPERM;
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
		kprintf("reboot: Restarting system\n");
		power_reset();
	case LINUX_REBOOT_CMD_RESTART2:
		return restart2(arg);
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		cad_restarts = cmd == LINUX_REBOOT_CMD_CAD_ON;
		return 0;
	default:
		return -EINVAL;
	}
}
