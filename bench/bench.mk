# bench.mk - builds the benchmark programs and the file tree both guests get.
# Run from the top of the repository: `make -f bench/bench.mk` (the `bench`
# rule and the benchmark smoke test layer do).
#
#   build/bench/bin/NAME         every bench/NAME.c, static i386, unstripped
#   build/bench/root/bench/      stripped copies + the 1 MiB data file
#   build/bench/tern.cpio        that tree as our kernel's initramfs
#
# busybox (build/bench/linux/busybox, fetched by bench/fetch.sh for the Linux
# side) joins the tree when present: the sh_script benchmark runs it.
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

$(BENCH_OUT)/tern.cpio: $(BENCH_BINS) $(BENCH_OUT)/data-1m $(BUSYBOX) tools/mkinitrd.sh
	@rm -rf $(BENCH_ROOT) && mkdir -p $(BENCH_ROOT)/bench $(BENCH_ROOT)/dev   # /dev: devtmpfs (/dev/null)
	for b in $(BENCH_BINS); do strip -o $(BENCH_ROOT)/bench/$$(basename $$b) $$b; done
	cp $(BENCH_OUT)/data-1m $(BENCH_ROOT)/bench/data-1m
	$(if $(BUSYBOX),cp $(BUSYBOX) $(BENCH_ROOT)/bench/busybox)
	bash tools/mkinitrd.sh $(BENCH_ROOT) $@
