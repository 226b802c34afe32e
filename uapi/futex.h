/*
 * futex.h - the robust futex list head (Linux: linux/futex.h), i386 layout.
 */
#ifndef UAPI_FUTEX_H
#define UAPI_FUTEX_H

#include <stdint.h>

struct robust_list_head {
	uint32_t list_next;          /* struct robust_list * */
	int32_t futex_offset;
	uint32_t list_op_pending;    /* struct robust_list * */
};
_Static_assert(sizeof(struct robust_list_head) == 12, "robust_list_head is 12 bytes on i386");

#endif
