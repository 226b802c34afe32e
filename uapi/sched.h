/*
 * sched.h - clone flags (Linux: linux/sched.h).
 */
#ifndef UAPI_SCHED_H
#define UAPI_SCHED_H

#define CSIGNAL               0x000000ff   /* the signal sent to the parent at exit */
#define CLONE_VM              0x00000100
#define CLONE_VFORK           0x00004000
#define CLONE_SETTLS          0x00080000
#define CLONE_PARENT_SETTID   0x00100000
#define CLONE_CHILD_CLEARTID  0x00200000
#define CLONE_CHILD_SETTID    0x01000000

#endif
