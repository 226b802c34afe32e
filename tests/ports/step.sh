# step.sh - the transcript format of the ports tests (docs/ports.md),
# sourced by POSIX sh: busybox's in the guest (guest.sh), the host's
# /bin/sh for the oracle (run.py). steps.sh calls
#
#   step NAME 'OUTPUT-FILES' COMMAND [ARGS...]
#
# which runs COMMAND in the current directory and prints
#
#   === step NAME STATUS
#   === file stdout SIZE SHA256      then the bytes in base64, 76 a line
#   === file stderr SIZE SHA256
#   === file OUTPUT SIZE SHA256      per output file named ("=== nofile
#                                    OUTPUT" when the command made none)
#
# Base64 survives the serial line (no control characters, short lines);
# the size and checksum let the host tell a damaged transfer from a
# wrong result.

# emit LABEL FILE
emit() {
  if [ -f "$2" ]; then
    echo "=== file $1 $(wc -c < "$2") $(sha256sum < "$2" | cut -c1-64)"
    base64 < "$2"
  else
    echo "=== nofile $1"
  fi
}

step() {
  _name=$1 _outs=$2
  shift 2
  rm -f $_outs
  "$@" > .stdout 2> .stderr
  echo "=== step $_name $?"
  emit stdout .stdout
  emit stderr .stderr
  for _f in $_outs; do emit "$_f" "$_f"; done
  rm -f .stdout .stderr
}

# as_nobody COMMAND: run a shell command line as the unprivileged user
# (root may write anywhere: a read-only directory stops only others).
as_nobody() { su -s /bin/sh nobody -c "$1"; }

# frames_around FUNCTION: FUNCTION run in a subshell twice, the first
# time as a warm-up with its output dropped, then "=== frames before KIB"
# and "=== frames after KIB": the memory not held for good by anything
# alive just before and after the second run: MemFree, plus Slab (the
# kernel heap's pages: it may keep a page it grew by, and its free space
# is not a leak; the in-guest tests check its objects), plus this shell's
# own resident pages (VmRSS: its stack and heap may reach a page they
# never touched before, as on Linux; with stack ASLR whether the second
# run's deepest call crosses into a new stack page is chance, about one
# boot in five). Any other frame not given back is a leak. run.py checks
# that the guest's two are equal (the host's are not looked at). Read by
# builtins into variables that exist beforehand, once before the
# warm-up too, so that this shell's own memory is the same at both.
free_kb() {
  _kb=0
  while read -r _key _value _unit; do
    case $_key in MemFree:|Slab:) _kb=$((_kb + _value)) ;; esac
  done < /proc/meminfo
  while read -r _key _value _unit; do
    case $_key in VmRSS:) _kb=$((_kb + _value)) ;; esac
  done < /proc/$$/status
}
frames_around() {
  _kb=0 _before=0 _key= _value= _unit=
  free_kb
  ("$1") > /dev/null
  free_kb; _before=$_kb
  ("$1")
  free_kb
  echo "=== frames before $_before"
  echo "=== frames after $_kb"
}

# scratch_mounts: three tmpfs mounts in the working directory for the
# bad-output steps: rofs/ read-only (EROFS), full/ of 64 KiB (ENOSPC), and
# huge/ of tmpfs's default size, half of memory: the guest's holds less
# than the output written there, which is larger than its free memory.
# On the host (PORTS_HOST set by run.py, in a mount namespace of its own)
# huge/ is 64 KiB too: the same ENOSPC, without filling half of the
# host's memory. PORTS_NO_MOUNTS (a host that cannot make a namespace):
# none, and the steps are left out. scratch_umounts takes them away.
scratch_mounts() {
  [ -z "${PORTS_NO_MOUNTS:-}" ] && mkdir -p rofs full huge &&
  mount -t tmpfs -o size=64k rofs rofs && mount -o remount,ro rofs &&
  mount -t tmpfs -o size=64k full full &&
  mount -t tmpfs ${PORTS_HOST:+-o size=64k} huge huge
}
scratch_umounts() { umount rofs full huge && rmdir rofs full huge; }
