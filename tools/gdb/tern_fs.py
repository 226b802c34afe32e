"""tern_fs.py - the file systems of the tern kernel seen from gdb (the
structures of fs/vfs.h): the mount table of fs/mount.c, and paths rebuilt
from inodes the way fs/namei.c's vfs_path_of does.
"""
import gdb

from tern_proc import each, static

PATH_DEPTH_MAX = 64               # directories climbed at most (a corrupt tree ends here)


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
