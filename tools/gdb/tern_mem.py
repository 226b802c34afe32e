"""tern_mem.py - memory and page tables of the tern kernel, seen from gdb.

The constants come from mm/layout.h and mm/pte.h themselves (parsed when
this loads), so the scripts cannot drift from the kernel's address map.
An address space is read through the recursive self-map when it is the one
in CR3, and otherwise physically through QEMU's monitor (`xp`): the kernel
has no direct map of physical memory that gdb could use instead.
"""
import os
import re
import struct

import gdb

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HEADERS = ("mm/layout.h", "mm/pte.h")
CR0_PG = 1 << 31
PDE_PS = 0x80                   # a 4 MiB page (never made by tern, shown if seen)
XP_LINE = re.compile(r"^\s*([0-9a-fA-F]+):\s+(.*)$")


def _defines(path):
    """The numeric #defines of a header: NAME -> int."""
    out = {}
    with open(os.path.join(ROOT, path)) as f:
        for m in re.finditer(r"^#define\s+(\w+)\s+(0x[0-9a-fA-F]+|\d+)u?\b", f.read(), re.M):
            out[m.group(1)] = int(m.group(2), 0)
    return out


K = {}
for _h in HEADERS:
    K.update(_defines(_h))

PAGE_SIZE, PT_ENTRIES = K["PAGE_SIZE"], K["PT_ENTRIES"]
PTE_P, PTE_W, PTE_U, PTE_FRAME = K["PTE_P"], K["PTE_W"], K["PTE_U"], K["PTE_FRAME"]
SELF_PDE, SELF_BASE, SELF_PD = K["SELF_PDE"], K["SELF_BASE"], K["SELF_PD"]
PDE_SPAN = PT_ENTRIES * PAGE_SIZE

FLAG_NAMES = [(K["PTE_P"], "P"), (K["PTE_W"], "W"), (K["PTE_U"], "U"), (K["PTE_PWT"], "PWT"),
              (K["PTE_PCD"], "PCD"), (K["PTE_A"], "A"), (K["PTE_D"], "D"), (PDE_PS, "PS"),
              (K["PTE_G"], "G"), (K["PTE_AVL0"], "AVL0"), (K["PTE_AVL1"], "AVL1"),
              (K["PTE_AVL2"], "AVL2")]

# The regions of mm/layout.h, for labelling addresses.
REGIONS = [
    (K["USER_BASE"], K["USER_TOP"], "user"),
    (K["KERNEL_VBASE"], K["KMODULE_BASE"], "kernel image + VGA text page"),
    (K["KMODULE_BASE"], K["KMODULE_END"], "boot modules"),
    (K["KHEAP_BASE"], K["KHEAP_END"], "kernel heap"),
    (K["KSTACK_BASE"], K["KSTACK_END"], "kernel stacks"),
    (K["FRAME_META_BASE"], K["FRAME_META_END"], "frame metadata"),
    (K["TMT_BASE"], K["FOREIGN_BASE"], "TMT"),
    (K["FOREIGN_BASE"], K["SELF_BASE"], "foreign window"),
    (K["SELF_BASE"], 1 << 32, "self-map (page tables)"),
]


def region_of(va):
    for lo, hi, name in REGIONS:
        if lo <= va < hi:
            return name
    return "-"


def flags_str(e):
    return " ".join(n for bit, n in FLAG_NAMES if e & bit) or "-"


def reg(name):
    return address("$" + name)


def address(expr):
    """The 32-bit value of an expression; a function names its address."""
    v = gdb.parse_and_eval(expr)
    if v.type.code == gdb.TYPE_CODE_FUNC:
        v = v.address
    return int(v) & 0xffffffff


def paging_on():
    return bool(reg("cr0") & CR0_PG)


def read_virt(va, size):
    """Bytes at a virtual address of the current space (gdb's own read)."""
    return bytes(gdb.selected_inferior().read_memory(va, size))


def read_phys_words(pa, count):
    """count 32-bit words at physical address pa, through QEMU's `xp`."""
    out = gdb.execute("monitor xp /%dwx 0x%x" % (count, pa), to_string=True)
    words = []
    for line in out.splitlines():
        m = XP_LINE.match(line)
        if m:
            words += [int(w, 16) for w in m.group(2).split()]
    if len(words) != count:
        raise gdb.GdbError("xp 0x%x: expected %d words, QEMU said: %s" % (pa, count, out.strip()))
    return words


