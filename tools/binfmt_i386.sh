#!/usr/bin/env bash
# binfmt_i386.sh - make this host run i386 Linux binaries, for the test
# oracle. Natively when the kernel can; otherwise register Debian's
# qemu-i386 (qemu-user) with binfmt_misc for i386 ELF executables, flags
# F (the interpreter is opened now) and P (argv[0] is kept, as busybox and
# programs that exec themselves need), so that an i386 program's execve of
# another i386 program works too. Idempotent; says what it did.
set -u
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'void _start(void){__asm__ volatile("mov $1,%%eax; xor %%ebx,%%ebx; int $0x80");}\n' > "$probe/t.c"
if ! gcc -m32 -static -nostdlib -o "$probe/t" "$probe/t.c" 2>/dev/null; then
  echo "binfmt_i386: cannot build the probe (gcc-multilib missing?)" >&2
  exit 1
fi
if "$probe/t" 2>/dev/null; then
  exit 0                                   # runs natively (or already registered)
fi
dir=/proc/sys/fs/binfmt_misc
[ -e "$dir/register" ] || mount -t binfmt_misc binfmt_misc "$dir" 2>/dev/null
qemu=$(command -v qemu-i386 || true)
if [ -z "$qemu" ] || [ ! -w "$dir/register" ]; then
  echo "binfmt_i386: cannot register qemu-i386 (qemu-user missing or binfmt_misc not writable);" \
       "i386 programs that exec others will fail on this host" >&2
  exit 1
fi
for old in "$dir"/qemu-i386 "$dir"/tern-i386; do
  [ -e "$old" ] && echo -1 > "$old" 2>/dev/null
done
magic='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00'
mask='\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
printf ':tern-i386:M::%s:%s:%s:FP' "$magic" "$mask" "$qemu" > "$dir/register" || {
  echo "binfmt_i386: registering qemu-i386 failed" >&2; exit 1; }
if "$probe/t"; then
  echo "binfmt_i386: i386 binaries now run through $qemu (binfmt_misc, flags FP)"
else
  echo "binfmt_i386: registered, but the probe still does not run" >&2
  exit 1
fi
