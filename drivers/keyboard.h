/*
 * keyboard.h - the PS/2 keyboard: scancodes in, characters out.
 */
#ifndef DRIVERS_KEYBOARD_H
#define DRIVERS_KEYBOARD_H

void keyboard_init(void);
/* The next typed character, or -1 when none is waiting. */
int keyboard_getc(void);

#endif
