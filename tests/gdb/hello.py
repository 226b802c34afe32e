"""hello.py - gdb session in a running user program, started by
`make debug PROG=/tests/bin/hello` (tools/debug.sh), which leaves gdb at the
program's entry. Then main, the kernel inside its write(2), and every
tern.py command, compared with what QEMU's monitor says where it can.
"""
import os
import re
import sys

sys.dont_write_bytecode = True    # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import addr, cmd, expect, find, function_name, reg, run, stop_in  # noqa: E402
import tern_mem  # noqa: E402
import tern_proc  # noqa: E402

PROG = "/tests/bin/hello"
BINARY = os.path.join(tern_mem.ROOT, "build/user/tests/hello")
KERNEL_PID = 0
REGS = ("eip", "esp", "ebp", "eax", "ebx", "ecx", "edx", "esi", "edi")
state = {}


def phys_of(pt_output):
    return int(find(r"physical 0x([0-9a-f]+)", pt_output, "pt found no mapping").group(1), 16)


def qemu_gpa(va):
    out = cmd("monitor gva2gpa 0x%x" % va)
    return int(find(r"gpa: (0x[0-9a-f]+)", out, "QEMU gva2gpa failed").group(1), 16)


def qemu_word(pa):
    return tern_mem.read_phys_words(pa, 1)[0]


def qemu_tlb_frame(va):
    out = cmd("monitor info tlb")
    m = find(r"^0*%x: ([0-9a-f]+) " % va, out, "info tlb has no 0x%x" % va)
    return int(m.group(1), 16)


def at_entry():
    entry = tern_proc.elf_entry(BINARY)
    expect(reg("eip") == entry, "eip 0x%x, the ELF entry is 0x%x" % (reg("eip"), entry))
    expect(function_name() == "_start", "stopped in %r, not _start" % function_name())
    expect(tern_proc.exe_of_current() == PROG, "current process runs %s" % tern_proc.exe_of_current())


def in_main():
    cmd("ubreak main")
    cmd("continue")
    expect(function_name() == "main", "stopped in %r" % function_name())
    expect(tern_proc.in_user_mode(), "cs 0x%x is not ring 3" % reg("cs"))
    find(r"^#0 +main \(", cmd("bt-user"), "bt-user in user mode does not name main")
    cmd("delete")


def in_write():
    stop_in("sys_write")


def bt_user_names():
    state["before"] = {r: reg(r) for r in REGS}
    out = cmd("bt-user")
    state["after"] = {r: reg(r) for r in REGS}
    find(r"trapped into the kernel \(vector 128\)", out, "not seen as a system call")
    for fn in ("write", "puts", "main"):
        find(r"^#\d+ .*\b%s \(" % fn, out, "no frame for %s" % fn)


def bt_user_restores():
    expect(state.get("before") == state.get("after"),
           "registers changed: %s -> %s" % (state.get("before"), state.get("after")))
    expect(function_name() == "sys_write", "the selected frame is %r" % function_name())


def ps_lists():
    out = cmd("ps")
    find(r"^\s+%d\s+-\s+alive\s+0x[0-9a-f]{8}\s+kernel$" % KERNEL_PID, out, "no kernel process")
    m = find(r"^\s+(\d+)\s+%d\s+alive\s+0x([0-9a-f]{8})\s+%s$" % (KERNEL_PID, re.escape(PROG)),
             out, "no %s process, child of the kernel" % PROG)
    pid, pd = int(m.group(1)), int(m.group(2), 16)
    expect(pd == reg("cr3") & tern_mem.PTE_FRAME, "its directory 0x%x is not CR3" % pd)
    find(r"^\s+\* tid %d\s+running " % pid, out, "pid %d's thread is not the running one" % pid)
    find(r"^\s+tid \d+\s+\w+\s+kstack_top 0x[0-9a-f]+\s+idle$", out, "no idle thread")


