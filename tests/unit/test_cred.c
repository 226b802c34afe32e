/*
 * test_cred.c - host unit tests for the set*id and resource-limit rules
 * (proc/cred_rules.c), each case as Linux's kernel/sys.c decides it:
 * root becomes anyone; a user moves only among its real, effective and
 * saved ids; setreuid's saved-id rule; setfsuid returning the old id;
 * raising a hard limit needs root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "proc/cred.h"
#include "uapi/errno.h"

#define KEEP CRED_ID_KEEP

static struct cred user(uint32_t r, uint32_t e, uint32_t s)
{
	struct cred c = CRED_INIT;
	c.uid = r, c.euid = e, c.suid = s, c.fsuid = e;
	return c;
}

static void assert_uids(const struct cred *c, uint32_t r, uint32_t e, uint32_t s, uint32_t fs)
{
	assert_int_equal(c->uid, r);
	assert_int_equal(c->euid, e);
	assert_int_equal(c->suid, s);
	assert_int_equal(c->fsuid, fs);
}

static void test_setuid_root_sets_all(void **state)
{
	(void)state;
	struct cred c = user(0, 0, 0);
	assert_int_equal(cred_setuid(&c, 1000), 0);
	assert_uids(&c, 1000, 1000, 1000, 1000);
	assert_int_equal(cred_setuid(&c, 0), -EPERM);          /* no way back */
	assert_int_equal(cred_setuid(&c, KEEP), -EINVAL);
}

static void test_setuid_user_only_effective(void **state)
{
	(void)state;
	struct cred c = user(1000, 0, 0);                    /* a set-user-ID root program */
	assert_int_equal(cred_setuid(&c, 0), 0);             /* euid 0: privileged, all change */
	assert_uids(&c, 0, 0, 0, 0);
	c = user(1000, 2000, 3000);
	assert_int_equal(cred_setuid(&c, 3000), 0);          /* the saved id */
	assert_uids(&c, 1000, 3000, 3000, 3000);
	assert_int_equal(cred_setuid(&c, 2000), -EPERM);
}

static void test_setreuid_saved_id_rule(void **state)
{
	(void)state;
	struct cred c = user(1000, 2000, 3000);
	assert_int_equal(cred_setreuid(&c, KEEP, 1000), 0);  /* to the real id: saved stays */
	assert_uids(&c, 1000, 1000, 3000, 1000);
	assert_int_equal(cred_setreuid(&c, KEEP, 3000), 0);  /* away from it: saved follows */
	assert_uids(&c, 1000, 3000, 3000, 3000);
	assert_int_equal(cred_setreuid(&c, 3000, KEEP), 0);  /* real changed: saved = effective */
	assert_uids(&c, 3000, 3000, 3000, 3000);
	assert_int_equal(cred_setreuid(&c, 5, KEEP), -EPERM);
	assert_int_equal(cred_setreuid(&c, KEEP, KEEP), 0);
}

static void test_setresuid(void **state)
{
	(void)state;
	struct cred c = user(1000, 2000, 3000);
	assert_int_equal(cred_setresuid(&c, 3000, 1000, 2000), 0);
	assert_uids(&c, 3000, 1000, 2000, 1000);
	assert_int_equal(cred_setresuid(&c, KEEP, 4000, KEEP), -EPERM);
	assert_uids(&c, 3000, 1000, 2000, 1000);            /* unchanged on failure */
	c = user(0, 0, 0);
	assert_int_equal(cred_setresuid(&c, 1, 2, 3), 0);
	assert_uids(&c, 1, 2, 3, 2);
}

static void test_setfsuid_returns_old(void **state)
{
	(void)state;
	struct cred c = user(1000, 1000, 1000);
	assert_int_equal(cred_setfsuid(&c, 0), 1000);        /* refused, old id back */
	assert_int_equal(c.fsuid, 1000);
	c = user(1000, 1000, 0);
	assert_int_equal(cred_setfsuid(&c, 0), 1000);        /* the saved id: allowed */
	assert_int_equal(c.fsuid, 0);
	assert_int_equal(cred_setfsuid(&c, KEEP), 0);        /* -1 only asks */
}

