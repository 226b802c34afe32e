#!/usr/bin/env python3
"""gen_bad_elf.py GOOD_ELF OUTDIR - write malformed variants of a valid ELF.

GOOD_ELF must be a valid static i386 executable (ELF32, little-endian,
EM_386, ET_EXEC, at least one PT_LOAD), e.g. `gcc -m32 -static hello.c`.
Each variant breaks ONE rule of elf/elf_check.c and is written to
OUTDIR/NAME.elf; OUTDIR/MANIFEST lists the file names, one per line. The
kernel's checker must refuse every one of them with -ENOEXEC.

Where a variant edits a segment, it picks one whose change breaks nothing
else (a PT_LOAD without the entry point, page congruence kept), so a
refusal really comes from the rule the name promises. A variant that
cannot be made from this particular input is reported and skipped.

Standard library only.
"""
import os
import struct
import sys

PAGE_SIZE = 0x1000
USER_TOP = 0xC0000000
USER_STACK_BOTTOM = USER_TOP - (8 << 20)   # mm/layout.h: the stack area's start
U32 = 1 << 32

EHDR_FMT = "<16sHHIIIIIHHHHHH"      # struct elf32_ehdr
PHDR_FMT = "<IIIIIIII"              # struct elf32_phdr
EHDR_SIZE = struct.calcsize(EHDR_FMT)
PHDR_SIZE = struct.calcsize(PHDR_FMT)
EHDR_FIELDS = ("e_ident e_type e_machine e_version e_entry e_phoff e_shoff "
               "e_flags e_ehsize e_phentsize e_phnum e_shentsize e_shnum "
               "e_shstrndx").split()
PHDR_FIELDS = ("p_type p_offset p_vaddr p_paddr p_filesz p_memsz p_flags "
               "p_align").split()

EI_CLASS, EI_DATA = 4, 5
ELFCLASS32, ELFCLASS64 = 1, 2
ELFDATA2LSB, ELFDATA2MSB = 1, 2
ET_REL, ET_EXEC, ET_DYN = 1, 2, 3
EM_386, EM_X86_64 = 3, 62
PT_NULL, PT_LOAD = 0, 1
PF_X = 1
TRUNCATED_HEADER_BYTES = 20
HUGE_PHNUM = 0xFFFF


class Elf:
    """A mutable copy of the file with its headers decoded."""

    def __init__(self, data):
        self.data = bytearray(data)
        self.eh = dict(zip(EHDR_FIELDS, struct.unpack_from(EHDR_FMT, data, 0)))

    def copy(self):
        return Elf(bytes(self.data))

    def set_eh(self, **fields):
        self.eh.update(fields)
        struct.pack_into(EHDR_FMT, self.data, 0, *(self.eh[f] for f in EHDR_FIELDS))

    def ph_off(self, i):
        return self.eh["e_phoff"] + i * self.eh["e_phentsize"]

    def ph(self, i):
        return dict(zip(PHDR_FIELDS, struct.unpack_from(PHDR_FMT, self.data, self.ph_off(i))))

    def set_ph(self, i, **fields):
        p = self.ph(i)
        p.update(fields)
        struct.pack_into(PHDR_FMT, self.data, self.ph_off(i), *(p[f] for f in PHDR_FIELDS))

    def loads(self):
        """Indices of the non-empty PT_LOADs, in file order."""
        return [i for i in range(self.eh["e_phnum"])
                if self.ph(i)["p_type"] == PT_LOAD and self.ph(i)["p_memsz"] > 0]

    def holds_entry(self, i):
        p = self.ph(i)
        return p["p_flags"] & PF_X and 0 <= self.eh["e_entry"] - p["p_vaddr"] < p["p_memsz"]

    def spare_load(self):
        """The last PT_LOAD without the entry point (editing it breaks only what we mean)."""
        spare = [i for i in self.loads() if not self.holds_entry(i)]
        return spare[-1] if spare else None


def die(msg):
    sys.stderr.write("gen_bad_elf: %s\n" % msg)
    sys.exit(1)


def check_good(elf):
    if len(elf.data) < EHDR_SIZE or elf.eh["e_ident"][:4] != b"\x7fELF":
        die("input is not an ELF file")
    ident = elf.eh["e_ident"]
    if ident[EI_CLASS] != ELFCLASS32 or ident[EI_DATA] != ELFDATA2LSB:
        die("input is not ELF32 little-endian")
    if elf.eh["e_machine"] != EM_386 or elf.eh["e_type"] != ET_EXEC:
        die("input is not an i386 ET_EXEC (static-pie is ET_DYN)")
    if elf.eh["e_phentsize"] != PHDR_SIZE or not elf.loads():
        die("input has no usable program headers")


