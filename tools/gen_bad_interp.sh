#!/usr/bin/env bash
# gen_bad_interp.sh TINY_C OUTDIR - programs whose PT_INTERP is bad, for
# the in-guest test user.bad_interpreter_refused (tests/kernel/user_test.c),
# installed at /tests/interp/. Each is tests/user/tiny.c linked as a PIE
# (gcc -pie: an ET_DYN with a PT_INTERP, no libc) naming its interpreter
# with --dynamic-linker; MANIFEST has one line per program, "FILE ERRNO",
# the error execve gives on Linux (fs/binfmt_elf.c):
#   missing.elf   the interpreter does not exist        ENOENT (open_exec)
#   dir.elf       it is a directory                     EACCES (open_exec)
#   noexec.elf    it has no execute bit                 EACCES (open_exec)
#   empty.elf     it is shorter than an ELF header      EIO    (elf_read)
#   text.elf      it is a text file                     ELIBBAD (no ELF magic)
#   machine.elf   it is an x86-64 ELF                   ELIBBAD (elf_check_arch)
#   nested.elf    it asks for an interpreter itself     ELIBBAD (tern's choice:
#                 Linux would start it without its own, and it would crash)
#   no-nul.elf    the path in PT_INTERP lacks its NUL   ENOEXEC
# and, as "0" (runs and exits 0), the good cases without glibc:
#   tiny-interp.elf  its interpreter is /tests/bin/tiny (an ET_EXEC)
#   pie-interp.elf   its interpreter is interp-pie (a static-pie ET_DYN,
#                    placed where mmap would put it)
#   interp-pie       a static-pie run as the program itself
# plus the interpreters they name: interp-text, interp-empty, interp-noexec,
# interp-machine, interp-pie (each made here).
set -euo pipefail
src=$1 out=$2
D=/tests/interp                          # where the image has them
rm -rf "$out" && mkdir -p "$out"
cc_pie() {                               # cc_pie OUT INTERP
  gcc -m32 -nostdlib -O2 -s -pie -fpie -Wl,--build-id=none -Wl,--dynamic-linker="$2" "$src" -o "$1"
}
gcc -m32 -nostdlib -O2 -s -static-pie -fpie -Wl,--build-id=none "$src" -o "$out/interp-pie"
echo "interp-pie 0" > "$out/MANIFEST"
# (longer than an ELF header: a shorter file is EIO, as empty.elf's)
printf '#!/bin/sh\necho "a shell script is not an ELF interpreter, whatever its mode"\n' > "$out/interp-text"
: > "$out/interp-empty"
cc_pie "$out/interp-noexec" "$D/missing"
cp "$out/interp-noexec" "$out/interp-machine"
printf '\x3e\x00' | dd of="$out/interp-machine" bs=1 seek=18 conv=notrunc status=none  # e_machine = EM_X86_64
chmod 755 "$out/interp-text" "$out/interp-empty" "$out/interp-machine" "$out/interp-pie"
chmod 644 "$out/interp-noexec"
while read -r name interp errno; do
  cc_pie "$out/$name" "$interp"
  echo "$name $errno" >> "$out/MANIFEST"
done <<LIST
missing.elf $D/missing ENOENT
dir.elf $D EACCES
noexec.elf $D/interp-noexec EACCES
empty.elf $D/interp-empty EIO
text.elf $D/interp-text ELIBBAD
machine.elf $D/interp-machine ELIBBAD
nested.elf $D/missing.elf ELIBBAD
no-nul.elf $D/missing ENOEXEC
tiny-interp.elf /tests/bin/tiny 0
pie-interp.elf $D/interp-pie 0
LIST
# no-nul.elf: the last byte of its interpreter's path is no longer a NUL.
end=$(readelf -lW "$out/no-nul.elf" | awk '$1 == "INTERP" { print $2, $5 }' |
      { read -r off len; echo $((off + len - 1)); })
printf 'x' | dd of="$out/no-nul.elf" bs=1 seek="$end" conv=notrunc status=none
chmod 755 "$out"/*.elf
