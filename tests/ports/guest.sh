#!/bin/sh
# guest.sh DIR [STEPS] - the ports tests inside tern, as the first program:
#   init=/bin/sh exit=debug -- /tests/ports/guest.sh DIR [STEPS]
# (tests/ports/run.py). Copies the sources to DIR, runs every step of
# STEPS (default steps.sh; dyn_steps.sh for Debian's dynamic programs)
# there and prints the transcript (step.sh) on the console,
# between "=== ports begin" and "=== ports end". DIR is the directory the
# host's oracle run uses too: NASM's DWARF names the directory it ran in.
export PATH=/usr/bin:/bin:/usr/sbin:/sbin
[ -e /proc/self ] || mount -t proc proc /proc
[ -c /dev/null ] || mount -t devtmpfs dev /dev
dir=${1:-/tmp/tern-ports}
rm -rf "$dir" && mkdir -p "$dir" && cp /tests/ports/src/* "$dir/" && chmod 755 "$dir"
cd "$dir" || exit 1
. /tests/ports/step.sh
echo "=== ports begin"
. "/tests/ports/${2:-steps.sh}"
echo "=== ports end"
