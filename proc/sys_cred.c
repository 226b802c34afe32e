/*
 * sys_cred.c - the identity system calls: user and group ids (the 32-bit
 * calls glibc uses), supplementary groups, umask. The rules are in
 * cred_rules.c; here the arguments cross from user space.
 */
#include "gen/syscalls.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "mm/kheap.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/limits.h"
#include "uapi/stat.h"

long sys_getuid(void) { return current_cred()->uid; }
long sys_geteuid(void) { return current_cred()->euid; }
long sys_getgid(void) { return current_cred()->gid; }
long sys_getegid(void) { return current_cred()->egid; }

long sys_setuid(uint32_t uid) { return cred_setuid(current_cred(), uid); }
long sys_setgid(uint32_t gid) { return cred_setgid(current_cred(), gid); }
long sys_setreuid(uint32_t ruid, uint32_t euid) { return cred_setreuid(current_cred(), ruid, euid); }
long sys_setregid(uint32_t rgid, uint32_t egid) { return cred_setregid(current_cred(), rgid, egid); }
long sys_setfsuid(uint32_t uid) { return cred_setfsuid(current_cred(), uid); }
long sys_setfsgid(uint32_t gid) { return cred_setfsgid(current_cred(), gid); }

long sys_setresuid(uint32_t ruid, uint32_t euid, uint32_t suid)
{
	return cred_setresuid(current_cred(), ruid, euid, suid);
}

long sys_setresgid(uint32_t rgid, uint32_t egid, uint32_t sgid)
{
	return cred_setresgid(current_cred(), rgid, egid, sgid);
}

/* Three ids out to three user words, each checked as Linux's put_user does. */
static long put_ids(user_ptr_t a, user_ptr_t b, user_ptr_t c, const uint32_t ids[3])
{
	user_ptr_t where[3] = { a, b, c };
	for (int i = 0; i < 3; i++)
		if (copy_to_user(where[i], &ids[i], sizeof(ids[i])))
			return -EFAULT;
	return 0;
}

long sys_getresuid(user_ptr_t ruid, user_ptr_t euid, user_ptr_t suid)
{
	struct cred *c = current_cred();
	return put_ids(ruid, euid, suid, (uint32_t[3]){ c->uid, c->euid, c->suid });
}

long sys_getresgid(user_ptr_t rgid, user_ptr_t egid, user_ptr_t sgid)
{
	struct cred *c = current_cred();
	return put_ids(rgid, egid, sgid, (uint32_t[3]){ c->gid, c->egid, c->sgid });
}

long sys_getgroups(int size, user_ptr_t list)
{
	struct cred *c = current_cred();
	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if ((uint32_t)size < c->ngroups)
		return -EINVAL;
	if (copy_to_user(list, c->groups, c->ngroups * sizeof(uint32_t)))
		return -EFAULT;
	return c->ngroups;
}

long sys_setgroups(int size, user_ptr_t list)
{
	struct cred *c = current_cred();
	if (!cred_id_capable(c))
		return -EPERM;
	if (size < 0 || (uint32_t)size > NGROUPS_MAX)
		return -EINVAL;
	uint32_t *groups = size ? kmalloc((uint32_t)size * sizeof(uint32_t)) : NULL;
	if (size && !groups)
		return -ENOMEM;
	if (size && copy_from_user(groups, list, (uint32_t)size * sizeof(uint32_t))) {
		kfree(groups);
		return -EFAULT;
	}
	cred_sort_groups(groups, (uint32_t)size);
	kfree(c->groups);
	c->groups = groups;
	c->ngroups = (uint32_t)size;
	return 0;
}

long sys_umask(int mask)
{
	struct fs_struct *fs = current_process()->fs;   /* shared with CLONE_FS sharers */
	uint32_t old = fs->umask;
	fs->umask = (uint32_t)mask & S_IRWXUGO;
	return old;
}
