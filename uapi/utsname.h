/*
 * utsname.h - struct new_utsname, what uname(2) fills (Linux:
 * linux/utsname.h).
 */
#ifndef UAPI_UTSNAME_H
#define UAPI_UTSNAME_H

#define NEW_UTS_LEN 64              /* characters, without the NUL */

struct new_utsname {
	char sysname[NEW_UTS_LEN + 1], nodename[NEW_UTS_LEN + 1], release[NEW_UTS_LEN + 1];
	char version[NEW_UTS_LEN + 1], machine[NEW_UTS_LEN + 1], domainname[NEW_UTS_LEN + 1];
};

#endif
