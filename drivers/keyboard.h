/*
 * keyboard.h - the PS/2 keyboard: scancodes in, a Linux console's bytes out.
 */
#ifndef DRIVERS_KEYBOARD_H
#define DRIVERS_KEYBOARD_H

#include <stdint.h>

void keyboard_init(void);
/* Where typed bytes go, from the interrupt handler (interrupts off);
 * until it is set, keys are dropped. */
void keyboard_set_sink(void (*fn)(uint8_t c));

#endif
