/* prompt_tsc.c - the end of boot_to_prompt (bench/boot_to_prompt.py): run
 * by the last line of the login shell's /etc/profile, just before the
 * first prompt, on both kernels. Prints the TSC first thing, then, where
 * the kernel logged one (tern: "boot: tsc at entry N"), its entry TSC
 * from the kernel log (syslog(2); only after the clock was read).
 *   PROMPT_TSC=N
 *   KERNEL_ENTRY_TSC=N        (tern only) */
#include <sys/klog.h>
#include "bench.h"

#define SYSLOG_READ_ALL 3
#define LOG_BYTES 16384
#define ENTRY_KEY "boot: tsc at entry "

int main(void)
{
	uint64_t now = bench_rdtsc();
	printf("PROMPT_TSC=%llu\n", (unsigned long long)now);
	static char log[LOG_BYTES + 1];
	int n = klogctl(SYSLOG_READ_ALL, log, LOG_BYTES);
	char *at = n > 0 ? (log[n] = 0, strstr(log, ENTRY_KEY)) : NULL;
	if (at)
		printf("KERNEL_ENTRY_TSC=%llu\n", strtoull(at + strlen(ENTRY_KEY), NULL, 10));
	fflush(stdout);
	return 0;
}
