/*
 * debugexit.c - end a QEMU run with a status the test harness can read.
 */
#include "drivers/debugexit.h"
#include "kernel/x86.h"

void debugexit(unsigned code)
{
	outl(DEBUGEXIT_PORT, code);
}
