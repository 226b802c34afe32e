/*
 * pit.c - channel 0 in rate-generator mode at PIT_HZ, counting ticks.
 */
#include "drivers/pit.h"
#include "drivers/pic.h"
#include "kernel/trap.h"
#include "kernel/x86.h"

#define PIT_CH0       0x40
#define PIT_CMD       0x43
#define PIT_BASE_HZ   1193182u
#define PIT_CH0_LOHI_RATEGEN 0x34   /* channel 0, lo/hi byte, mode 2 */

static volatile uint64_t ticks;        /* the IRQ handler writes; read with irqs off */
static void (*tick_hook)(bool user);

void pit_set_tick_hook(void (*fn)(bool user))
{
	tick_hook = fn;
}

static void pit_irq(struct trapframe *tf)
{
	ticks++;
	if (tick_hook)
		tick_hook(trap_from_user(tf));   /* whose time it was: CPU accounting */
}

void pit_init(void)
{
	uint32_t divisor = PIT_BASE_HZ / PIT_HZ;
	outb(PIT_CMD, PIT_CH0_LOHI_RATEGEN);
	outb(PIT_CH0, divisor & 0xff);
	outb(PIT_CH0, divisor >> 8);
	trap_register(TRAP_IRQ_BASE + IRQ_TIMER, pit_irq);
	pic_unmask(IRQ_TIMER);
}

uint64_t pit_ticks(void)
{
	uint32_t f = irq_save();
	uint64_t t = ticks;
	irq_restore(f);
	return t;
}
