/*
 * path.h - split a path into names. Pure: no lock, no allocation, host
 * unit tested (tests/unit/test_path.c).
 */
#ifndef FS_PATH_H
#define FS_PATH_H

#include <stdbool.h>
#include <stdint.h>

/* The next name of *p, skipping slashes before it: 1 with *name, *len
 * and *p past it; 0 when only slashes are left; -ENAMETOOLONG for a name
 * longer than NAME_MAX. */
int path_next(const char **p, const char **name, uint32_t *len);
/* Is rest (what follows a name) only slashes, at least one? */
bool path_trailing_slash(const char *rest);
/* Is rest empty or only slashes: was the name just taken the last? */
bool path_at_end(const char *rest);
/* Is name[0..len) "." or ".."? */
bool path_is_dot(const char *name, uint32_t len);
bool path_is_dotdot(const char *name, uint32_t len);

#endif
