/*
 * pit.h - the 8254 programmable interval timer: the scheduler's tick.
 */
#ifndef DRIVERS_PIT_H
#define DRIVERS_PIT_H

#include <stdbool.h>
#include <stdint.h>

#define PIT_HZ 1000            /* 1 ms ticks: sleeps and time slices are that fine */

void pit_init(void);
uint64_t pit_ticks(void);
/* Called from the timer interrupt after each tick (the scheduler's clock). */
void pit_set_tick_hook(void (*fn)(bool user));

#endif
