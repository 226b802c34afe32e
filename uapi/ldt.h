/*
 * ldt.h - struct user_desc, as set_thread_area takes it (Linux:
 * arch/x86/include/uapi/asm/ldt.h). The C bit-fields of the third word are
 * written as masks so the layout does not depend on the compiler.
 */
#ifndef UAPI_LDT_H
#define UAPI_LDT_H

#include <stdint.h>

struct user_desc {
	uint32_t entry_number;
	uint32_t base_addr;
	uint32_t limit;
	uint32_t flags;     /* seg_32bit:1 contents:2 read_exec_only:1 limit_in_pages:1 seg_not_present:1 useable:1 */
} __attribute__((packed));
_Static_assert(sizeof(struct user_desc) == 16, "struct user_desc is 16 bytes");

#define UD_SEG_32BIT        (1u << 0)
#define UD_CONTENTS_SHIFT   1
#define UD_CONTENTS_MASK    3u
#define UD_READ_EXEC_ONLY   (1u << 3)
#define UD_LIMIT_IN_PAGES   (1u << 4)
#define UD_SEG_NOT_PRESENT  (1u << 5)
#define UD_USEABLE          (1u << 6)

#define MODIFY_LDT_CONTENTS_DATA  0
#define MODIFY_LDT_CONTENTS_STACK 1
#define MODIFY_LDT_CONTENTS_CODE  2

#define GDT_ENTRY_ANY       0xffffffffu    /* entry_number: "pick a free slot" */

#endif