def pt_kernel():
    va = addr("kmain")
    out = cmd("pt 0x%x" % va)
    find(r"read through the self-map", out, "not read through the self-map")
    expect(phys_of(out) == qemu_gpa(va), "pt 0x%x != gva2gpa 0x%x" % (phys_of(out), qemu_gpa(va)))
    m = find(r"PDE\[.*table 0x([0-9a-f]+).*\n.*PTE\[\s*(\d+)\] at 0x[0-9a-f]+ = 0x([0-9a-f]+)",
             out, "no PTE line")
    table, index, pte = int(m.group(1), 16), int(m.group(2)), int(m.group(3), 16)
    expect(qemu_word(table + 4 * index) == pte, "QEMU xp of the PTE says 0x%x, pt 0x%x"
           % (qemu_word(table + 4 * index), pte))
    state["kmain_pa"] = phys_of(out)


def pt_selfmap():
    out = cmd("pt 0xfffff000")
    cr3 = reg("cr3") & tern_mem.PTE_FRAME
    expect(phys_of(out) == cr3, "pt says 0x%x, CR3 is 0x%x" % (phys_of(out), cr3))
    expect(qemu_tlb_frame(0xfffff000) == cr3, "info tlb maps 0xfffff000 to 0x%x"
           % qemu_tlb_frame(0xfffff000))


def pt_other_space():
    out = cmd("pt kmain %d" % KERNEL_PID)
    find(r"pid 0 \(kernel\).*read through CR3, physically", out, "not a walk by CR3")
    expect(phys_of(out) == state.get("kmain_pa"), "kmain at 0x%x there, %s here"
           % (phys_of(out), state.get("kmain_pa")))


def pt_user():
    va = addr("main")
    out = cmd("pt main")
    expect(phys_of(out) == qemu_gpa(va), "pt 0x%x != gva2gpa 0x%x" % (phys_of(out), qemu_gpa(va)))
    find(r"PTE.*\[P[^\]]* U[^\]]*\]", out, "main's page is not user")


def vmmap_current():
    out = cmd("vmmap")
    main = addr("main")
    runs = re.findall(r"^\s+0x([0-9a-f]+) 0x([0-9a-f]+)\s+\d+\s+(\S+)\s+(\S+)", out, re.M)
    hit = [r for r in runs if int(r[0], 16) <= main < int(r[1], 16)]
    expect(hit and hit[0][2:] == ("r-", "user"), "no read-only user run holds main\n" + out)
    # The boot window keeps only the VGA page and the image: code and
    # constants read-only, data and bss writable (mm/kimage.c).
    vga = tern_mem.K["KERNEL_VBASE"] + tern_mem.K["VGA_TEXT_PHYS"]
    find(r"^\s+0x%08x 0x[0-9a-f]+\s+\d+\s+rw\s+kern .*kernel image" % vga, out, "no VGA text page")
    find(r"^\s+0x%08x 0x[0-9a-f]+\s+\d+\s+r-\s+kern .*kernel image" % addr("&_text_start"), out,
         "no read-only kernel text run")
    find(r"^\s+0x%08x 0x[0-9a-f]+\s+\d+\s+rw\s+kern .*kernel image" % addr("&_data_start"), out,
         "no writable kernel data run")
    expect(not re.search(r"^\s+0xc0000000 ", out, re.M), "low memory is still mapped\n" + out)


def vmmap_kernel():
    out = cmd("vmmap %d" % KERNEL_PID)
    find(r"kernel image", out, "no kernel image in pid 0's map")
    expect(not re.search(r"\buser\s+0x", out), "pid 0 has user pages\n" + out)


def frames_add_up():
    out = cmd("frames")
    m = find(r"(\d+) free, (\d+) in use, (\d+) in the pool", out, "no counts")
    free, used, total = (int(x) for x in m.groups())
    expect(free > 0 and used > 0 and free + used == total, out)
    top = int(find(r"next out first\): 0x([0-9a-f]+)", out, "no stack top").group(1), 16)
    ref = int(tern_proc.static("mm/frame.c", "pool")["refs"][top >> 12])
    expect(ref == 0, "frame 0x%x on top of the free stack has refs %d" % (top, ref))


def tmt_agrees():
    out = cmd("tmt")
    m = find(r"TMT: (\d+) of (\d+) slots in use \(free stack: (\d+) free\)", out, "no summary")
    used, slots, free = (int(x) for x in m.groups())
    expect(used + free == slots, out)
    expect(len(re.findall(r"^\s+slot ", out, re.M)) == used, out)