def page_off(x):
    return x % PAGE_SIZE


# ---- variants: each takes a fresh copy and returns the bytes, or None ----

def truncated_header(elf):
    return bytes(elf.data[:TRUNCATED_HEADER_BYTES])


def bad_magic(elf):
    elf.data[1] = ord("X")
    return elf.data


def class64(elf):
    elf.data[EI_CLASS] = ELFCLASS64
    return elf.data


def big_endian(elf):
    elf.data[EI_DATA] = ELFDATA2MSB
    return elf.data


def wrong_machine(elf):
    elf.set_eh(e_machine=EM_X86_64)
    return elf.data


def wrong_type(elf):
    elf.set_eh(e_type=ET_REL)
    return elf.data


def phnum_huge(elf):
    elf.set_eh(e_phnum=HUGE_PHNUM)
    return elf.data


def phnum_zero(elf):
    elf.set_eh(e_phnum=0)
    return elf.data


def phoff_past_end(elf):
    elf.set_eh(e_phoff=len(elf.data))
    return elf.data


def phoff_wrap(elf):
    # e_phoff + table size wraps 2^32 to a small, "inside the file" value.
    elf.set_eh(e_phoff=U32 - PHDR_SIZE)
    return elf.data


def phentsize_wrong(elf):
    elf.set_eh(e_phentsize=PHDR_SIZE + 8)
    return elf.data


def memsz_wraparound(elf):
    i = elf.spare_load()
    if i is None:
        i = elf.loads()[-1]          # growing memsz keeps the entry inside
    p = elf.ph(i)
    elf.set_ph(i, p_memsz=U32 - p["p_vaddr"] + PAGE_SIZE)
    return elf.data


def filesz_gt_memsz(elf):
    for i in reversed(elf.loads()):
        p = elf.ph(i)
        if p["p_offset"] + p["p_memsz"] + 1 <= len(elf.data):
            elf.set_ph(i, p_filesz=p["p_memsz"] + 1)    # still inside the file
            return elf.data
        if p["p_filesz"] >= 2 and not elf.holds_entry(i):
            elf.set_ph(i, p_memsz=p["p_filesz"] - 1)
            return elf.data
    return None


def offset_past_end(elf):
    i = elf.loads()[-1]
    p = elf.ph(i)
    if p["p_filesz"] == 0:
        return None
    past = (len(elf.data) + PAGE_SIZE) // PAGE_SIZE * PAGE_SIZE + page_off(p["p_vaddr"])
    elf.set_ph(i, p_offset=past)
    return elf.data


def offset_wrap(elf):
    # p_offset + p_filesz wraps 2^32; page congruence kept.
    for i in elf.loads():
        p = elf.ph(i)
        if p["p_filesz"] > PAGE_SIZE:
            elf.set_ph(i, p_offset=U32 - PAGE_SIZE + page_off(p["p_vaddr"]))
            return elf.data
    return None


def segment_over_kernel(elf):
    i = elf.spare_load()
    if i is None:
        return None
    p = elf.ph(i)
    va = USER_TOP + page_off(p["p_offset"])
    elf.set_ph(i, p_vaddr=va, p_paddr=va)
    return elf.data


def segment_in_stack(elf):
    # In the stack area's top page: the clash was found after the old image was gone.
    i = elf.spare_load()
    if i is None:
        return None
    va = USER_TOP - PAGE_SIZE + page_off(elf.ph(i)["p_offset"])
    elf.set_ph(i, p_vaddr=va, p_paddr=va, p_memsz=max(elf.ph(i)["p_filesz"], 1))
    return elf.data


def bss_into_stack(elf):
    # The last segment's bss grows up into the stack area.
    i = max(elf.loads(), key=lambda k: elf.ph(k)["p_vaddr"])
    elf.set_ph(i, p_memsz=USER_STACK_BOTTOM - elf.ph(i)["p_vaddr"] + PAGE_SIZE)
    return elf.data


def vaddr_page_zero(elf):
    i = elf.spare_load()
    if i is None:
        return None
    p = elf.ph(i)
    va = page_off(p["p_offset"])
    elf.set_ph(i, p_vaddr=va, p_paddr=va)
    return elf.data


def ranges_overlap(a_va, a_len, b_va, b_len):
    return a_va < b_va + b_len and b_va < a_va + a_len


