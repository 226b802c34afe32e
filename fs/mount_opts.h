/*
 * mount_opts.h - the options string mount(2) hands a file system (its
 * data argument), as tmpfs reads it (fs/mount_opts.c). Pure: no locks,
 * no allocation; the host unit tests run it as it is.
 */
#ifndef FS_MOUNT_OPTS_H
#define FS_MOUNT_OPTS_H

#include <stdbool.h>
#include <stdint.h>

#define TMPFS_DEFAULT_MODE 01777        /* a tmpfs root's without mode=: everyone's, sticky */
#define TMPFS_MODE_MASK    07777        /* mode= keeps the permission and set-id bits */

/* huge= (Linux's shmem_param_enums_huge), in its order: a hint about
 * transparent huge pages, which this kernel does not make; kept and shown. */
enum tmpfs_huge { TMPFS_HUGE_NEVER, TMPFS_HUGE_ALWAYS, TMPFS_HUGE_WITHIN_SIZE, TMPFS_HUGE_ADVISE };

struct tmpfs_opts {
	bool size_given;                /* size= or nr_blocks= was there (0 pages: no limit) */
	uint32_t max_pages;             /* size=, in pages rounded up; nr_blocks= */
	bool inodes_given;              /* nr_inodes= was there (0: no limit) */
	uint32_t max_inodes;
	bool uid_given, gid_given, huge_given;
	uint32_t mode;                  /* mode= & TMPFS_MODE_MASK, else TMPFS_DEFAULT_MODE */
	uint32_t uid, gid;              /* uid=, gid= (the caller's default without) */
	enum tmpfs_huge huge;
	uint32_t sb_set, sb_clear;      /* the generic words' MS_ flags (ro: MS_RDONLY, sync,
					 * dirsync, mand, lazytime), set and cleared; the
					 * last word for a flag wins */
	/* On -EINVAL, why, as Linux logs it ("tmpfs: Bad value for 'mode'"):
	 * the message and the option's name (NULL: none to name). */
	const char *why, *key;
	uint32_t key_len;
};

/* Parse a tmpfs options string ("size=64k,mode=1777"; NULL or "": none)
 * on a machine of total_frames pages: 0, or -EINVAL for what Linux 6.1's
 * shmem_parse_options refuses: an unknown option, a bad value, a value
 * given to a flag, an option this kernel cannot have (inode64: 32-bit
 * inode numbers; mpol: no NUMA), as Debian's i386 kernel refuses them. */
int tmpfs_parse_opts(const char *opts, uint32_t total_frames, struct tmpfs_opts *out);

/* huge='s word for h ("never", ...), as /proc/mounts shows it. */
const char *tmpfs_huge_name(enum tmpfs_huge h);

#endif
