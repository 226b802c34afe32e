/*
 * test_mount_opts.c - host unit tests for tmpfs's mount options
 * (fs/mount_opts.c): size= in bytes, with memparse's suffixes and base
 * prefixes, as a percentage of memory, rounded up to pages, 0 for no
 * limit, among other options; nr_blocks=, nr_inodes=, mode=, uid=, gid=,
 * huge=, inode32 and the generic words (ro, sync...); and what Linux
 * 6.1 refuses (EINVAL): bad values, unknown names, inode64, mpol=.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fs/mount_opts.h"
#include "uapi/errno.h"
#include "uapi/mount.h"

#define FRAMES 1001u                    /* an odd memory size: percentages round */

/* The pages size= gives in opts (asserting it parses and is there). */
static uint32_t pages_of(const char *opts)
{
	struct tmpfs_opts o;
	assert_int_equal(tmpfs_parse_opts(opts, FRAMES, &o), 0);
	assert_true(o.size_given);
	return o.max_pages;
}

static void test_size_in_bytes_rounds_up_to_pages(void **state)
{
	(void)state;
	assert_int_equal(pages_of("size=1"), 1);
	assert_int_equal(pages_of("size=4096"), 1);
	assert_int_equal(pages_of("size=4097"), 2);
	assert_int_equal(pages_of("size=0x2000"), 2);
	assert_int_equal(pages_of("size=020000"), 2);     /* octal 8192 */
}

static void test_size_suffixes(void **state)
{
	(void)state;
	assert_int_equal(pages_of("size=64k"), 16);
	assert_int_equal(pages_of("size=64K"), 16);
	assert_int_equal(pages_of("size=1m"), 256);
	assert_int_equal(pages_of("size=2G"), 524288);
	assert_int_equal(pages_of("size=1t"), UINT32_MAX / 16 + 1);
	assert_int_equal(pages_of("size=1e"), UINT32_MAX);   /* more pages than 32 bits: capped */
}

static void test_size_percent_of_memory(void **state)
{
	(void)state;
	assert_int_equal(pages_of("size=50%"), 501);      /* 500.5 pages, up */
	assert_int_equal(pages_of("size=100%"), FRAMES);
	assert_int_equal(pages_of("size=200%"), 2 * FRAMES);
}

static void test_size_zero_is_no_limit(void **state)
{
	(void)state;
	assert_int_equal(pages_of("size=0"), 0);
	assert_int_equal(pages_of("size=k"), 0);          /* memparse: no digits read as 0 */
}

/* opts parsed (asserting it parses). */
static struct tmpfs_opts parsed(const char *opts)
{
	struct tmpfs_opts o;
	assert_int_equal(tmpfs_parse_opts(opts, FRAMES, &o), 0);
	return o;
}

static void test_counts(void **state)
{
	(void)state;
	struct tmpfs_opts o = parsed("nr_inodes=1k,nr_blocks=0x10");
	assert_true(o.inodes_given && o.size_given);
	assert_int_equal(o.max_inodes, 1024);
	assert_int_equal(o.max_pages, 16);
	assert_false(parsed("size=4k").inodes_given);
	assert_int_equal(parsed("nr_inodes=1t").max_inodes, UINT32_MAX);   /* capped */
}

static void test_mode_and_owners(void **state)
{
	(void)state;
	struct tmpfs_opts o = parsed("mode=0750,uid=0x10,gid=010");
	assert_int_equal(o.mode, 0750);
	assert_true(o.uid_given && o.gid_given);
	assert_int_equal(o.uid, 16);
	assert_int_equal(o.gid, 8);
	assert_int_equal(parsed("").mode, TMPFS_DEFAULT_MODE);
	assert_false(parsed("").uid_given);
	assert_int_equal(parsed("mode=17777").mode, 07777);   /* masked */
	assert_int_equal(parsed("mode=+755\n").mode, 0755);  /* kstrtouint's + and newline */
	assert_int_equal(parsed("uid=4294967294").uid, 4294967294u);
}