static void test_setgid_and_groups(void **state)
{
	(void)state;
	struct cred c = user(1000, 1000, 1000);
	uint32_t groups[] = { 10, 20 };
	c.groups = groups, c.ngroups = 2;
	assert_int_equal(cred_setgid(&c, 10), -EPERM);       /* a supplementary group is not enough */
	assert_true(cred_in_group(&c, 20));
	assert_true(cred_in_group(&c, 0));                   /* the file-system group */
	assert_false(cred_in_group(&c, 30));
	c = user(0, 0, 0);
	assert_int_equal(cred_setresgid(&c, 5, 6, 7), 0);
	assert_int_equal(c.fsgid, 6);
}

/* setgroups_keeps_given_order: setgroups kept the list as given, where
 * Linux sorts it (groups_sort), so getgroups and /proc/PID/status listed
 * the groups in another order than Linux. */
static void test_setgroups_sorts(void **state)
{
	(void)state;
	uint32_t g[] = { 30, 5, 20, 5, 0xfffffffe, 1, 10, 7, 3, 2, 9 };
	uint32_t n = sizeof(g) / sizeof(g[0]);
	cred_sort_groups(g, n);
	for (uint32_t i = 1; i < n; i++)
		assert_true(g[i - 1] <= g[i]);
	assert_int_equal(g[0], 1);
	assert_int_equal(g[n - 1], 0xfffffffe);
	cred_sort_groups(g, 0);
}

/* setuid_exec_was_ignored: execve kept the caller's ids whatever the
 * file's set-id bits. The saved and file-system ids follow the effective
 * ones after every exec, set-id or not (Linux's cap_bprm_creds_from_file). */
/* The effective, saved and file-system ids are all e (users), eg (groups). */
static void assert_exec_ids(const struct cred *c, uint32_t e, uint32_t eg)
{
	assert_int_equal(c->euid, e);
	assert_int_equal(c->suid, e);
	assert_int_equal(c->fsuid, e);
	assert_int_equal(c->egid, eg);
	assert_int_equal(c->sgid, eg);
	assert_int_equal(c->fsgid, eg);
}

static void test_exec_ids(void **state)
{
	(void)state;
	struct cred c = { .uid = 5, .euid = 6, .suid = 7, .fsuid = 8, .gid = 1, .egid = 2, .sgid = 3, .fsgid = 4 };
	cred_exec(&c, false, 100, false, 200);
	assert_exec_ids(&c, 6, 2);
	cred_exec(&c, true, 100, true, 200);
	assert_exec_ids(&c, 100, 200);
	assert_int_equal(c.uid, 5);
	assert_int_equal(c.gid, 1);
}

static void test_rlimit_rules(void **state)
{
	(void)state;
	struct cred c = user(1000, 1000, 1000);
	struct rlimit64 r = { 10, 4096 };
	assert_int_equal(cred_rlimit_check(&c, RLIMIT_NOFILE, &r), 0);
	r.rlim_max = 4097;
	assert_int_equal(cred_rlimit_check(&c, RLIMIT_NOFILE, &r), -EPERM);
	r = (struct rlimit64){ 20, 10 };
	assert_int_equal(cred_rlimit_check(&c, RLIMIT_NOFILE, &r), -EINVAL);
	assert_int_equal(cred_rlimit_check(&c, RLIM_NLIMITS, &r), -EINVAL);
	c = user(0, 0, 0);
	r = (struct rlimit64){ 10, CRED_NR_OPEN + 1 };
	assert_int_equal(cred_rlimit_check(&c, RLIMIT_NOFILE, &r), -EPERM);
	r.rlim_max = CRED_NR_OPEN;
	assert_int_equal(cred_rlimit_check(&c, RLIMIT_NOFILE, &r), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setuid_root_sets_all),
		cmocka_unit_test(test_setuid_user_only_effective),
		cmocka_unit_test(test_setreuid_saved_id_rule),
		cmocka_unit_test(test_setresuid),
		cmocka_unit_test(test_setfsuid_returns_old),
		cmocka_unit_test(test_setgid_and_groups),
		cmocka_unit_test(test_setgroups_sorts),
		cmocka_unit_test(test_exec_ids),
		cmocka_unit_test(test_rlimit_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