def words(b):
    return list(struct.unpack("<%dI" % (len(b) // 4), b))


class Space:
    """One address space, named by the physical address of its directory.

    Through the self-map when it is the current one (CR3) and the self-map
    is in place; otherwise by physical reads. where() names the address at
    which an entry was read, so the output says which path was used."""

    def __init__(self, pd):
        self.pd = pd & PTE_FRAME
        self.selfmap = paging_on() and self.pd == (reg("cr3") & PTE_FRAME) and self._selfmap_ok()

    def _selfmap_ok(self):
        try:
            pde = words(read_virt(SELF_PD + SELF_PDE * 4, 4))[0]
        except gdb.MemoryError:
            return False
        return (pde & PTE_P) and (pde & PTE_FRAME) == self.pd

    @property
    def how(self):
        return "the self-map" if self.selfmap else "CR3, physically (QEMU xp)"

    def pde_addr(self, i):
        return SELF_PD + 4 * i if self.selfmap else self.pd + 4 * i

    def pte_addr(self, i, j, pde):
        return SELF_BASE + i * PAGE_SIZE + 4 * j if self.selfmap else (pde & PTE_FRAME) + 4 * j

    def pde(self, i):
        if self.selfmap:
            return words(read_virt(self.pde_addr(i), 4))[0]
        return read_phys_words(self.pde_addr(i), 1)[0]

    def pte(self, i, j, pde):
        if self.selfmap:
            return words(read_virt(self.pte_addr(i, j, pde), 4))[0]
        return read_phys_words(self.pte_addr(i, j, pde), 1)[0]

    def directory(self):
        if self.selfmap:
            return words(read_virt(SELF_PD, PAGE_SIZE))
        return read_phys_words(self.pd, PT_ENTRIES)

    def table(self, i, pde):
        if self.selfmap:
            return words(read_virt(SELF_BASE + i * PAGE_SIZE, PAGE_SIZE))
        return read_phys_words(pde & PTE_FRAME, PT_ENTRIES)


def translate(space, va):
    """Walk va: a list of report lines and the physical address (or None)."""
    i, j = va >> 22, (va >> 12) & (PT_ENTRIES - 1)
    pde = space.pde(i)
    lines = ["  PDE[%4d] at 0x%08x = 0x%08x  table 0x%08x  [%s]"
             % (i, space.pde_addr(i), pde, pde & PTE_FRAME, flags_str(pde))]
    if not pde & PTE_P:
        return lines + ["  not mapped: the directory entry is not present"], None
    if pde & PDE_PS:
        pa = (pde & 0xffc00000) | (va & (PDE_SPAN - 1))
        return lines + ["  a 4 MiB page"], pa
    pte = space.pte(i, j, pde)
    lines.append("  PTE[%4d] at 0x%08x = 0x%08x  frame 0x%08x  [%s]"
                 % (j, space.pte_addr(i, j, pde), pte, pte & PTE_FRAME, flags_str(pte)))
    if not pte & PTE_P:
        return lines + ["  not mapped: the table entry is not present"], None
    return lines, (pte & PTE_FRAME) | (va & (PAGE_SIZE - 1))


def mapped_runs(space):
    """(start, end, writable, user, first frame, pages) for every run of
    pages with the same access, contiguous, within one layout region."""
    runs, cur = [], None
    directory = space.directory()
    for i, pde in enumerate(directory):
        if not pde & PTE_P:
            continue
        if pde & PDE_PS:            # a 4 MiB page: its 1024 pages, as if a table
            entries = [(pde & 0xffc00000) + (k * PAGE_SIZE) | (pde & 0xfff) for k in range(PT_ENTRIES)]
        else:
            entries = space.table(i, pde)
        for j, pte in enumerate(entries):
            if not pte & PTE_P:
                continue
            va = i * PDE_SPAN + j * PAGE_SIZE
            w, u = bool(pte & pde & PTE_W), bool(pte & pde & PTE_U)
            if (cur and cur[1] == va and cur[2:4] == [w, u]
                    and region_of(va) == region_of(cur[0])):
                cur[1] += PAGE_SIZE
                cur[5] += 1
            else:
                cur = [va, va + PAGE_SIZE, w, u, pte & PTE_FRAME, 1]
                runs.append(cur)
    return [tuple(r) for r in runs]
