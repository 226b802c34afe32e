# bench.mk - builds the benchmark programs and the file tree both guests get.
# Run from the top of the repository: `make -f bench/bench.mk` (the `bench`
# rule and the benchmark smoke test layer do).
#
#   build/bench/bin/NAME         every bench/NAME.c, static i386, unstripped
#   build/bench/root/bench/      stripped copies + the 1 MiB data file
#   build/bench/tern.cpio        that tree as our kernel's initramfs
#
# busybox (build/bench/linux/busybox, fetched by bench/fetch.sh for the Linux
# side) joins the tree when present: the sh_script benchmark runs it. So do
# the ports' nasm and ld with their inputs (see the end of this file).
BENCH_OUT    := build/bench
BENCH_CFLAGS := -m32 -static -O2 -Wall -Wextra -Werror
BENCH_SRCS   := $(wildcard bench/*.c)
BENCH_BINS   := $(BENCH_SRCS:bench/%.c=$(BENCH_OUT)/bin/%)
BENCH_ROOT   := $(BENCH_OUT)/root
DATA_BYTES   := 1048576
BUSYBOX      := $(wildcard $(BENCH_OUT)/linux/busybox)

.PHONY: all
all: $(BENCH_OUT)/tern.cpio

$(BENCH_OUT)/bin/%: bench/%.c bench/bench.h bench/bench.mk
	@mkdir -p $(dir $@)
	gcc $(BENCH_CFLAGS) $< -o $@

# The data file is bytes 0..255 repeated: not all zero, the same every time.
$(BENCH_OUT)/data-1m: bench/bench.mk
	@mkdir -p $(dir $@)
	python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * ($(DATA_BYTES) // 256))' > $@

# nasm_v_dyn: Debian's dynamic nasm when its packages are fetched
# (tools/fetch_debs.sh; `make bench` does), with glibc's ld.so and libc
# where its PT_INTERP and ld.so look (docs/dynamic.md). Linux boots the
# same tree.
DEB_ROOT := build/debian/root
DEB_NASM := $(wildcard $(DEB_ROOT)/usr/bin/nasm)
DEB_LIBS := $(DEB_ROOT)/lib/i386-linux-gnu/ld-linux.so.2 $(DEB_ROOT)/lib/i386-linux-gnu/libc.so.6

$(BENCH_OUT)/tern.cpio: $(BENCH_BINS) $(BENCH_OUT)/data-1m $(BUSYBOX) $(DEB_NASM) tools/mkinitrd.sh
	@rm -rf $(BENCH_ROOT) && mkdir -p $(BENCH_ROOT)/bench $(BENCH_ROOT)/dev   # /dev: devtmpfs (/dev/null)
	for b in $(BENCH_BINS); do strip -o $(BENCH_ROOT)/bench/$$(basename $$b) $$b; done
	cp $(BENCH_OUT)/data-1m $(BENCH_ROOT)/bench/data-1m
	$(if $(BUSYBOX),cp $(BUSYBOX) $(BENCH_ROOT)/bench/busybox)
	$(if $(PORT_NASM),cp $(PORT_NASM) $(BENCH_OUT)/ports/big.asm $(BENCH_OUT)/ports/small.asm $(BENCH_ROOT)/bench/)
	$(if $(PORT_LD),cp $(PORT_LD) $(BENCH_ROOT)/bench/ && mkdir -p $(BENCH_ROOT)/bench/objs && cp $(BENCH_OBJS) $(BENCH_ROOT)/bench/objs/)
	$(if $(DEB_NASM),cp $(DEB_NASM) $(BENCH_ROOT)/bench/nasm-dyn && mkdir -p $(BENCH_ROOT)/lib/i386-linux-gnu && \
	  cp -a $(DEB_ROOT)/lib/ld-linux.so.2 $(BENCH_ROOT)/lib/ && cp $(DEB_LIBS) $(BENCH_ROOT)/lib/i386-linux-gnu/)
	bash tools/mkinitrd.sh $(BENCH_ROOT) $@

# The ports benchmarks (nasm_50k, ld_50_objects) when the ports are built
# (ports/build.sh; `make bench` builds them): nasm and ld beside the
# benchmarks, with their generated inputs. The objects are assembled by
# the host's nasm: the same bytes the port makes (tests/ports checks).
PORT_NASM := $(wildcard build/ports/nasm/bin/nasm)
PORT_LD   := $(wildcard build/ports/binutils/bin/ld)
BENCH_OBJS := $(shell seq -f '$(BENCH_OUT)/ports/objs/o%02g.o' 0 49)
PORTS_INPUTS := $(if $(PORT_NASM),$(BENCH_OUT)/ports/big.asm $(BENCH_OUT)/ports/small.asm) \
                $(if $(PORT_LD),$(BENCH_OBJS))

$(BENCH_OUT)/ports/%.asm: bench/gen_ports.py
	@mkdir -p $(dir $@)
	python3 bench/gen_ports.py asm $@ $(if $(filter big,$*),50000,2000)

$(BENCH_OUT)/ports/objs/stamp: bench/gen_ports.py
	python3 bench/gen_ports.py objs $(dir $@) 50 && touch $@

$(BENCH_OUT)/ports/objs/%.o: $(BENCH_OUT)/ports/objs/stamp
	nasm -f elf32 $(@:.o=.asm) -o $@

$(BENCH_OUT)/tern.cpio: $(PORTS_INPUTS) $(PORT_NASM) $(PORT_LD)

