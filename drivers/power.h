/*
 * power.h - ending the machine: power off (ACPI, then QEMU's
 * isa-debug-exit), and reset (the keyboard controller's reset line).
 */
#ifndef DRIVERS_POWER_H
#define DRIVERS_POWER_H

__attribute__((noreturn)) void power_off(void);
__attribute__((noreturn)) void power_reset(void);

#endif
