# Build, run, debug and test the kernel. `make help` lists the targets.
#
# The kernel is built twice-linked: pass 1 without a symbol table, then the
# function symbols of pass 1 are turned into the .ksyms section and linked
# in (it sits after .data, so no function moves between the passes).

BUILD    := build
CC       := gcc
LD       := ld
NASM     := nasm
QEMU     := qemu-system-i386
MEM      ?= 128
CMDLINE  ?=

# Every kernel file sees the system-call prototypes (-include): a handler
# defined with another signature than kernel/syscall_32.tbl gives it cannot
# compile, whichever headers its file includes.
GEN      := $(BUILD)/gen
GEN_HDRS := $(GEN)/syscalls.h
# The stack protector guards every function with an array or an escaping
# local (-strong), with one global canary (kernel/stackprot.h): i386's
# default reads it through %gs, which the kernel keeps null.
CFLAGS   := -m32 -march=i686 -ffreestanding -fno-pie \
            -fstack-protector-strong -mstack-protector-guard=global \
            -fno-omit-frame-pointer -fno-builtin -nostdlib -O2 -g \
            -Wall -Wextra -std=gnu11 -I. -I$(BUILD) -include $(GEN_HDRS) -MMD -MP
ASFLAGS  := -f elf32 -g -F dwarf -I ./
LDFLAGS  := -m elf_i386 -T linker.ld -nostdlib -z noexecstack

# Nothing in this file or the ones it includes asks an installed tool
# anything while make parses it: on a fresh machine the parse comes before
# tools/setup.sh has installed the packages. The 32-bit libgcc (64-bit
# division: __udivdi3, __udivmoddi4) is looked up by the link recipe
# (tools/setup.sh --libgcc); asked at parse time, gcc -m32 without
# gcc-multilib named its 64-bit libgcc and the first `make test` failed.
# tests/setup/run.sh checks both, the link in the kernel's link map.
# $(call link_kernel,OUT,INPUTS[,LD OPTIONS])
link_kernel = libgcc=$$(bash tools/setup.sh --libgcc) && \
	$(LD) $(LDFLAGS) $(3) -o $(1) $(2) "$$libgcc"

