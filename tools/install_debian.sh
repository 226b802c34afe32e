#!/usr/bin/env bash
# install_debian.sh DEBROOT OUT - Debian's own dynamically linked i386
# programs into the root file system OUT (the ports image), from DEBROOT,
# the packages tools/fetch_debs.sh unpacked (docs/dynamic.md):
#   /lib/ld-linux.so.2 and /lib/i386-linux-gnu   glibc's dynamic linker and
#                     libraries (libc6) and zlib, where the programs' PT_INTERP
#                     and glibc's default search path expect them;
#   /usr/lib/i386-linux-gnu   libbfd, libopcodes, libctf, libsframe,
#                     libjansson, libzstd (gconv, gprofng and plugins left out);
#   /opt/debian/bin   nasm, ndisasm and binutils' programs, as shipped (the
#                     static ports keep /usr/bin).
#   /etc/ld.so.cache  made here by the host's ldconfig over the image's own
#                     library directories (never committed), with
#                     /etc/ld.so.conf and libc6's ld.so.conf.d: ld.so looks
#                     libraries up there before its built-in search path.
# No DEBROOT (not fetched): nothing is installed, and says so.
set -euo pipefail
deb=$1 out=$2
BINS="nasm ndisasm as ld objdump readelf nm ar objcopy strip size strings addr2line c++filt"
if [ ! -d "$deb" ]; then
  echo "debian: $deb not fetched: no dynamic programs in the ports image"
  exit 0
fi
mkdir -p "$out/lib" "$out/usr/lib/i386-linux-gnu" "$out/opt/debian/bin"
cp -a "$deb/lib/." "$out/lib/"
for f in "$deb"/usr/lib/i386-linux-gnu/lib*; do
  cp -a "$f" "$out/usr/lib/i386-linux-gnu/"
done
for b in $BINS; do
  cp -L "$deb/usr/bin/$b" "$out/opt/debian/bin/$b"       # binutils' are links to i686-linux-gnu-*
done
# -r: the image is the root (paths as the guest sees them, no chroot
# needed); -X: the packages' links stay as shipped. Without an ldconfig
# that works, no cache: ld.so's built-in path finds the same libraries.
mkdir -p "$out/etc/ld.so.conf.d"
cp "$deb"/etc/ld.so.conf.d/*.conf "$out/etc/ld.so.conf.d/"
echo "include /etc/ld.so.conf.d/*.conf" > "$out/etc/ld.so.conf"
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
rm -f "$out/etc/ld.so.cache"
"$ldconfig" -X -r "$out" || echo "debian: $ldconfig failed: no /etc/ld.so.cache in the ports image"
