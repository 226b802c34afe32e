/*
 * serial.c - the 16550 UART at 115200 baud, 8N1: polled output, and
 * input either polled or by interrupt (the terminal's, tty/console.c).
 * Output polls the transmit-holding-empty bit; QEMU's UART is always ready,
 * so the poll costs one port read per character.
 */
#include "drivers/serial.h"
#include "kernel/x86.h"

/* Register offsets from the base port. */
#define UART_DATA      0   /* DLAB=0: rx/tx; DLAB=1: divisor low */
#define UART_IER       1   /* DLAB=0: interrupt enable; DLAB=1: divisor high */
#define UART_FCR       2
#define UART_LCR       3
#define UART_MCR       4
#define UART_LSR       5

#define LCR_8N1        0x03
#define LCR_DLAB       0x80
#define FCR_ENABLE     0xc7   /* enable and clear FIFOs, 14-byte threshold */
#define MCR_DTR_RTS    0x0b   /* DTR, RTS, OUT2 (OUT2 gates the IRQ line) */
#define LSR_RX_READY   0x01
#define LSR_TX_EMPTY   0x20
#define IER_RX_READY   0x01   /* interrupt when a received byte is waiting */
#define BAUD_DIVISOR   1      /* 115200 / 115200 */

void serial_init(unsigned port)
{
	outb(port + UART_IER, 0);
	outb(port + UART_LCR, LCR_DLAB);
	outb(port + UART_DATA, BAUD_DIVISOR);
	outb(port + UART_IER, 0);
	outb(port + UART_LCR, LCR_8N1);
	outb(port + UART_FCR, FCR_ENABLE);
	outb(port + UART_MCR, MCR_DTR_RTS);
}

void serial_putc(unsigned port, char c)
{
	while (!(inb(port + UART_LSR) & LSR_TX_EMPTY))
		;
	outb(port + UART_DATA, (uint8_t)c);
}

bool serial_rx_ready(unsigned port)
{
	return inb(port + UART_LSR) & LSR_RX_READY;
}

char serial_getc(unsigned port)
{
	return (char)inb(port + UART_DATA);
}

void serial_enable_rx_irq(unsigned port)
{
	outb(port + UART_IER, IER_RX_READY);
}
