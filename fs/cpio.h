/*
 * cpio.h - read-only access to a cpio archive in the "newc" format, the
 * form in which the root file system reaches the kernel.
 *
 * Format (one entry after another):
 *   - a 110-byte header of ASCII text (struct cpio_newc_header): the magic
 *     "070701" (or "070702", newc with a checksum, which we do not verify),
 *     then thirteen fields of exactly 8 hex digits each;
 *   - the name, c_namesize bytes including its NUL, padded with NULs so
 *     that header + name ends on a multiple of 4 (from the archive start);
 *   - the data, c_filesize bytes, padded to a multiple of 4 likewise.
 *     For a symlink the data is the link target, not NUL-terminated.
 *   The entry named "TRAILER!!!" ends the archive; whatever follows it
 *   (GNU cpio pads with zeros to a 512-byte block) is ignored.
 *
 * Invariants of the reader:
 *   - It is pure: it only reads the archive, never writes it, allocates
 *     nothing, and every pointer it hands out points into the archive.
 *   - Nothing is read before it is known to lie inside [archive, +size);
 *     sizes from headers are compared with what remains, never added
 *     first, so values like 0xFFFFFFFF cannot wrap the arithmetic.
 *   - Every entry it returns has a NUL-terminated name without ".." path
 *     components, and data lying wholly inside the archive.
 *   - Errors are sticky: after -EINVAL the iterator does not advance, so
 *     calling cpio_next() again returns -EINVAL again.
 *
 * Names are reported with leading "/" and "./" removed (repeatedly, so
 * "/./a" is "a"); the name "." that `find .` emits for the top directory
 * becomes "" - the root itself. Other "." components, repeated or
 * trailing slashes are left as they are.
 *
 * Hard links: newc stores the data of a set of hard links once, in the
 * last entry of the set (same c_ino, c_nlink > 1); earlier links have
 * size 0. This reader reports the entries as stored and does not resolve
 * links; a consumer that cares must match them by ino.
 */
#ifndef FS_CPIO_H
#define FS_CPIO_H

#include <stdbool.h>
#include <stdint.h>
#include "uapi/stat.h"             /* c_mode holds st_mode: S_IF* type bits */

#define CPIO_MAGIC_NEWC       "070701"
#define CPIO_MAGIC_NEWC_CRC   "070702"
#define CPIO_MAGIC_LEN        6
#define CPIO_FIELD_LEN        8         /* hex digits per numeric field */
#define CPIO_HEADER_SIZE      110
#define CPIO_ALIGN            4         /* header+name and data are padded to this */
#define CPIO_TRAILER_NAME     "TRAILER!!!"

/* The header as stored: ASCII, no terminators, no alignment. */
struct cpio_newc_header {
	char c_magic[CPIO_MAGIC_LEN];
	char c_ino[CPIO_FIELD_LEN];
	char c_mode[CPIO_FIELD_LEN];
	char c_uid[CPIO_FIELD_LEN];
	char c_gid[CPIO_FIELD_LEN];
	char c_nlink[CPIO_FIELD_LEN];
	char c_mtime[CPIO_FIELD_LEN];
	char c_filesize[CPIO_FIELD_LEN];
	char c_devmajor[CPIO_FIELD_LEN];
	char c_devminor[CPIO_FIELD_LEN];
	char c_rdevmajor[CPIO_FIELD_LEN];
	char c_rdevminor[CPIO_FIELD_LEN];
	char c_namesize[CPIO_FIELD_LEN];
	char c_check[CPIO_FIELD_LEN];
} __attribute__((packed));

_Static_assert(sizeof(struct cpio_newc_header) == CPIO_HEADER_SIZE,
	       "cpio newc header layout");

/* One archive member, as found; every pointer points into the archive. */
struct cpio_entry {
	const char *name;       /* NUL-terminated; leading "./" and "/" stripped */
	uint32_t namelen;       /* bytes before the NUL, after stripping */
	uint32_t mode;          /* st_mode: S_IF* type bits | permissions */
	uint32_t uid, gid, nlink, mtime, ino, rdevmajor, rdevminor;
	const void *data;       /* contents; for a symlink the target (no NUL) */
	uint32_t size;
};

/* A walk over an archive; off is where the next header starts. */
struct cpio_iter {
	const uint8_t *base;
	uint32_t size;
	uint32_t off;
	bool done;              /* the trailer (or the clean end) was reached */
};

/* Start a walk over size bytes at archive (NULL is taken as empty). */
void cpio_iter_init(struct cpio_iter *it, const void *archive, uint32_t size);

/*
 * Read the next entry. Returns 1 with *e filled; 0 at the trailer, or when
 * the data ends exactly where a header would start (an archive without a
 * trailer is accepted); -EINVAL on malformed input: a bad magic, a non-hex
 * digit, c_namesize 0, a name or data running past the end, a name whose
 * NUL is not exactly at c_namesize-1, a ".." path component. The padding
 * after the last entry's name or data may be cut off by the end of the
 * archive. Once it has returned 0 it keeps returning 0.
 */
int cpio_next(struct cpio_iter *it, struct cpio_entry *e);

/*
 * Find path, which is stripped like entry names (so "/etc/x", "./etc/x"
 * and "etc/x" are the same; "/" finds the "." entry) and then compared
 * exactly. The whole archive is walked and the LAST matching entry wins,
 * as when extracting, where a later entry replaces an earlier one.
 * Returns 0 with *e filled, -ENOENT if absent, -EINVAL if path is NULL or
 * the archive is malformed anywhere up to its trailer; *e is written only
 * on success.
 */
int cpio_find(const void *archive, uint32_t size, const char *path,
	      struct cpio_entry *e);

#endif
