/*
 * prctl.h - the prctl options tern knows (Linux: linux/prctl.h).
 */
#ifndef UAPI_PRCTL_H
#define UAPI_PRCTL_H

#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_SET_NAME      15
#define PR_GET_NAME      16

#endif
