/*
 * power.c - ending the machine, for reboot(2).
 *
 * Power off: the ACPI sleep state S5 through the PM1a control register of
 * QEMU's PIIX4 (port 0x604 on today's QEMU, 0xb004 on old ones, with
 * SLP_TYP 0 as QEMU's tables say for S5); QEMU then exits with status 0.
 * On a machine without either, isa-debug-exit (QEMU with that device),
 * and at last the CPU halts with interrupts off.
 * Reset: pulse the CPU reset line through the 8042 keyboard controller;
 * QEMU run with -no-reboot exits instead of rebooting. A triple fault
 * would do as a last resort; halting is enough here.
 */
#include "drivers/power.h"
#include "drivers/debugexit.h"
#include "kernel/x86.h"

#define PIIX4_PM1A_CNT      0x604     /* QEMU's PM base 0x600 + 4 */
#define PIIX4_PM1A_CNT_OLD  0xb004    /* QEMU before 2.0, and Bochs */
#define ACPI_SLP_EN         0x2000    /* with SLP_TYP 0: S5 on QEMU */
#define KBC_COMMAND         0x64
#define KBC_STATUS          0x64
#define KBC_INPUT_FULL      0x02
#define KBC_PULSE_RESET     0xfe

static __attribute__((noreturn)) void halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void power_off(void)
{
	cli();
	outw(PIIX4_PM1A_CNT, ACPI_SLP_EN);
	outw(PIIX4_PM1A_CNT_OLD, ACPI_SLP_EN);
	debugexit(DEBUGEXIT_PASS);
	halt_forever();
}

void power_reset(void)
{
	cli();
	while (inb(KBC_STATUS) & KBC_INPUT_FULL)
		;
	outb(KBC_COMMAND, KBC_PULSE_RESET);
	halt_forever();
}
