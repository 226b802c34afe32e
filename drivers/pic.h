/*
 * pic.h - the two 8259A interrupt controllers, remapped to vectors 32-47.
 */
#ifndef DRIVERS_PIC_H
#define DRIVERS_PIC_H

#include <stdbool.h>

#define IRQ_TIMER     0
#define IRQ_KEYBOARD  1
#define IRQ_CASCADE   2
#define IRQ_COM2      3
#define IRQ_COM1      4
#define IRQ_SPURIOUS_MASTER 7
#define IRQ_SPURIOUS_SLAVE  15

void pic_init(void);
void pic_unmask(unsigned irq);
void pic_mask(unsigned irq);
void pic_eoi(unsigned irq);
/* True when irq 7/15 was raised without being in service (no EOI then). */
bool pic_spurious(unsigned irq);

#endif
