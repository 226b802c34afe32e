/*
 * main.c - kmain(): bring the machine up in dependency order, then hand
 * over to the self-tests (test=...) or the first program (init=...).
 */
#include "boot/bootinfo.h"
#include "kernel/boot.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/doublefault.h"
#include "kernel/entropy.h"
#include "kernel/gdt.h"
#include "kernel/kbench.h"
#include "kernel/ktest.h"
#include "kernel/panic.h"
#include "kernel/protect.h"
#include "kernel/random.h"
#include "kernel/stackprot.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/time.h"
#include "kernel/trap.h"
#include "kernel/version.h"
#include "kernel/x86.h"
#include "drivers/debugexit.h"
#include "drivers/keyboard.h"
#include "tty/tty.h"
#include "drivers/pic.h"
#include "drivers/pit.h"
#include "mm/aslr.h"
#include "mm/fault.h"
#include "mm/frame.h"
#include "mm/tmt.h"
#include "mm/vmm.h"
#include "fs/file.h"
#include "fs/chrdev.h"
#include "fs/initramfs.h"
#include "fs/vfs.h"
#include "proc/proc.h"

struct boot_info boot_info;
struct cmdline boot_cmdline;

#define DEFAULT_INIT   "/sbin/init"
#define INIT_ARGS_MAX  16
#define INIT_ARGS_MARK " -- "

/* Words after " -- " on the command line are init's arguments, as on Linux. */
static char init_args[BOOT_CMDLINE_MAX];

static void split_init_args(char *cmdline)
{
	char *mark = strstr(cmdline, INIT_ARGS_MARK);
	if (mark) {
		strlcpy(init_args, mark + strlen(INIT_ARGS_MARK), sizeof(init_args));
		*mark = '\0';
	}
}

/* The first program, with the console as its stdin, stdout and stderr.
 * With exit=debug (or under the test profile) the machine ends when it does,
 * through isa-debug-exit: pass if it exited 0. */
static void start_init(const char *path)
{
	static char *envp[] = { "HOME=/", "TERM=linux", "PATH=/sbin:/bin:/usr/sbin:/usr/bin", NULL };
	char *argv[INIT_ARGS_MAX + 2] = { (char *)(path ? path : DEFAULT_INIT) };
	split_words(init_args, argv + 1, INIT_ARGS_MAX);
	struct file *con = console_file();
	struct file *stdio[3] = { con, con, con };
	struct tlb_counts tlb0 = tlb_counts;
	int pid = proc_spawn(argv[0], argv, envp, stdio);
	file_put(con);
	int status = -1;
	if (pid < 0)
		kprintf("init: cannot start %s (error %d); nothing to run\n", argv[0], pid);
	else if (proc_wait(pid, &status) == pid)
		kprintf("init (%s) ended with status %d\n", argv[0], status);
	/* For bench/run.py: the TLB work of init's whole life. */
	kprintf("tlb: cr3_loads=%u invlpg=%u\n", tlb_counts.cr3_loads - tlb0.cr3_loads,
		tlb_counts.invlpgs - tlb0.invlpgs);
	const char *exit_opt = cmdline_get(&boot_cmdline, "exit");
	if (in_test_profile() || (exit_opt && strcmp(exit_opt, "debug") == 0))
		debugexit(status == 0 ? DEBUGEXIT_PASS : DEBUGEXIT_FAIL);
}

/* kmain's thread has nothing left to do: it sleeps on, woken by nothing. */
static void __attribute__((noreturn)) park(void)
{
	for (;;)
		sleep_ticks(~0ull >> 1);
}

void kmain(uint32_t magic, uint32_t mbi_phys)
{
	stack_protector_init();           /* first: no protected function may be running */
	protect_init();                   /* patches text: before kimage makes it read-only */
	console_init();
	gdt_init();
	idt_init();
	doublefault_init();
	tmt_init();                       /* needs nothing; boot_info_load reads through it */
	boot_info_load(magic, mbi_phys, &boot_info);

	split_init_args(boot_info.cmdline);
	cmdline_parse(&boot_cmdline, boot_info.cmdline);
	panic_set_test_profile(cmdline_has(&boot_cmdline, "test") || cmdline_has(&boot_cmdline, "crash") ||
			       cmdline_has(&boot_cmdline, "bench"));
	console_set_loglevel((int)cmdline_get_long(&boot_cmdline, "loglevel", LOG_INFO + 1));

	kprintf("%s %s (built %s %s)\n", KERNEL_NAME, KERNEL_VERSION, __DATE__, __TIME__);
	boot_info_print(&boot_info);
	pr_info("boot: tsc at entry %llu\n", boot_entry_tsc);   /* boot_to_prompt's start (bench/) */

	vmm_init();
	frame_init(&boot_info);           /* from here on kmalloc and vmm_map work */
	fault_init();
	time_init();
	/* Seeded from the CPU's generator or boot-time jitter, not the clock
	 * alone (kernel/entropy.h). */
	random_init(time_boot_epoch() ^ ((uint64_t)entropy_u32() << 32 | entropy_u32()));
	aslr_init(cmdline_has(&boot_cmdline, "norandmaps"));
	kprintf("entropy: %s; SMEP %s, SMAP %s; randomize_va_space %d\n", entropy_source(),
		smep_enabled() ? "on" : "off", smap_enabled() ? "on" : "off", aslr_level());
	proc_init();                      /* kmain is now thread 0 of process 0 */
	long slice = cmdline_get_long(&boot_cmdline, "timeslice", 0);
	if (slice > 0)                    /* ticks; 1 makes races show (tests) */
		sched_set_timeslice((uint32_t)slice);
	initramfs_init(&boot_info);
	chrdev_init();                    /* the devices and /dev's nodes */
	vfs_mount_boot();                 /* /dev and /proc, as Linux's devtmpfs.mount */

	pic_init();
	pit_init();
	keyboard_init();
	tty_console_init();
	sti();

	crash_if_asked(cmdline_get(&boot_cmdline, "crash"));
	const char *tests = cmdline_get(&boot_cmdline, "test");
	if (tests)
		ktest_run(*tests ? tests : "all");
	const char *bench = cmdline_get(&boot_cmdline, "bench");
	if (bench)
		kbench_run(*bench ? bench : "all");

	start_init(cmdline_get(&boot_cmdline, "init"));
	park();
}
