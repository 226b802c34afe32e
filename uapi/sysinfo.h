/*
 * sysinfo.h - struct sysinfo for i386 (Linux's include/uapi/linux/sysinfo.h).
 */
#ifndef UAPI_SYSINFO_H
#define UAPI_SYSINFO_H

#include <stdint.h>

#define SI_LOAD_SHIFT 16                  /* loads[] are fixed point with 16 fraction bits */

struct sysinfo {
	int32_t uptime;                       /* seconds since boot */
	uint32_t loads[3];                    /* 1, 5, 15 minute load averages */
	uint32_t totalram, freeram, sharedram, bufferram;
	uint32_t totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t totalhigh, freehigh;
	uint32_t mem_unit;                    /* the above memory sizes are in these bytes */
	char _f[8];
};
_Static_assert(sizeof(struct sysinfo) == 64, "i386 struct sysinfo is 64 bytes");

#endif
