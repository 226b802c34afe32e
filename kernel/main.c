/*
 * main.c - kmain(): bring the machine up in dependency order, then hand
 * over to the self-tests (test=...) or the first program (init=...).
 */
#include "boot/bootinfo.h"
#include "kernel/boot.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/doublefault.h"
#include "kernel/gdt.h"
#include "kernel/kbench.h"
#include "kernel/ktest.h"
#include "kernel/panic.h"
#include "kernel/trap.h"
#include "kernel/version.h"
#include "kernel/x86.h"
#include "drivers/keyboard.h"
#include "drivers/pic.h"
#include "drivers/pit.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "mm/fault.h"
#include "mm/frame.h"
#include "mm/tmt.h"
#include "mm/vmm.h"

struct boot_info boot_info;
struct cmdline boot_cmdline;

/* Echo what is typed on the keyboard or COM1 until interrupted forever. */
static void console_echo_loop(void)
{
	for (;;) {
		int c = keyboard_getc();
		if (c < 0 && serial_rx_ready(COM1_PORT))
			c = serial_getc(COM1_PORT);
		if (c < 0) {
			hlt();
			continue;
		}
		console_putc(c == '\r' ? '\n' : (char)c);
	}
}

void kmain(uint32_t magic, uint32_t mbi_phys)
{
	console_init();
	gdt_init();
	idt_init();
	doublefault_init();
	tmt_init();                       /* needs nothing; boot_info_load reads through it */
	boot_info_load(magic, mbi_phys, &boot_info);

	cmdline_parse(&boot_cmdline, boot_info.cmdline);
	panic_set_test_profile(cmdline_has(&boot_cmdline, "test") || cmdline_has(&boot_cmdline, "crash") ||
			       cmdline_has(&boot_cmdline, "bench"));
	console_set_loglevel((int)cmdline_get_long(&boot_cmdline, "loglevel", LOG_INFO + 1));

	kprintf("%s %s (built %s %s)\n", KERNEL_NAME, KERNEL_VERSION, __DATE__, __TIME__);
	boot_info_print(&boot_info);

	vmm_init();
	frame_init(&boot_info);           /* from here on kmalloc and vmm_map work */
	fault_init();

	pic_init();
	pit_init();
	keyboard_init();
	sti();

	crash_if_asked(cmdline_get(&boot_cmdline, "crash"));
	const char *tests = cmdline_get(&boot_cmdline, "test");
	if (tests)
		ktest_run(*tests ? tests : "all");
	const char *bench = cmdline_get(&boot_cmdline, "bench");
	if (bench)
		kbench_run(*bench ? bench : "all");

	kprintf("no init yet: echoing the console (Ctrl-A X quits QEMU)\n");
	console_echo_loop();
}
