# kernel.gdb - gdb set-up for this kernel (loaded by `make debug`, then
# tools/gdb/tern.py, which adds pt, vmmap, ps, frames, tmt, dmesg, bt-user;
# by hand: `source tools/gdb/tern.py` from the repository root).
# The kernel is linked at its virtual address (0xC0100000), so symbols
# match what the CPU runs once boot/entry.asm has turned paging on.
# Before that, and while GRUB runs, only hardware breakpoints (hbreak)
# are reliable: GRUB rewrites the memory where software ones are planted.
set pagination off
set confirm off
set disassembly-flavor intel
define kmem
  # kmem ADDR: the page-directory and page-table entries for ADDR, read
  # through the recursive self-map (PDE 1023; see docs/memory.md).
  set $va = (unsigned int)($arg0)
  set $pde = ((unsigned int *)0xfffff000)[$va >> 22]
  printf "PDE[%d] = %08x\n", $va >> 22, $pde
  if ($pde & 1)
    set $pte = ((unsigned int *)(0xffc00000 + ($va >> 22) * 4096))[($va >> 12) & 1023]
    printf "PTE[%d] = %08x -> phys %08x\n", ($va >> 12) & 1023, $pte, ($pte & 0xfffff000) | ($va & 0xfff)
  end
end
document kmem
kmem ADDR - show the page directory and page table entries that map ADDR.
end
