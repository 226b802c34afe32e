#!/usr/bin/env bash
# install_busybox.sh ROOT - put Debian's busybox (build/busybox/, fetched by
# tools/fetch_busybox.sh) into the staged root ROOT as /bin/busybox with
# its applet links: what `busybox --install -s` does at first boot, done
# at build time. Every path of `busybox --list-full` becomes a symbolic
# link to /bin/busybox (absolute, as --install -s makes them), unless the
# root already has a file there (ours win: user/rootfs). /sbin/init is one
# of them: busybox init reads our /etc/inittab. No busybox fetched: nothing
# is installed and the boot says "init: cannot start /sbin/init".
set -euo pipefail
root=$1
bb=build/busybox
[ -s "$bb/busybox" ] && [ -s "$bb/applets" ] || exit 0
mkdir -p "$root/bin"
strip -o "$root/bin/busybox" "$bb/busybox" 2>/dev/null || cp "$bb/busybox" "$root/bin/busybox"
chmod 755 "$root/bin/busybox"
n=0
while read -r path; do
  [ -n "$path" ] && [ "$path" != bin/busybox ] || continue
  [ -e "$root/$path" ] || [ -L "$root/$path" ] && continue
  mkdir -p "$root/$(dirname "$path")"
  ln -s /bin/busybox "$root/$path"
  n=$((n + 1))
done < "$bb/applets"
echo "busybox: $(cat "$bb/version") installed with $n applet links"
