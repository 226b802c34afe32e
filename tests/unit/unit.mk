# Host unit tests (cmocka). Each test is tests/unit/test_NAME.c plus the
# project sources it exercises, compiled for the host with -DHOST_TEST.
# To add one: append NAME to UNIT_TESTS and list its sources in UNIT_SRCS_NAME.
UNIT_TESTS :=
UNIT_TESTS += mb2 mb2_malformed
UNIT_SRCS_mb2 := boot/mb2_parse.c
UNIT_SRCS_mb2_malformed := boot/mb2_parse.c
UNIT_TESTS += format cmdline
UNIT_SRCS_format := kernel/format.c
UNIT_SRCS_cmdline := kernel/cmdline.c
UNIT_TESTS += physmap frame_pool
UNIT_SRCS_physmap := mm/physmap.c
UNIT_SRCS_frame_pool := mm/frame_pool.c mm/physmap.c
UNIT_TESTS += cpio cpio_malformed cpio_find
UNIT_SRCS_cpio := fs/cpio.c
UNIT_SRCS_cpio_malformed := fs/cpio.c
UNIT_SRCS_cpio_find := fs/cpio.c
UNIT_TESTS += elf_check elf_check_malformed
UNIT_SRCS_elf_check := elf/elf_check.c
UNIT_SRCS_elf_check_malformed := elf/elf_check.c
UNIT_TESTS += path
UNIT_SRCS_path := fs/path.c
UNIT_TESTS += ldisc
UNIT_SRCS_ldisc := tty/ldisc.c
UNIT_TESTS += vt
UNIT_SRCS_vt := drivers/vt.c
UNIT_TESTS += proc_format
UNIT_SRCS_proc_format := fs/proc_format.c fs/textbuf.c kernel/format.c
UNIT_TESTS += cred
UNIT_SRCS_cred := proc/cred_rules.c
UNIT_TESTS += mount_opts
UNIT_SRCS_mount_opts := fs/mount_opts.c
