/*
 * reboot.h - what ends the machine besides reboot(2): Ctrl-Alt-Del pressed
 * on the keyboard (kernel/sys_reboot.c, as Linux's kernel/reboot.c).
 */
#ifndef KERNEL_REBOOT_H
#define KERNEL_REBOOT_H

/* Ctrl-Alt-Del was pressed (IRQ 1). While Ctrl-Alt-Del is on (the boot
 * default, LINUX_REBOOT_CMD_CAD_ON) the machine restarts at once; once
 * init has turned it off (CAD_OFF, as busybox's init does) PID 1 gets
 * SIGINT and decides (its ::ctrlaltdel: action). */
void ctrl_alt_del(void);

#endif
