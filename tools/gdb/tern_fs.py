"""tern_fs.py - the file systems of the tern kernel seen from gdb (the
structures of fs/vfs.h): the mount table of fs/mount.c, and paths rebuilt
from inodes the way fs/namei.c's vfs_path_of does; a process's
descriptor table (fs/fd.h), its open files (fs/file.h) and inodes. A
file's inode knows no name of its own, so its path is found by walking
the directories down from each mount's root, at most MAX_VISIT entries.
"""
import gdb

from tern_proc import each, static, val

PATH_DEPTH_MAX = 64               # directories climbed at most (a corrupt tree ends here)
MAX_VISIT = 20000                 # directory entries a path search looks at
S_IFMT = 0o170000
S_IFDIR = 0o040000
TYPES = {0o140000: "socket", 0o120000: "link", 0o100000: "file", 0o060000: "block",
         0o040000: "dir", 0o020000: "char", 0o010000: "fifo"}
ACCMODE = {0: "O_RDONLY", 1: "O_WRONLY", 2: "O_RDWR"}
# uapi/fcntl.h, the flags an open file keeps (octal, as Linux writes them).
FLAGS = ((0o2000, "O_APPEND"), (0o4000, "O_NONBLOCK"), (0o40000, "O_DIRECT"),
         (0o100000, "O_LARGEFILE"), (0o200000, "O_DIRECTORY"), (0o400000, "O_NOFOLLOW"))
BITS = 32                         # descriptors per close-on-exec word (fs/fd.c)


def mounts():
    """The mount table in mount order (the root's first)."""
    return list(each(static("fs/mount.c", "mount_list")))


def mount_of_root(root):
    """The oldest mount whose root is the inode root, or None."""
    for m in mounts():
        if int(m["root"]) == int(root):
            return m
    return None


def name_in_parent(dir_):
    """The name of directory dir_ in its parent: a tmpfs entry, or the
    procfs node's own name (its inode's priv)."""
    parent = dir_["parent"]
    for d in each(parent["entries"]):
        if int(d["inode"]) == int(dir_):
            return d["name"].string()
    node = dir_["priv"].cast(gdb.lookup_type("struct dentry").pointer())
    return node["name"].string() if int(node) else "?"


def dir_path(ino):
    """The path of directory inode ino from the real root, crossing
    mounts upwards; "?" parts where the tree is not what it should be."""
    parts = []
    for _ in range(PATH_DEPTH_MAX):
        if int(ino["parent"]) == int(ino):
            m = mount_of_root(ino)
            if m is None or not int(m["mountpoint"]):
                break
            ino = m["mountpoint"]
            continue
        if not int(ino["parent"]):
            parts.append("(removed)")
            break
        parts.append(name_in_parent(ino))
        ino = ino["parent"]
    return "/" + "/".join(reversed(parts))


def mount_rows():
    """(path, type, source, device, root inode address, flags) per mount."""
    rows = []
    for m in mounts():
        path = dir_path(m["mountpoint"]) if int(m["mountpoint"]) else "/"
        rows.append((path, m["type"]["name"].string(), m["source"].string(),
                     int(m["root"]["dev"]), int(m["root"]), int(m["flags"])))
    return rows


def type_of(mode):
    return TYPES.get(mode & S_IFMT, "?")


def flags_str(flags):
    names = [ACCMODE.get(flags & 3, "O_ACCMODE=3")]
    names += [name for bit, name in FLAGS if flags & bit]
    return "|".join(names)


def symbol_at(addr):
    """The symbol at addr (an ops table), or the address."""
    out = gdb.execute("info symbol 0x%x" % addr, to_string=True)
    return out.split()[0] if "No symbol" not in out else "0x%x" % addr


def roots():
    """(root inode, path) of every mount, the root's first."""
    return [(m["root"], dir_path(m["mountpoint"]) if int(m["mountpoint"]) else "") for m in mounts()]


def entries(d):
    e = d["entries"]
    while int(e):
        yield e
        e = e["next"]


def path_of(ino):
    """The path of inode ino, searched from the roots, or None."""
    want, seen = int(ino), 0
    for root, prefix in roots():
        if int(root) == want:
            return prefix or "/"
        stack = [(root, prefix)]
        while stack and seen < MAX_VISIT:
            d, path = stack.pop()
            for e in entries(d):
                seen += 1
                child = e["inode"]
                name = path + "/" + e["name"].string()
                if int(child) == want:
                    return name
                if int(child["mode"]) & S_IFMT == S_IFDIR:
                    stack.append((child, name))
    return None


def describe_inode(ino):
    """Lines about inode ino (a gdb value of type struct inode *)."""
    i = ino.dereference()
    mode = int(i["mode"])
    path = path_of(ino)
    lines = ["inode 0x%08x: ino %d dev %d, %s, mode %o, nlink %d, refs %d, uid %d gid %d, size %d"
             % (int(ino), int(i["ino"]), int(i["dev"]), type_of(mode), mode, int(i["nlink"]),
                int(i["refs"]), int(i["uid"]), int(i["gid"]), int(i["size"])),
             "  path: %s" % (path if path else "(none found: deleted, or beyond the search)"),
             "  ops %s, mtime %d" % (symbol_at(int(i["ops"])), int(i["mtime"]["sec"]))]
    if mode & S_IFMT == S_IFDIR:
        lines.append("  entries: %d" % sum(1 for _ in entries(i)))
    if int(i["target"]):
        lines.append("  target: %s" % i["target"].string())
    if int(i["locks"]):
        lines.append("  record locks held")
    return lines


def open_files(p):
    """(fd, close-on-exec, struct file *) of process p's table (none
    once it has ended)."""
    if not int(p["files"]):
        return
    fdt = p["files"]["fdt"]
    for fd in range(int(fdt["size"])):
        f = fdt["file"][fd]
        if int(f):
            yield fd, bool((int(fdt["cloexec"][fd // BITS]) >> (fd % BITS)) & 1), f


def describe_file(fd, cloexec, f):
    ino = f["inode"]
    if int(ino):
        what = path_of(ino) or "inode 0x%08x (no name found)" % int(ino)
    else:
        what = "[%s]" % symbol_at(int(f["ops"]))
    return "  %3d  %-40s offset %-8d %s%s  refs %d  file 0x%08x%s" % (
        fd, what, int(f["pos"]), flags_str(int(f["flags"])), " O_CLOEXEC" if cloexec else "",
        int(f["refs"]), int(f), "  inode 0x%08x" % int(ino) if int(ino) else "")


def inode_at(expr):
    return val("(struct inode *)(%s)" % expr)