def mounts_table():
    out = cmd("mounts")
    rows = re.findall(r"^\s+(\S+)\s+(\S+)\s+(\S+)\s+0:(\d+)\s+0x([0-9a-f]+)\s+(rw|ro)$", out, re.M)
    by_path = {r[0]: r for r in rows}
    expect(rows and rows[0][:2] == ("/", "rootfs"), "the root is not the first mount\n" + out)
    expect(by_path.get("/dev", ("",) * 2)[1] == "devtmpfs", "no devtmpfs on /dev\n" + out)
    expect(by_path.get("/proc", ("",) * 2)[1] == "proc", "no proc on /proc\n" + out)
    root = int(by_path["/"][4], 16) if "/" in by_path else 0
    expect(root == addr("'fs/mount.c'::mount_list->root"), "the root inode is not mount_list's\n" + out)


def files_stdio():
    out = cmd("files")
    m = find(r"^pid (\d+) \(%s\): 3 descriptors open" % re.escape(PROG), out, "not hello's 3 descriptors\n" + out)
    for fd in range(3):
        find(r"^\s+%d\s+\[\w+\]\s+offset 0\s+O_\w+" % fd, out, "fd %d is not the console\n%s" % (fd, out))
    expect(cmd("files %s" % m.group(1)) == out, "files PID differs from files")
    find(r"^pid 0 \(kernel\): 0 descriptors open", cmd("files 0"), "the kernel has descriptors")


def hello_inode():
    """The inode of /tests/bin/hello, found by walking the tree here in
    Python: inode ADDR must name it and say its size."""
    d = tern_proc.static("fs/mount.c", "mount_list")["root"]
    for name in ("tests", "bin", "hello"):
        e = d["entries"]
        while int(e) and e["name"].string() != name:
            e = e["next"]
        expect(int(e) != 0, "no %s in the tree" % name)
        d = e["inode"]
    out = cmd("inode 0x%x" % int(d))
    size = os.path.getsize(os.path.join(tern_mem.ROOT, "build/rootfs/tests/bin/hello"))
    find(r"^inode 0x%08x: ino \d+ dev \d+, file, mode 100755, nlink 1, refs \d+, uid 0 gid 0, size %d$"
         % (int(d), size), out, "not the file's type, mode or size\n" + out)
    find(r"^  path: /tests/bin/hello$", out, "not its path\n" + out)
    root = cmd("inode 'fs/mount.c'::mount_list->root")
    find(r"^  path: /$", root, "the root is not /\n" + root)
    find(r"^  entries: \d+$", root, "no entry count for the root\n" + root)


def dmesg_log():
    out = cmd("dmesg")
    find(r"^\[ +0\.\d{6}\] tern \S+ \(built", out, "no banner in the log ring")
    find(r"^\[ +\d+\.\d{6}\] initramfs: \d+ entries", out, "no initramfs line")
    expect(len(cmd("dmesg 2").strip().splitlines()) <= 2, "dmesg 2 printed more than 2 lines")


run([
    ("make debug PROG= stops at the program's entry (_start)", at_entry),
    ("ubreak stops in the user program's main (ring 3)", in_main),
    ("hbreak on sys_write stops in the kernel inside hello", in_write),
    ("bt-user names the program's functions (write, puts, main)", bt_user_names),
    ("bt-user leaves the CPU registers as they were", bt_user_restores),
    ("ps lists the kernel, idle and hello (running, its directory in CR3)", ps_lists),
    ("pt on a kernel address = QEMU gva2gpa, PTE = QEMU xp", pt_kernel),
    ("pt 0xFFFFF000 = CR3 = QEMU info tlb", pt_selfmap),
    ("pt ADDR PID walks pid 0's space through its CR3", pt_other_space),
    ("pt on a user address = QEMU gva2gpa", pt_user),
    ("vmmap: main in a read-only user run, kernel text r-, data rw", vmmap_current),
    ("vmmap PID: the kernel's space has no user pages", vmmap_kernel),
    ("frames: counts add up, the stack top is a free frame", frames_add_up),
    ("tmt: slots in use agree with the free stack", tmt_agrees),
    ("dmesg shows the kernel log ring", dmesg_log),
    ("mounts: /, /dev (devtmpfs) and /proc (proc), the root first", mounts_table),
    ("files lists hello's fds 0-2 (the console); files PID agrees", files_stdio),
    ("inode ADDR: /tests/bin/hello's path, mode and size; the root is /", hello_inode),
])
