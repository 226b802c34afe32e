/*
 * mount.h - mount(2) and umount2(2) flags (Linux's include/uapi/linux/mount.h
 * and include/linux/fs.h's MNT_*).
 */
#ifndef UAPI_MOUNT_H
#define UAPI_MOUNT_H

#define MS_RDONLY       0x00000001u
#define MS_NOSUID       0x00000002u
#define MS_NODEV        0x00000004u
#define MS_NOEXEC       0x00000008u
#define MS_SYNCHRONOUS  0x00000010u
#define MS_REMOUNT      0x00000020u
#define MS_MANDLOCK     0x00000040u
#define MS_DIRSYNC      0x00000080u
#define MS_BIND         0x00001000u
#define MS_MOVE         0x00002000u
#define MS_REC          0x00004000u
#define MS_SILENT       0x00008000u
#define MS_UNBINDABLE   0x00020000u
#define MS_PRIVATE      0x00040000u
#define MS_SLAVE        0x00080000u
#define MS_SHARED       0x00100000u
#define MS_LAZYTIME     0x02000000u
#define MS_MGC_VAL      0xc0ed0000u      /* the old magic in the top half: ignored */
#define MS_MGC_MSK      0xffff0000u

#define MNT_FORCE       0x00000001u
#define MNT_DETACH      0x00000002u
#define MNT_EXPIRE      0x00000004u
#define UMOUNT_NOFOLLOW 0x00000008u

#endif
