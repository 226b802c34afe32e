/*
 * cred.c - a process's credentials and limits in the kernel (see cred.h):
 * copied at fork, freed with the process.
 */
#include "proc/cred.h"
#include "proc/proc.h"
#include "kernel/string.h"
#include "mm/kheap.h"
#include "uapi/errno.h"

int cred_copy(struct cred *dst, const struct cred *src)
{
	uint32_t *groups = NULL;
	if (src->ngroups) {
		groups = kmalloc(src->ngroups * sizeof(*groups));
		if (!groups)
			return -ENOMEM;
		memcpy(groups, src->groups, src->ngroups * sizeof(*groups));
	}
	*dst = *src;
	dst->groups = groups;
	return 0;
}

void cred_free(struct cred *c)
{
	kfree(c->groups);
	c->groups = NULL;
	c->ngroups = 0;
}

struct cred *current_cred(void)
{
	return &current_process()->cred;
}

uint64_t rlimit_cur(uint32_t res)
{
	return current_process()->cred.rlim[res].rlim_cur;
}
