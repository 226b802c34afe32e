/*
 * mount_opts.h - the options string mount(2) hands a file system (its
 * data argument), as tmpfs reads it (fs/mount_opts.c). Pure: no locks,
 * no allocation; the host unit tests run it as it is.
 */
#ifndef FS_MOUNT_OPTS_H
#define FS_MOUNT_OPTS_H

#include <stdbool.h>
#include <stdint.h>

struct tmpfs_opts {
	bool size_given;                /* size= was there (0 pages: no limit) */
	uint32_t max_pages;             /* size=, in pages rounded up */
};

/* Parse a tmpfs options string ("size=64k,mode=1777"; NULL or "": none)
 * on a machine of total_frames pages: 0, or -EINVAL for a size= Linux
 * would refuse ("tmpfs: Bad value for 'size'"). */
int tmpfs_parse_opts(const char *opts, uint32_t total_frames, struct tmpfs_opts *out);

#endif
