# Host fuzzing of the parsers that read untrusted bytes at boot and exec:
# the ELF checker, the cpio (newc) reader, the multiboot2 parser. Each
# harness tests/fuzz/fuzz_NAME.c is compiled with the kernel's own source
# (-DHOST_TEST, as tests/unit does) by clang with libFuzzer, ASan and
# UBSan. `make fuzz` runs each FUZZ_SECONDS (600); `make test` runs the
# short form (tests/run_all.sh: 20 s each). tests/fuzz/run.sh says more.
FUZZ_CC      := clang
FUZZ_SECONDS ?= 600
FUZZ_NAMES   := elf cpio mb2
FUZZ_SRCS_elf  := elf/elf_check.c
FUZZ_SRCS_cpio := fs/cpio.c
FUZZ_SRCS_mb2  := boot/mb2_parse.c
FUZZ_CFLAGS  := -g -O1 -I. -DHOST_TEST -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=undefined
FUZZ_HARNESSES := $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
FUZZ_SEEDS   := $(BUILD)/fuzz/seeds/.stamp

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $$(FUZZ_SRCS_$$*) | $(SETUP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $< $(FUZZ_SRCS_$*) -o $@

$(FUZZ_SEEDS): tests/fuzz/seeds.py $(BAD_ELF_SEED) $(BUILD)/badelf/MANIFEST $(LINKED_BINS)
	@rm -rf $(dir $@)
	python3 tests/fuzz/seeds.py $(dir $@) $(BAD_ELF_SEED) $(LINKED_BINS) $(BUILD)/badelf/*.elf
	@touch $@

fuzz: $(FUZZ_HARNESSES) $(FUZZ_SEEDS)
	@bash tests/fuzz/run.sh $(FUZZ_SECONDS) $(BUILD)
