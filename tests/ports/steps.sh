# steps.sh - the ports tests: each step runs one tool on the sources of
# tests/ports/src, in the guest (guest.sh) and on the host (run.py), which
# compares stdout, stderr, exit status and every output file byte for
# byte. Sourced after step.sh (the `step` function and the format).
#
# Every tool by its plain name, as at the prompt: the ports image's
# busybox (ports/busybox.recipe) runs what PATH finds, and the ar and
# strings there are binutils' (ar_version proves it, also through env,
# which Debian's busybox-static would run its own applet from).

# NASM: flat binaries and their disassembly
step boot_bin 'boot.bin' nasm -f bin boot.asm -o boot.bin
step flat32_bin 'flat32.bin' nasm -f bin flat32.asm -o flat32.bin
step ndisasm_boot '' ndisasm -b 16 -o 0x7c00 boot.bin
step ndisasm_flat32 '' ndisasm -b 32 -o 0x100000 flat32.bin

# NASM: elf32, linked and run
step hello_o 'hello.o' nasm -f elf32 hello.asm -o hello.o
step hello_ld 'hello' ld -m elf_i386 hello.o -o hello
step hello_run '' ./hello

# NASM: macros and %include, a listing, dependencies, the preprocessor
step macros_o 'macros.o macros.lst' nasm -f elf32 macros.asm -l macros.lst -o macros.o
step macros_deps '' nasm -M macros.asm
step macros_preprocess '' nasm -E macros.asm
step macros_ld 'macros' ld -m elf_i386 macros.o -o macros
step macros_run '' ./macros

# Many sections, several objects, an archive
step sections_o 'sections.o' nasm -f elf32 -g -F dwarf sections.asm -o sections.o
step strlib_o 'strlib.o' nasm -f elf32 strlib.asm -o strlib.o
step strdup_o 'strdup.o' nasm -f elf32 strdup.asm -o strdup.o
step sections_ld 'sections sections.map' ld -m elf_i386 -Map sections.map sections.o strlib.o -o sections
step sections_run '' ./sections
step ar_rcs 'libstr.a' ar rcs libstr.a strlib.o strdup.o
step ar_t '' ar tv libstr.a
step sections_lib 'sections_lib' ld -m elf_i386 sections.o -L. -lstr -o sections_lib
step sections_lib_run '' ./sections_lib

# The shell's ar and strings are GNU's, not busybox's applets
step ar_version '' ar --version
step ar_version_env '' env ar --version
step strings_version '' strings --version

# GNU as
step gas_o 'hello_gas.o' as --32 hello_gas.s -o hello_gas.o
step gas_listing 'hello_gas2.o' as --32 -aln hello_gas.s -o hello_gas2.o
step gas_ld 'hello_gas' ld -m elf_i386 hello_gas.o -o hello_gas
step gas_run '' ./hello_gas

# Looking inside
step objdump_d '' objdump -d hello
step objdump_dr '' objdump -d -r sections.o
step objdump_h '' objdump -h sections
step objdump_gas '' objdump -d hello_gas
step readelf_exe '' readelf -a sections
step readelf_obj '' readelf -a -W sections.o
step readelf_lines '' readelf --debug-dump=line sections.o
step nm_obj '' nm hello.o
step nm_exe '' nm -n sections
step nm_archive '' nm -s libstr.a
step size '' size sections sections.o strlib.o
step strings '' strings -a sections
step objcopy_bin 'sections.bin' objcopy -O binary -j .text sections sections.bin
step strip 'sections.stripped' strip -o sections.stripped sections
step strip_run '' ./sections.stripped
step addr2line '' addr2line -f -e sections 0x8049000 0x8049020
step cxxfilt '' c++filt _ZN4tern5ports8assembleEPKci _ZNSt6vectorIiSaIiEE9push_backERKi

# Wrong input: the tools' own messages and exit status
step bad_asm 'bad.o' nasm -f elf32 bad.asm -o bad.o
step missing_nasm 'missing.o' nasm -f elf32 missing.asm -o missing.o
step missing_as 'missing.o' as --32 missing.s -o missing.o
step missing_ld 'missing' ld -m elf_i386 missing.o -o missing
step missing_objdump '' objdump -d missing
step missing_ndisasm '' ndisasm -b 32 missing.bin
mkdir -p ro && chmod 555 ro
step readonly_nasm 'ro/hello.o' as_nobody 'nasm -f elf32 hello.asm -o ro/hello.o'
step readonly_as 'ro/hello.o' as_nobody 'as --32 hello_gas.s -o ro/hello.o'
step readonly_ld 'ro/hello' as_nobody 'ld -m elf_i386 hello.o -o ro/hello'
step readonly_ar 'ro/lib.a' as_nobody 'ar rcs ro/lib.a strlib.o'

# Output to a read-only file system, a full one (64 KiB), and one smaller
# than the output, which is larger than the guest's memory (bad_outputs,
# scratch_mounts: step.sh). The free memory must be the same after them as
# before (run.py compares the two "=== frames" lines); a first run, its
# transcript dropped, lets the kernel's heap grow by its few pages first.
step big_o 'big.o' nasm -f elf32 big.asm -o big.o
bad_outputs() {
  scratch_mounts || return 0
  step rofs_nasm 'rofs/hello.o' nasm -f elf32 hello.asm -o rofs/hello.o
  step rofs_as 'rofs/hello.o' as --32 hello_gas.s -o rofs/hello.o
  step rofs_ld 'rofs/hello' ld -m elf_i386 hello.o -o rofs/hello
  step rofs_ar 'rofs/lib.a' ar rcs rofs/lib.a strlib.o
  step full_nasm 'full/big.o' nasm -f elf32 big.asm -o full/big.o
  step full_ld 'full/big' ld -m elf_i386 big.o -o full/big
  step full_objcopy 'full/big.o' objcopy big.o full/big.o
  step full_ar '' ar rcs full/lib.a big.o
  step full_strip 'full/big' strip -o full/big big.o
  step huge_as 'huge/huge.o' as --32 huge.s -o huge/huge.o
  scratch_umounts
}
frames_around bad_outputs
step shell_carries_on '' sh -c 'echo the shell carries on; exit 3'
