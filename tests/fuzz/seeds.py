#!/usr/bin/env python3
"""seeds.py OUTDIR ELF... - the starting inputs of the host fuzzers
(tests/fuzz/run.sh): OUTDIR/mb2 (multiboot2 blocks as GRUB writes them),
OUTDIR/cpio (newc archives as cpio -H newc writes them, with the "./" and
"/" prefixes, a symlink, a device, a CRC magic), OUTDIR/elf (the ELF files
named: the build's tiny program, the linker-script ones, the malformed
corpus). Small inputs mutate faster; each seed is a few hundred bytes."""
import os
import shutil
import struct
import sys


def tag(t, payload):
    body = struct.pack("<II", t, 8 + len(payload)) + payload
    return body + b"\0" * (-len(body) % 8)


def mb2_block(modules=1, mmap_entries=3):
    tags = tag(1, b"console=ttyS0 test=all\0") + tag(2, b"GRUB 2.06\0")
    for i in range(modules):
        tags += tag(3, struct.pack("<II", 0x200000 + i * 0x10000, 0x201000 + i * 0x10000) + b"initrd\0")
    tags += tag(4, struct.pack("<II", 639, 130048))
    entries = b"".join(struct.pack("<QQII", i * 0x100000, 0x9fc00, 1 + i % 2, 0) for i in range(mmap_entries))
    tags += tag(6, struct.pack("<II", 24, 0) + entries)
    tags += tag(8, struct.pack("<QIIIBBH", 0xb8000, 160, 80, 25, 16, 2, 0))
    tags += tag(0, b"")
    return struct.pack("<II", 8 + len(tags), 0) + tags


def newc(name, mode, data=b"", magic=b"070701", ino=1):
    name = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name), 0]
    head = magic + b"".join(b"%08x" % f for f in fields) + name
    head += b"\0" * (-len(head) % 4)
    return head + data + b"\0" * (-len(data) % 4)


def cpio_archive(prefix="", crc=False):
    magic = b"070702" if crc else b"070701"
    out = newc(prefix + "etc", 0o40755, magic=magic, ino=1)
    out += newc(prefix + "etc/hostname", 0o100644, b"tern\n", magic, 2)
    out += newc(prefix + "bin/sh", 0o120777, b"busybox", magic, 3)
    out += newc(prefix + "dev/console", 0o20600, magic=magic, ino=4)
    out += newc("TRAILER!!!", 0, magic=magic, ino=0)
    return out + b"\0" * (-len(out) % 512)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    out, elves = sys.argv[1], sys.argv[2:]
    for d in ("mb2", "cpio", "elf"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    write(os.path.join(out, "mb2", "grub"), mb2_block())
    write(os.path.join(out, "mb2", "modules"), mb2_block(modules=4, mmap_entries=8))
    write(os.path.join(out, "cpio", "plain"), cpio_archive())
    write(os.path.join(out, "cpio", "dotslash"), cpio_archive("./"))
    write(os.path.join(out, "cpio", "crc"), cpio_archive("/", crc=True))
    for e in elves:
        shutil.copy(e, os.path.join(out, "elf", os.path.basename(e)))


if __name__ == "__main__":
    main()