# Every kernel source, by folder. One concept per file.
C_SRCS   := $(wildcard boot/*.c kernel/*.c drivers/*.c mm/*.c proc/*.c elf/*.c fs/*.c tty/*.c tests/kernel/*.c)
ASM_SRCS := $(wildcard boot/*.asm kernel/*.asm mm/*.asm proc/*.asm)
OBJS     := $(C_SRCS:%.c=$(BUILD)/%.o) $(ASM_SRCS:%.asm=$(BUILD)/%.o) $(GEN)/syscall_table.o

KERNEL   := $(BUILD)/kernel.elf
KERNEL_MAP := $(BUILD)/kernel.map
ISO      := $(BUILD)/os.iso

.PHONY: all iso run debug test unit systest gdbtest setup clean help bench busybox fuzz stress ports FORCE

all: $(ISO)

help:
	@echo "make run      boot the ISO in QEMU (serial on this terminal; Ctrl-A X quits)"
	@echo "make test     run every test layer; ends with 'N passed, N failed'"
	@echo "make fuzz     the host fuzzers, FUZZ_SECONDS (600) per parser"
	@echo "make stress   1,000,000 fuzzed system calls in the guest (STRESS_CALLS)"
	@echo "make ports    build NASM and binutils from Debian's sources (docs/ports.md)"
	@echo "make debug    QEMU halted + gdb attached, stopped at kmain (BREAK=sym)"
	@echo "make iso CMDLINE='init=/bin/sh' INITRD=my.cpio   an ISO with your own options"

# Every rule that runs a packaged tool has the set-up stamp as an order-only
# prerequisite. Its recipe runs on every make, but only the cheap probe
# (setup.sh --check: a command -v per tool, the 32-bit libgcc and libc);
# setup proper (apt-get) runs again only when a probe fails or setup.sh is
# newer than the stamp.
SETUP := $(BUILD)/.setup-stamp
setup: $(SETUP)
$(SETUP): FORCE
	@if [ ! $@ -nt tools/setup.sh ] || ! bash tools/setup.sh --check 2>/dev/null; then \
	  bash tools/setup.sh && mkdir -p $(dir $@) && touch $@; fi

$(BUILD)/%.o: %.c | $(SETUP) $(GEN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The system-call table and prototypes, from the one data file (docs/syscalls.md).
$(GEN)/syscalls.h $(GEN)/syscall_table.c &: kernel/syscall_32.tbl tools/gensyscalls.py | $(SETUP)
	@mkdir -p $(GEN)
	python3 tools/gensyscalls.py kernel/syscall_32.tbl $(GEN)/syscalls.h $(GEN)/syscall_table.c

$(GEN)/syscall_table.o: $(GEN)/syscall_table.c | $(SETUP)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.asm | $(SETUP)
	@mkdir -p $(dir $@)
	$(NASM) $(ASFLAGS) -MD $(@:.o=.d) -MP $< -o $@

# Pass 1: no symbols. Pass 2: with the symbol table built from pass 1.
$(BUILD)/kernel.pass1.elf: $(OBJS) $(BUILD)/ksyms_empty.o linker.ld
	$(call link_kernel,$@,$(OBJS) $(BUILD)/ksyms_empty.o)

$(BUILD)/ksyms_empty.o: tools/gensyms.sh | $(SETUP)
	@mkdir -p $(BUILD)
	bash tools/gensyms.sh /dev/null > $(BUILD)/ksyms_empty.asm
	$(NASM) -f elf32 $(BUILD)/ksyms_empty.asm -o $@

$(BUILD)/ksyms.o: $(BUILD)/kernel.pass1.elf tools/gensyms.sh
	bash tools/gensyms.sh $< > $(BUILD)/ksyms.asm
	$(NASM) -f elf32 $(BUILD)/ksyms.asm -o $@

$(KERNEL) $(KERNEL_MAP) &: $(OBJS) $(BUILD)/ksyms.o linker.ld
	$(call link_kernel,$(KERNEL),$(OBJS) $(BUILD)/ksyms.o,-Map=$(KERNEL_MAP))
	@bash tools/checksyms.sh $(BUILD)/kernel.pass1.elf $(KERNEL)

# The root file system image: user/rootfs, the user test programs under
# /tests/bin with their run list, and malformed ELF files under /tests/badelf.
include user/tests/Makefile.inc
ROOTFS_FILES := $(shell find user/rootfs -type f 2>/dev/null)
BAD_ELF_SEED := $(BUILD)/user/tiny

# Guest-only programs that attack the kernel (user/fuzz, no host oracle
# run) are in the multi-call binary too (user/tests/Makefile.inc).

# Programs laid out by a linker script of their own (tests/user/NAME.asm and
# NAME.ld): segments sharing a page take the ELF loader's eager path.
LINKED_BINS := $(BUILD)/user/linked/shared_page $(BUILD)/user/linked/prot_none_segment
$(BUILD)/user/linked/%: tests/user/%.asm tests/user/%.ld | $(SETUP)
	@mkdir -p $(dir $@)
	$(NASM) -f elf32 $< -o $@.o
	$(LD) -m elf_i386 -T tests/user/$*.ld $@.o -o $@

$(BAD_ELF_SEED): tests/user/tiny.c | $(SETUP)
	@mkdir -p $(dir $@)
	$(CC) -m32 -static -nostdlib -O2 -fno-pie -no-pie -Wl,--build-id=none $< -o $@

$(BUILD)/badelf/MANIFEST: $(BAD_ELF_SEED) tools/gen_bad_elf.py
	@rm -rf $(BUILD)/badelf
	python3 tools/gen_bad_elf.py $(BAD_ELF_SEED) $(BUILD)/badelf >/dev/null

# Programs with good and bad ELF interpreters (PT_INTERP), /tests/interp.
$(BUILD)/badinterp/MANIFEST: tests/user/tiny.c tools/gen_bad_interp.sh | $(SETUP)
	bash tools/gen_bad_interp.sh tests/user/tiny.c $(BUILD)/badinterp

# Debian's busybox-static:i386 is the userland (/bin/busybox, its applet
# links, /sbin/init): fetched once into build/busybox by
# tools/fetch_busybox.sh. The fetch is soft here, so that `make` and `make
# test` work on a machine without network (the busybox tests are then
# skipped); `make run` insists. The stamp holds the fetched version, and
# changes (rebuilding the initramfs) only when that does.
BUSYBOX_STAMP := $(BUILD)/busybox/stamp
$(BUSYBOX_STAMP): FORCE | $(SETUP)
	@bash tools/fetch_busybox.sh --soft
	@v=$$(cat $(BUILD)/busybox/version 2>/dev/null || echo none); mkdir -p $(dir $@); \
	 [ "$$(cat $@ 2>/dev/null)" = "$$v" ] || echo "$$v" > $@

# The directories the root needs but git keeps no empty folder for.
ROOTFS_DIRS := proc dev root home mnt

$(BUILD)/initrd.cpio: $(ROOTFS_FILES) $(USER_TEST_BINS) $(USER_MULTI) $(LINKED_BINS) tests/user/list $(BUILD)/badelf/MANIFEST $(BUILD)/badinterp/MANIFEST tools/mkinitrd.sh tools/install_busybox.sh $(BUSYBOX_STAMP) | $(SETUP)
	@rm -rf $(BUILD)/rootfs && mkdir -p $(BUILD)/rootfs/tests/bin
	cp -a user/rootfs/. $(BUILD)/rootfs/
	cd $(BUILD)/rootfs && mkdir -p $(ROOTFS_DIRS)
	chmod 1777 $(BUILD)/rootfs/tmp             # anyone may make files there, as on Linux
	bash tools/install_busybox.sh $(BUILD)/rootfs
	$(call install_user_tests,$(BUILD)/rootfs/tests/bin)
	cp $(BAD_ELF_SEED) $(BUILD)/rootfs/tests/bin/tiny
	cp $(LINKED_BINS) $(BUILD)/rootfs/tests/bin/
	cp tests/user/list $(BUILD)/rootfs/tests/list
	cp -a $(BUILD)/badelf $(BUILD)/rootfs/tests/badelf
	chmod 755 $(BUILD)/rootfs/tests/badelf/*.elf   # execve needs an execute bit (EACCES), as on Linux
	cp -a $(BUILD)/badinterp $(BUILD)/rootfs/tests/interp
	bash tools/mkinitrd.sh $(BUILD)/rootfs $@

INITRD ?= $(BUILD)/initrd.cpio

# Ports (docs/ports.md): programs built from Debian's source
# packages by ports/build.sh into build/ports/NAME, each again only when
# its recipe changes. Soft for `make test` (no network, no port: the ports
# tests are skipped), hard for `make ports` and `make run`. The stamp holds
# the recipes' keys and changes only with them.
PORTS        := nasm binutils busybox
PORTS_STAMP  := $(BUILD)/ports/stamp
PORTS_INITRD := $(BUILD)/ports-initrd.cpio
PORTS_ISO    := $(BUILD)/ports.iso
$(PORTS_STAMP): FORCE | $(SETUP)
	@bash ports/build.sh --soft $(PORTS)
	@k=$$(cat $(PORTS:%=$(BUILD)/ports/%/key) 2>/dev/null | tr '\n' ' '); mkdir -p $(dir $@); \
	 [ -f $@ ] && [ "$$(cat $@)" = "$$k" ] || echo "$$k" > $@

ports: | $(SETUP)
	@bash ports/build.sh $(PORTS)

# Debian's own dynamically linked i386 nasm and binutils with the shared
# libraries they need (docs/dynamic.md): fetched as shipped, once, into
# build/debian by tools/fetch_debs.sh (soft: without network the tests
# that need them are skipped). The stamp holds the versions and changes,
# rebuilding the ports image, only when they do.
DEBIAN_PKGS  := libc6 zlib1g libzstd1 libjansson4 nasm binutils binutils-i686-linux-gnu \
                binutils-common libbinutils libctf0 libctf-nobfd0
DEBIAN_STAMP := $(BUILD)/debian/stamp
$(DEBIAN_STAMP): FORCE | $(SETUP)
	@bash tools/fetch_debs.sh --soft $(BUILD)/debian $(DEBIAN_PKGS)
	@v=$$(cat $(BUILD)/debian/packages 2>/dev/null || echo none); \
	 [ "$$(cat $@ 2>/dev/null)" = "$$v" ] || echo "$$v" > $@

# Dynamically linked test programs, built with the host's gcc: a PIE (the
# default), an ET_EXEC with PT_INTERP and a static-pie (/tests/dyn).
DYN_BINS := $(addprefix $(BUILD)/user/dyn/,hello_dyn hello_dyn_nopie hello_dyn_static_pie)
DYN_CFLAGS := -m32 -O2 -Wall -Wextra
DYN_VARIANT_FLAGS_hello_dyn :=
DYN_VARIANT_FLAGS_hello_dyn_nopie := -no-pie
DYN_VARIANT_FLAGS_hello_dyn_static_pie := -static-pie
$(DYN_BINS): $(BUILD)/user/dyn/%: user/dyn/hello_dyn.c | $(SETUP)
	@mkdir -p $(dir $@)
	$(CC) $(DYN_CFLAGS) $(DYN_VARIANT_FLAGS_$*) $< -o $@
# greet needs libgreet.so, which only LD_LIBRARY_PATH finds (/tests/dyn/lib).
DYN_LIB := $(BUILD)/user/dyn/lib/libgreet.so
$(DYN_LIB): user/dyn/libgreet.c | $(SETUP)
	@mkdir -p $(dir $@)
	$(CC) $(DYN_CFLAGS) -shared -fPIC $< -o $@
$(BUILD)/user/dyn/greet: user/dyn/greet.c $(DYN_LIB)
	$(CC) $(DYN_CFLAGS) $< -L$(dir $(DYN_LIB)) -lgreet -o $@
DYN_BINS += $(BUILD)/user/dyn/greet

# The ports image: the normal root plus the ports in /usr/bin and their
# tests, Debian's dynamic programs and theirs; only the ports boots (make
# run, tests/ports) load it.
$(PORTS_INITRD): $(BUILD)/initrd.cpio $(PORTS_STAMP) $(DEBIAN_STAMP) $(DYN_BINS) $(DYN_LIB) tools/install_ports.sh tools/install_debian.sh $(wildcard tests/ports/*.sh tests/ports/src/*)
	bash tools/install_ports.sh $(BUILD)/rootfs $(BUILD)/ports-rootfs $(PORTS)
	bash tools/install_debian.sh $(BUILD)/debian/root $(BUILD)/ports-rootfs
	mkdir -p $(BUILD)/ports-rootfs/tests/dyn/lib && cp $(DYN_BINS) $(BUILD)/ports-rootfs/tests/dyn/
	cp $(DYN_LIB) $(BUILD)/ports-rootfs/tests/dyn/lib/
	bash tools/mkinitrd.sh $(BUILD)/ports-rootfs $@

$(PORTS_ISO): $(KERNEL) grub.cfg tools/mkiso.sh $(PORTS_INITRD)
	bash tools/mkiso.sh $(KERNEL) $@ grub.cfg $(PORTS_INITRD)

$(ISO): $(KERNEL) grub.cfg tools/mkiso.sh $(INITRD)
	bash tools/mkiso.sh $(KERNEL) $@ grub.cfg $(INITRD)

# An ISO with a command line of your choosing (and optionally your own initramfs).
iso: $(KERNEL) $(INITRD)
	bash tools/mkiso.sh $(KERNEL) $(BUILD)/custom.iso "cmdline:$(CMDLINE)" $(INITRD)
	@echo "built $(BUILD)/custom.iso"

QEMU_RUN := $(QEMU) -m $(MEM) -serial mon:stdio -no-reboot \
            -device isa-debug-exit,iobase=0xf4,iosize=0x04

# `make run` boots the ports image (nasm, as, ld ... at the prompt), with
# the memory it needs; MEM=... on the command line still wins.
run: MEM = $(RUN_MEM)
RUN_MEM ?= 256
run: busybox ports $(PORTS_ISO)
	@if [ -n "$$DISPLAY" ]; then $(QEMU_RUN) -cdrom $(PORTS_ISO); \
	 else $(QEMU_RUN) -display none -cdrom $(PORTS_ISO); fi

# `make run` wants the shell: fetch busybox or say why not.
busybox: | $(SETUP)
	@bash tools/fetch_busybox.sh

# make debug [BREAK=symbol] [PROG=/tests/bin/NAME [ARGS='...']]: docs/debugging.md
debug: $(ISO)
	BREAK='$(BREAK)' PROG='$(PROG)' ARGS='$(ARGS)' INITRD='$(INITRD)' \
	  bash tools/debug.sh $(ISO) $(KERNEL)

# ---- tests ---------------------------------------------------------------
include tests/unit/unit.mk

UNIT_BINS := $(UNIT_TESTS:%=$(BUILD)/unit/test_%)
HOST_CFLAGS := -g -O1 -Wall -Wextra -I. -DHOST_TEST -fsanitize=address,undefined

.SECONDEXPANSION:
$(BUILD)/unit/test_%: tests/unit/test_%.c $$(UNIT_SRCS_$$*) | $(SETUP)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -MM -MP -MT $@ $< $(UNIT_SRCS_$*) > $@.d
	$(CC) $(HOST_CFLAGS) $< $(UNIT_SRCS_$*) -lcmocka -o $@

include tests/fuzz/fuzz.mk

# What the unit tests read besides themselves, built first and named to
# tests/run_unit.sh: a real cpio archive and a real static i386 binary.
UNIT_SAMPLES := $(BUILD)/initrd.cpio $(BUILD)/user/tests/hello
UNIT_ENV := CPIO_SAMPLE=$(BUILD)/initrd.cpio ELF_SAMPLE=$(BUILD)/user/tests/hello

unit: $(UNIT_BINS) $(UNIT_SAMPLES) | $(SETUP)
	@$(UNIT_ENV) bash tests/run_unit.sh $(UNIT_BINS)

test: $(ISO) $(PORTS_INITRD) $(KERNEL_MAP) $(UNIT_BINS) $(UNIT_SAMPLES) $(FUZZ_HARNESSES) $(FUZZ_SEEDS) | $(SETUP)
	@$(UNIT_ENV) bash tests/run_all.sh $(UNIT_BINS)

# The system-call fuzzer at length: 1,000,000 calls (STRESS_CALLS,
# STRESS_SEED) in one boot, leak-checked (tests/kernel/fuzz_test.c).
stress: $(ISO)
	@python3 tests/system/run.py --stress

# Benchmarks: figures, never pass/fail (docs/benchmarks.md). Fetches Debian's
# i386 kernel and busybox once (build/bench/linux); BENCH_ARGS=--repeat checks
# that a second run gives identical figures.
bench: $(ISO) ports $(DEBIAN_STAMP)
	@bash bench/fetch.sh
	@$(MAKE) --no-print-directory -s -f bench/bench.mk
	@python3 bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d) $(UNIT_BINS:=.d)
