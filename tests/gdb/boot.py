"""boot.py - gdb session on early boot: QEMU halted at reset, the kernel
not yet loaded. Stops at _start with paging off (hbreak on the physical
address), then at kmain; reads the boot page directory's self-map and the
TMT slot through which kmain reads the multiboot2 block.
"""
import os
import sys

sys.dont_write_bytecode = True    # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import addr, cmd, expect, find, function_name, reg, run, stop_in  # noqa: E402
from tern_mem import K, PTE_FRAME  # noqa: E402

CR0_PG = 1 << 31


def physical_start():
    phys = addr("_start") - K["KERNEL_VBASE"]
    cmd("hbreak *0x%x" % phys)
    cmd("continue")
    cmd("delete")
    expect(reg("eip") == phys, "eip 0x%x, expected _start's physical 0x%x" % (reg("eip"), phys))
    expect(not reg("cr0") & CR0_PG, "paging is already on (cr0 0x%x)" % reg("cr0"))


def c_entry():
    stop_in("kmain")


def step_in_kmain():
    cmd("next")
    find(r"^#0 +(0x[0-9a-f]+ in )?kmain \(", cmd("bt"), "bt does not start in kmain")
    expect(function_name() == "kmain", "the frame is %s" % function_name())


def higher_half():
    expect(reg("eip") >= K["KERNEL_VBASE"], "eip 0x%x below the kernel half" % reg("eip"))


def boot_selfmap():
    out = cmd("pt 0xfffff000")
    find(r"read through the self-map", out, "pt did not use the self-map")
    pa = int(find(r"physical 0x([0-9a-f]+)", out, "no physical address").group(1), 16)
    cr3 = reg("cr3") & PTE_FRAME
    expect(pa == cr3, "pt says 0x%x, CR3 is 0x%x" % (pa, cr3))


def tmt_slot_in_use():
    cmd("hbreak tmt_unmap")               # boot_info_load reads the multiboot block through the TMT
    cmd("continue")
    cmd("delete")
    va = addr("va")
    out = cmd("tmt")
    m = find(r"^\s+slot\s+\d+\s+va 0x%08x -> frame 0x([0-9a-f]+)" % va, out,
             "the slot at 0x%x being unmapped is not listed" % va)
    pa = int(find(r"physical 0x([0-9a-f]+)", cmd("pt 0x%x" % va), "pt: not mapped").group(1), 16)
    expect(int(m.group(1), 16) == pa, "tmt says frame 0x%s, pt 0x%x" % (m.group(1), pa))


run([
    ("stops at _start with paging off (hbreak on its physical address)", physical_start),
    ("stops at the C entry point", c_entry),
    ("bt names kmain after a step", step_in_kmain),
    ("eip is in the higher half", higher_half),
    ("pt 0xFFFFF000 at kmain is the boot directory (CR3)", boot_selfmap),
    ("tmt lists the slot tmt_unmap frees, with the frame pt finds", tmt_slot_in_use),
])
