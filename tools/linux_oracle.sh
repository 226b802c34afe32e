#!/usr/bin/env bash
# linux_oracle.sh NAME... - run user test programs on Linux itself and keep
# what they print in tests/user/expected/NAME (run.py then uses it instead
# of the host, see tests/user/expected/README.md).
#
# For programs where this host's oracle, qemu-user, is known to differ from
# Linux. Boots Debian 12's own i386 kernel (build/bench/linux/vmlinuz and
# busybox, fetched by bench/fetch.sh) in QEMU with an initramfs holding
# build/user/tests/NAME; each program runs with the environment
# tests/user/host_run.sh gives it, and its output and "=== exit N" line
# (as host_run.sh prints them) are written to the expected file.
set -eu
cd "$(dirname "$0")/.."
LINUX=build/bench/linux
STAGE=build/oracle/root
[ $# -ge 1 ] || { echo "usage: linux_oracle.sh NAME..." >&2; exit 2; }
[ -s $LINUX/vmlinuz ] && [ -s $LINUX/busybox ] || bash bench/fetch.sh
rm -rf "$STAGE" && mkdir -p "$STAGE"/bin "$STAGE"/dev "$STAGE"/t "$STAGE"/tmp "$STAGE"/proc   # /tmp: scratch directories
cp $LINUX/busybox "$STAGE"/bin/busybox && ln -s busybox "$STAGE"/bin/sh
for name in "$@"; do
  make -s build/user/tests/"$name" && cp build/user/tests/"$name" "$STAGE"/t/
done
cat > "$STAGE"/init <<INIT
#!/bin/sh
/bin/busybox mount -t devtmpfs dev /dev
/bin/busybox mount -t proc proc /proc
/bin/busybox mkdir -p /dev/pts && /bin/busybox mount -t devpts devpts /dev/pts
exec >/dev/ttyS0 2>&1 </dev/null
for t in $*; do
  echo "=== oracle \$t"
  /bin/busybox env -i HOME=/ TERM=linux PATH=/bin:/usr/bin /t/\$t
  s=\$?
  if [ \$s -gt 128 ]; then echo "=== signal \$((s - 128))"; else echo "=== exit \$s"; fi
done
echo "=== oracle done"
/bin/busybox poweroff -f
INIT
chmod +x "$STAGE"/init
bash tools/mkinitrd.sh "$STAGE" build/oracle/root.cpio
timeout 600 qemu-system-i386 -kernel $LINUX/vmlinuz -initrd build/oracle/root.cpio \
  -append "console=ttyS0 quiet panic=-1" -m 256 -display none -no-reboot \
  -serial file:build/oracle/console.log >/dev/null 2>&1 || true
tr -d '\r' < build/oracle/console.log > build/oracle/console.txt
grep -q "^=== oracle done" build/oracle/console.txt ||
  { echo "linux_oracle: Linux did not finish; see build/oracle/console.txt" >&2; exit 1; }
for name in "$@"; do
  sed -n "/^=== oracle $name\$/,/^=== \(exit\|signal\) /p" build/oracle/console.txt | sed 1d \
    > tests/user/expected/"$name"
  echo "linux_oracle: tests/user/expected/$name ($(cat $LINUX/kernel-version))"
done
