/*
 * serial.h - the 16550 UARTs. COM1 carries the console; COM2 carries the
 * in-guest test report (TAP), so test output never mixes with kernel logs.
 */
#ifndef DRIVERS_SERIAL_H
#define DRIVERS_SERIAL_H

#include <stdbool.h>

#define COM1_PORT 0x3f8
#define COM2_PORT 0x2f8

void serial_init(unsigned port);
void serial_putc(unsigned port, char c);
bool serial_rx_ready(unsigned port);
char serial_getc(unsigned port);       /* call only when serial_rx_ready */
/* Raise the port's IRQ line (COM1: 4) for every received byte. */
void serial_enable_rx_irq(unsigned port);

#endif
