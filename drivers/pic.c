/*
 * pic.c - program the 8259A pair: remap to 32-47 (out of the exception
 * range), mask everything, and acknowledge interrupts.
 */
#include "drivers/pic.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include <stdint.h>

#define PIC1_CMD   0x20
#define PIC1_DATA  0x21
#define PIC2_CMD   0xa0
#define PIC2_DATA  0xa1
#define ICW1_INIT_ICW4 0x11
#define ICW3_MASTER_SLAVE_AT_IRQ2 0x04
#define ICW3_SLAVE_ID 0x02
#define ICW4_8086  0x01
#define OCW2_EOI   0x20
#define OCW3_READ_ISR 0x0b
#define PIC_LINES  8

static uint16_t mask = 0xffff & ~(1u << IRQ_CASCADE);

static void pic_write_mask(void)
{
	outb(PIC1_DATA, mask & 0xff);
	outb(PIC2_DATA, mask >> 8);
}

void pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	outb(PIC1_DATA, TRAP_IRQ_BASE);
	outb(PIC2_DATA, TRAP_IRQ_BASE + PIC_LINES);
	outb(PIC1_DATA, ICW3_MASTER_SLAVE_AT_IRQ2);
	outb(PIC2_DATA, ICW3_SLAVE_ID);
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	pic_write_mask();
}

void pic_unmask(unsigned irq)
{
	mask &= ~(1u << irq);
	pic_write_mask();
}

void pic_mask(unsigned irq)
{
	mask |= 1u << irq;
	pic_write_mask();
}

void pic_eoi(unsigned irq)
{
	if (irq >= PIC_LINES)
		outb(PIC2_CMD, OCW2_EOI);
	outb(PIC1_CMD, OCW2_EOI);
}

bool pic_spurious(unsigned irq)
{
	if (irq == IRQ_SPURIOUS_MASTER) {
		outb(PIC1_CMD, OCW3_READ_ISR);
		return !(inb(PIC1_CMD) & 0x80);
	}
	if (irq == IRQ_SPURIOUS_SLAVE) {
		outb(PIC2_CMD, OCW3_READ_ISR);
		if (inb(PIC2_CMD) & 0x80)
			return false;
		outb(PIC1_CMD, OCW2_EOI);      /* the master did see the cascade */
		return true;
	}
	return false;
}
