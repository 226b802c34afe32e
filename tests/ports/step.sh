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
