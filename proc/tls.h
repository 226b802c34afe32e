/*
 * tls.h - Linux's struct user_desc (asm/ldt.h), as set_thread_area takes it.
 */
#ifndef PROC_TLS_H
#define PROC_TLS_H

#include <stdint.h>

struct user_desc {
	uint32_t entry_number;
	uint32_t base_addr;
	uint32_t limit;
	uint32_t flags;     /* seg_32bit:1 contents:2 read_exec_only:1 limit_in_pages:1 seg_not_present:1 useable:1 */
} __attribute__((packed));



#endif
