/*
 * debugexit.h - QEMU's isa-debug-exit device (iobase 0xf4): writing v ends
 * QEMU with status (v << 1) | 1. Tests read the verdict from that status.
 */
#ifndef DRIVERS_DEBUGEXIT_H
#define DRIVERS_DEBUGEXIT_H

#define DEBUGEXIT_PORT  0xf4
#define DEBUGEXIT_PASS  0x10    /* QEMU exits with 33 */
#define DEBUGEXIT_FAIL  0x11    /* QEMU exits with 35 */

/* Ends the run under QEMU; on other machines (no device) it returns. */
void debugexit(unsigned code);

#endif