def overlapping_segments(elf):
    """Move a PT_LOAD (not the entry's) onto the biggest other one.

    The new p_vaddr is the last address congruent to its p_offset (modulo a
    page) that starts before the target ends, so page congruence is kept
    and only the overlap rule is broken.
    """
    mover = elf.spare_load()
    loads = elf.loads()
    if mover is None or len(loads) < 2:
        return None
    target = max((i for i in loads if i != mover), key=lambda i: elf.ph(i)["p_memsz"])
    m, t = elf.ph(mover), elf.ph(target)
    t_end = t["p_vaddr"] + t["p_memsz"]
    off = page_off(m["p_offset"])
    va = (t_end - 1 - off) // PAGE_SIZE * PAGE_SIZE + off
    if va < PAGE_SIZE or not ranges_overlap(va, m["p_memsz"], t["p_vaddr"], t["p_memsz"]):
        return None
    elf.set_ph(mover, p_vaddr=va, p_paddr=va)
    return elf.data


def entry_outside(elf):
    elf.set_eh(e_entry=PAGE_SIZE)
    return elf.data


def entry_not_exec(elf):
    for i in elf.loads():
        if not elf.ph(i)["p_flags"] & PF_X:
            elf.set_eh(e_entry=elf.ph(i)["p_vaddr"])
            return elf.data
    return None


def no_load(elf):
    for i in range(elf.eh["e_phnum"]):
        if elf.ph(i)["p_type"] == PT_LOAD:
            elf.set_ph(i, p_type=PT_NULL)
    return elf.data


def misaligned(elf):
    for i in reversed(elf.loads()):
        p = elf.ph(i)
        if p["p_offset"] >= 16:
            elf.set_ph(i, p_offset=p["p_offset"] - 16)     # still inside the file
            return elf.data
    return None


def align_not_pow2(elf):
    i = elf.loads()[0]
    elf.set_ph(i, p_align=PAGE_SIZE + 1)
    return elf.data


def empty(elf):
    return b""


def truncated_segment(elf):
    """Cut the file in the middle of the PT_LOAD that reaches furthest into it."""
    table_end = elf.ph_off(elf.eh["e_phnum"])
    ends = [(elf.ph(i)["p_offset"] + elf.ph(i)["p_filesz"], i) for i in elf.loads()
            if elf.ph(i)["p_filesz"] > 0]
    end, i = max(ends)
    p = elf.ph(i)
    cut = p["p_offset"] + p["p_filesz"] // 2
    if cut <= table_end or cut >= end:
        return None
    return bytes(elf.data[:cut])


VARIANTS = [
    ("truncated-header", truncated_header),
    ("bad-magic", bad_magic),
    ("class64", class64),
    ("big-endian", big_endian),
    ("wrong-machine", wrong_machine),
    ("wrong-type", wrong_type),
    ("phnum-huge", phnum_huge),
    ("phnum-zero", phnum_zero),
    ("phoff-past-end", phoff_past_end),
    ("phoff-wrap", phoff_wrap),
    ("phentsize-wrong", phentsize_wrong),
    ("memsz-wraparound", memsz_wraparound),
    ("filesz-gt-memsz", filesz_gt_memsz),
    ("offset-past-end", offset_past_end),
    ("offset-wrap", offset_wrap),
    ("segment-over-kernel", segment_over_kernel),
    ("segment-in-stack", segment_in_stack),
    ("bss-into-stack", bss_into_stack),
    ("vaddr-page-zero", vaddr_page_zero),
    ("overlapping-segments", overlapping_segments),
    ("entry-outside", entry_outside),
    ("entry-not-exec", entry_not_exec),
    ("no-load", no_load),
    ("misaligned", misaligned),
    ("align-not-pow2", align_not_pow2),
    ("empty", empty),
    ("truncated-segment", truncated_segment),
]


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: gen_bad_elf.py GOOD_ELF OUTDIR\n")
        return 2
    with open(argv[1], "rb") as f:
        raw = f.read()
    if len(raw) < EHDR_SIZE:
        die("input is shorter than an ELF header")
    good = Elf(raw)
    check_good(good)
    os.makedirs(argv[2], exist_ok=True)
    written = []
    for name, make in VARIANTS:
        data = make(good.copy())
        if data is None:
            sys.stderr.write("gen_bad_elf: %s: cannot be made from this input, skipped\n" % name)
            continue
        fname = name + ".elf"
        with open(os.path.join(argv[2], fname), "wb") as f:
            f.write(bytes(data))
        written.append(fname)
    with open(os.path.join(argv[2], "MANIFEST"), "w") as f:
        f.write("".join(n + "\n" for n in written))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
