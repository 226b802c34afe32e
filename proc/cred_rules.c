/*
 * cred_rules.c - who may become whom (see cred.h): Linux's rules for the
 * set*id calls (kernel/sys.c) and for raising a resource limit
 * (do_prlimit), as pure functions of a struct cred. An id of -1
 * (CRED_ID_KEEP) leaves that id alone; setuid(-1) is -EINVAL, as Linux
 * has no such id.
 */
#include "proc/cred.h"
#include "uapi/errno.h"

/* One of the ids an unprivileged process may switch an id to? */
static bool is_one_of(uint32_t id, uint32_t a, uint32_t b, uint32_t c)
{
	return id == a || id == b || id == c;
}

/* The set*id family works on uids and gids alike: ids[0..3] are the
 * real, effective, saved and file-system ids of one kind. */
static int set_id(uint32_t ids[4], bool capable, uint32_t id)
{
	if (id == CRED_ID_KEEP)
		return -EINVAL;
	if (capable) {
		ids[0] = ids[1] = ids[2] = ids[3] = id;
		return 0;
	}
	if (id != ids[0] && id != ids[2])
		return -EPERM;
	ids[1] = ids[3] = id;
	return 0;
}

static int set_re_id(uint32_t ids[4], bool capable, uint32_t r, uint32_t e)
{
	bool r_ok = r == CRED_ID_KEEP || capable || r == ids[0] || r == ids[1];
	bool e_ok = e == CRED_ID_KEEP || capable || is_one_of(e, ids[0], ids[1], ids[2]);
	if (!r_ok || !e_ok)
		return -EPERM;
	uint32_t old_r = ids[0];
	if (r != CRED_ID_KEEP)
		ids[0] = r;
	if (e != CRED_ID_KEEP)
		ids[1] = e;
	/* The saved id follows a change of the real one, or an effective
	 * one that leaves the old real id. */
	if (r != CRED_ID_KEEP || (e != CRED_ID_KEEP && e != old_r))
		ids[2] = ids[1];
	ids[3] = ids[1];
	return 0;
}

static int set_res_id(uint32_t ids[4], bool capable, const uint32_t want[3])
{
	for (int i = 0; i < 3 && !capable; i++)
		if (want[i] != CRED_ID_KEEP && !is_one_of(want[i], ids[0], ids[1], ids[2]))
			return -EPERM;
	for (int i = 0; i < 3; i++)
		if (want[i] != CRED_ID_KEEP)
			ids[i] = want[i];
	ids[3] = ids[1];
	return 0;
}

static uint32_t set_fs_id(uint32_t ids[4], bool capable, uint32_t id)
{
	uint32_t old = ids[3];
	if (id != CRED_ID_KEEP && (capable || is_one_of(id, ids[0], ids[1], ids[2]) || id == old))
		ids[3] = id;
	return old;
}

/* The ids of one kind out of c and back: uids or gids. */
static void ids_of(const struct cred *c, bool gids, uint32_t ids[4])
{
	ids[0] = gids ? c->gid : c->uid;
	ids[1] = gids ? c->egid : c->euid;
	ids[2] = gids ? c->sgid : c->suid;
	ids[3] = gids ? c->fsgid : c->fsuid;
}

static void ids_set(struct cred *c, bool gids, const uint32_t ids[4])
{
	if (gids) {
		c->gid = ids[0], c->egid = ids[1], c->sgid = ids[2], c->fsgid = ids[3];
	} else {
		c->uid = ids[0], c->euid = ids[1], c->suid = ids[2], c->fsuid = ids[3];
	}
}

/* What each call does to one kind of id. */
enum id_call { CALL_SET, CALL_SETRE, CALL_SETRES };

static int change(struct cred *c, bool gids, enum id_call call, const uint32_t a[3])
{
	uint32_t ids[4];
	bool capable = cred_id_capable(c);
	int err;
	ids_of(c, gids, ids);
	if (call == CALL_SET)
		err = set_id(ids, capable, a[0]);
	else if (call == CALL_SETRE)
		err = set_re_id(ids, capable, a[0], a[1]);
	else
		err = set_res_id(ids, capable, a);
	if (!err)
		ids_set(c, gids, ids);
	return err;
}

int cred_setuid(struct cred *c, uint32_t uid) { return change(c, false, CALL_SET, (uint32_t[3]){ uid }); }
int cred_setgid(struct cred *c, uint32_t gid) { return change(c, true, CALL_SET, (uint32_t[3]){ gid }); }
int cred_setreuid(struct cred *c, uint32_t r, uint32_t e) { return change(c, false, CALL_SETRE, (uint32_t[3]){ r, e }); }
int cred_setregid(struct cred *c, uint32_t r, uint32_t e) { return change(c, true, CALL_SETRE, (uint32_t[3]){ r, e }); }

int cred_setresuid(struct cred *c, uint32_t r, uint32_t e, uint32_t s)
{
	return change(c, false, CALL_SETRES, (uint32_t[3]){ r, e, s });
}

int cred_setresgid(struct cred *c, uint32_t r, uint32_t e, uint32_t s)
{
	return change(c, true, CALL_SETRES, (uint32_t[3]){ r, e, s });
}

static uint32_t fs_change(struct cred *c, bool gids, uint32_t id)
{
	uint32_t ids[4];
	ids_of(c, gids, ids);
	uint32_t old = set_fs_id(ids, cred_id_capable(c), id);
	ids_set(c, gids, ids);
	return old;
}

uint32_t cred_setfsuid(struct cred *c, uint32_t fsuid) { return fs_change(c, false, fsuid); }
uint32_t cred_setfsgid(struct cred *c, uint32_t fsgid) { return fs_change(c, true, fsgid); }

void cred_exec(struct cred *c, bool setuid, uint32_t uid, bool setgid, uint32_t gid)
{
	if (setuid)
		c->euid = uid;
	if (setgid)
		c->egid = gid;
	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
}

/* Shell sort: no recursion, no memory, n log^2 n for up to NGROUPS_MAX. */
void cred_sort_groups(uint32_t *groups, uint32_t n)
{
	uint32_t gap = 1;
	while (gap < n / 3)
		gap = 3 * gap + 1;                   /* Knuth's 1, 4, 13, 40... */
	for (; gap > 0; gap /= 3)
		for (uint32_t i = gap; i < n; i++) {
			uint32_t g = groups[i], j = i;
			for (; j >= gap && groups[j - gap] > g; j -= gap)
				groups[j] = groups[j - gap];
			groups[j] = g;
		}
}

bool cred_in_group(const struct cred *c, uint32_t gid)
{
	if (gid == c->fsgid)
		return true;
	for (uint32_t i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

int cred_rlimit_check(const struct cred *c, uint32_t res, const struct rlimit64 *r)
{
	if (res >= RLIM_NLIMITS || r->rlim_cur > r->rlim_max)
		return -EINVAL;
	if (res == RLIMIT_NOFILE && r->rlim_max > CRED_NR_OPEN)
		return -EPERM;
	if (r->rlim_max > c->rlim[res].rlim_max && !cred_id_capable(c))
		return -EPERM;                   /* raising the ceiling takes CAP_SYS_RESOURCE */
	return 0;
}