static void test_huge_and_flags(void **state)
{
	(void)state;
	assert_int_equal(parsed("huge=within_size").huge, TMPFS_HUGE_WITHIN_SIZE);
	assert_true(parsed("huge=never").huge_given);
	assert_int_equal(parsed("inode32").sb_set, 0);
	struct tmpfs_opts o = parsed("sync,ro,dirsync=1,rw,mand,nomand");
	assert_int_equal(o.sb_set, MS_SYNCHRONOUS | MS_DIRSYNC);
	assert_int_equal(o.sb_clear, MS_RDONLY | MS_MANDLOCK);
}

static void test_size_among_other_options(void **state)
{
	(void)state;
	assert_int_equal(pages_of("mode=1777,size=8k,uid=0"), 2);
	assert_int_equal(pages_of("size=8k,size=12k"), 3);   /* the last one counts */
	assert_int_equal(pages_of("nr_inodes=5,size=4k"), 1);
}

static void test_no_size(void **state)
{
	(void)state;
	struct tmpfs_opts o;
	const char *none[] = { NULL, "", "mode=755", "ro,,uid=0", ",,," };
	for (unsigned i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		assert_int_equal(tmpfs_parse_opts(none[i], FRAMES, &o), 0);
		assert_false(o.size_given);
	}
}

static void test_bad_size_is_einval(void **state)
{
	(void)state;
	struct tmpfs_opts o;
	const char *bad[] = { "size=", "size", "size=12q", "size=1kk", "size=08",
			      "size=-1", "size=50%%", "mode=1,size=x", "size=16k,5" };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(tmpfs_parse_opts(bad[i], FRAMES, &o), -EINVAL);
}

static void test_bad_options_are_einval(void **state)
{
	(void)state;
	struct tmpfs_opts o;
	const char *bad[] = { "mode=8", "mode=", "mode", "uid=-1", "uid=4294967295",
			      "uid=4294967296", "gid=1 ", "nr_inodes=", "nr_inodes=1q", "huge=yes",
			      "huge", "inode64", "inode32=1", "mpol=default", "nosize=4k", "noexec",
			      "=5", "Mode=755", "x,y,,z" };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(tmpfs_parse_opts(bad[i], FRAMES, &o), -EINVAL);
}

/* The refused option's name and Linux's words for it (what mount logs). */
static void test_why_refused(void **state)
{
	(void)state;
	struct tmpfs_opts o;
	assert_int_equal(tmpfs_parse_opts("size=1k,mode=8", FRAMES, &o), -EINVAL);
	assert_string_equal(o.why, "Bad value for");
	assert_int_equal(o.key_len, 4);
	assert_memory_equal(o.key, "mode", 4);
	assert_int_equal(tmpfs_parse_opts("nr_indoes=4", FRAMES, &o), -EINVAL);
	assert_string_equal(o.why, "Unknown parameter");
	assert_int_equal(tmpfs_parse_opts("inode32=1", FRAMES, &o), -EINVAL);
	assert_string_equal(o.why, "Unexpected value for");
	assert_int_equal(tmpfs_parse_opts("mpol=default", FRAMES, &o), -EINVAL);
	assert_string_equal(o.why, "Unsupported parameter");
	assert_int_equal(tmpfs_parse_opts("inode64", FRAMES, &o), -EINVAL);
	assert_null(o.key);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_in_bytes_rounds_up_to_pages),
		cmocka_unit_test(test_size_suffixes),
		cmocka_unit_test(test_size_percent_of_memory),
		cmocka_unit_test(test_size_zero_is_no_limit),
		cmocka_unit_test(test_size_among_other_options),
		cmocka_unit_test(test_no_size),
		cmocka_unit_test(test_bad_size_is_einval),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_mode_and_owners),
		cmocka_unit_test(test_huge_and_flags),
		cmocka_unit_test(test_bad_options_are_einval),
		cmocka_unit_test(test_why_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
