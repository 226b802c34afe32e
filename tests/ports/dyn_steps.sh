# dyn_steps.sh - the dynamic-binaries tests (docs/dynamic.md): Debian's
# own i386 nasm and binutils, dynamically linked, as shipped, and small
# programs the host's gcc linked dynamically. Sourced after step.sh, in
# the guest (guest.sh, where glibc's /lib/ld-linux.so.2 runs them under
# tern) and on the host (run.py dyn, the same binaries under Linux through
# qemu-i386 with the unpacked packages as its library prefix); run.py
# compares stdout, stderr, exit status and output files byte for byte.
#
# DEB: where Debian's programs are (guest: /opt/debian/bin);
# DYN: where the dynamic test programs are (guest: /tests/dyn);
# LDSO: glibc's dynamic linker (guest: /lib/ld-linux.so.2).
: "${DEB:=/opt/debian/bin}" "${DYN:=/tests/dyn}" "${LDSO:=/lib/ld-linux.so.2}"

# Programs linked by the host's gcc: glibc's ld.so, libc.so.6, TLS, auxv
step dyn_hello_pie '' "$DYN/hello_dyn" one two
step dyn_hello_nopie '' "$DYN/hello_dyn_nopie" one two
step dyn_hello_static_pie '' "$DYN/hello_dyn_static_pie" one two
# /proc/self/maps named ld.so's segments after the program (both are
# VMA_ELF areas): they are named after their own file, as on Linux
step dyn_maps_named_ld_so_after_the_program '' "$DYN/hello_dyn" maps

# A library of our own that only LD_LIBRARY_PATH finds, and dlopen
step dyn_ld_library_path '' env LD_LIBRARY_PATH="$DYN/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$DYN/greet"

# Debian's programs start: ld.so finds libbfd, libopcodes, libz ...
step dyn_nasm_v '' "$DEB/nasm" -v
step dyn_as_version '' "$DEB/as" --version
step dyn_ld_version '' "$DEB/ld" --version
# ld.so run as the program (an ET_DYN at the PIE base) maps nasm itself
step dyn_ldso_runs_nasm '' "$LDSO" "$DEB/nasm" -v

# The workflow with them: assemble, link, run
step dyn_hello_o 'hello.o' "$DEB/nasm" -f elf32 hello.asm -o hello.o
step dyn_hello_ld 'hello' "$DEB/ld" -m elf_i386 hello.o -o hello
step dyn_hello_run '' ./hello
step dyn_gas_o 'hello_gas.o' "$DEB/as" --32 hello_gas.s -o hello_gas.o
step dyn_gas_ld 'hello_gas' "$DEB/ld" -m elf_i386 hello_gas.o -o hello_gas
step dyn_gas_run '' ./hello_gas
step dyn_sections_o 'sections.o' "$DEB/nasm" -f elf32 -g -F dwarf sections.asm -o sections.o
step dyn_strlib_o 'strlib.o' "$DEB/nasm" -f elf32 strlib.asm -o strlib.o
step dyn_strdup_o 'strdup.o' "$DEB/nasm" -f elf32 strdup.asm -o strdup.o
step dyn_ar_rcs 'libstr.a' "$DEB/ar" rcs libstr.a strlib.o strdup.o
step dyn_sections_lib 'sections_lib' "$DEB/ld" -m elf_i386 sections.o -L. -lstr -o sections_lib
step dyn_sections_lib_run '' ./sections_lib
step dyn_objdump_d '' "$DEB/objdump" -d hello
step dyn_readelf_a '' "$DEB/readelf" -a -W sections.o
step dyn_nm '' "$DEB/nm" -n sections_lib
step dyn_ndisasm '' "$DEB/ndisasm" -b 32 hello.o
step dyn_bad_asm 'bad.o' "$DEB/nasm" -f elf32 bad.asm -o bad.o

# The free memory is the same after each dynamic program as before it
# (frames_around: step.sh, one warm-up run first): what ld.so mapped, the
# pages relocations copied, the TLS blocks all go back.
quiet_nasm() { "$DEB/nasm" -v > /dev/null 2>&1; }
quiet_hello() { "$DYN/hello_dyn" one two > /dev/null 2>&1; }
quiet_greet() { env LD_LIBRARY_PATH="$DYN/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$DYN/greet" > /dev/null 2>&1; }
quiet_link() { { "$DEB/ld" -m elf_i386 hello.o -o hello2 && "$DEB/objdump" -d hello2; } > /dev/null 2>&1; rm -f hello2; }
for _prog in quiet_nasm quiet_hello quiet_greet quiet_link; do
  frames_around $_prog
done
