/*
 * idt.c - the interrupt descriptor table: every vector points at its stub in
 * isr.asm. All are interrupt gates (IF cleared on entry); only the system
 * call vector may be raised from ring 3.
 */
#include "kernel/trap.h"
#include "kernel/gdt.h"

/* An interrupt gate descriptor, Intel SDM vol. 3 figure 6-2. */
struct idt_entry {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t zero;
	uint8_t type_attr;     /* P, DPL, gate type */
	uint16_t offset_high;
} __attribute__((packed));

struct idt_ptr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

#define GATE_INTR32  0x8e      /* present, DPL 0, 32-bit interrupt gate */
#define GATE_DPL3    0x60
#define GATE_TASK    0x85      /* present, DPL 0, task gate */

extern uint32_t isr_table[TRAP_VECTORS];
static struct idt_entry idt[TRAP_VECTORS];

static void idt_set(unsigned v, uint32_t handler, uint8_t attr)
{
	idt[v].offset_low = handler & 0xffff;
	idt[v].selector = SEL_KCODE;
	idt[v].zero = 0;
	idt[v].type_attr = attr;
	idt[v].offset_high = handler >> 16;
}

void idt_init(void)
{
	for (unsigned v = 0; v < TRAP_VECTORS; v++)
		idt_set(v, isr_table[v], GATE_INTR32);
	idt_set(TRAP_SYSCALL, isr_table[TRAP_SYSCALL], GATE_INTR32 | GATE_DPL3);
	/* int3 and into may be raised by user code, as on Linux (its system
	 * gates): SIGTRAP and SIGSEGV, not a general protection fault. */
	idt_set(TRAP_BP, isr_table[TRAP_BP], GATE_INTR32 | GATE_DPL3);
	idt_set(TRAP_OF, isr_table[TRAP_OF], GATE_INTR32 | GATE_DPL3);
	struct idt_ptr p = { sizeof(idt) - 1, (uint32_t)idt };
	__asm__ volatile("lidt %0" : : "m"(p));
}

void idt_set_task_gate(unsigned vector, uint16_t selector)
{
	idt_set(vector, 0, GATE_TASK);
	idt[vector].selector = selector;
}
