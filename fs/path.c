/*
 * path.c - split a path into names (see path.h).
 */
#include "fs/path.h"
#include "uapi/errno.h"
#include "uapi/limits.h"

int path_next(const char **p, const char **name, uint32_t *len)
{
	const char *s = *p;
	while (*s == '/')
		s++;
	if (!*s) {
		*p = s;
		return 0;
	}
	const char *e = s;
	while (*e && *e != '/')
		e++;
	if (e - s > NAME_MAX)
		return -ENAMETOOLONG;
	*name = s;
	*len = (uint32_t)(e - s);
	*p = e;
	return 1;
}

bool path_at_end(const char *rest)
{
	while (*rest == '/')
		rest++;
	return *rest == '\0';
}

bool path_trailing_slash(const char *rest)
{
	return *rest == '/' && path_at_end(rest);
}

bool path_is_dot(const char *name, uint32_t len)
{
	return len == 1 && name[0] == '.';
}

bool path_is_dotdot(const char *name, uint32_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}
