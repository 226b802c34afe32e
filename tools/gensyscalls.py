#!/usr/bin/env python3
"""gensyscalls.py - turn kernel/syscall_32.tbl into C.

    gensyscalls.py TABLE OUT_HEADER OUT_SOURCE

OUT_HEADER (included as "gen/syscalls.h"): __NR_name for every number,
NR_SYSCALLS, and the one prototype of every handler. The kernel is
compiled with -include of this header, so a handler defined with another
return type, arity or argument type fails to compile ("conflicting types").

OUT_SOURCE: for each handler, a typed entry point taking the trapframe
(it converts each register to the declared argument type: user_ptr_t
by USER_PTR(), an integer by a cast), and syscall_table[], where every
number has a name and, if implemented, its entry point. No cast of a
function pointer anywhere.

The table's format is described at its top. Any error in it stops the
build with the line number.
"""
import re
import sys

ARG_REGS = ["ebx", "ecx", "edx", "esi", "edi", "ebp"]   # Linux i386 order
INT_TYPES = {"int", "unsigned int", "long", "unsigned long", "int32_t", "uint32_t", "size_t"}
USER_PTR = "user_ptr_t"
UNUSED_NAME = "unused"
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
HANDLER = re.compile(r"(sys_[A-Za-z0-9_]+)(?:\((.*)\))?$")


class TableError(Exception):
    pass


def parse_params(text, where):
    """'int fd, user_ptr_t buf' -> [('int', 'fd'), ('user_ptr_t', 'buf')]."""
    text = text.strip()
    if text in ("", "void"):
        return []
    params = []
    for p in text.split(","):
        words = p.split()
        if len(words) < 2 or not IDENT.match(words[-1]):
            raise TableError(f"{where}: argument '{p.strip()}' is not 'TYPE NAME'")
        ctype = " ".join(words[:-1])
        if ctype != USER_PTR and ctype not in INT_TYPES:
            raise TableError(f"{where}: argument type '{ctype}' is not one of "
                             f"{sorted(INT_TYPES | {USER_PTR})} (a register is never a kernel pointer)")
        params.append((ctype, words[-1]))
    if len(params) > len(ARG_REGS):
        raise TableError(f"{where}: {len(params)} arguments; i386 passes at most {len(ARG_REGS)}")
    return params


def parse(path):
    """The table as [(nr, name, handler or None)] and {handler: params}."""
    rows, protos, aliases = [], {}, []
    for lineno, line in enumerate(open(path), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        where = f"{path}:{lineno}"
        fields = line.split(None, 2)
        if len(fields) != 3:
            raise TableError(f"{where}: expected 'NUMBER NAME HANDLER'")
        nr_text, name, handler = fields
        if not nr_text.isdigit() or int(nr_text) != len(rows):
            raise TableError(f"{where}: number {nr_text}, expected {len(rows)} (every number, in order)")
        if name != "-" and not IDENT.match(name):
            raise TableError(f"{where}: '{name}' is not a name")
        if name == "-" and handler != "-":
            raise TableError(f"{where}: an unused number has no handler")
        fn = None
        if handler != "-":
            m = HANDLER.match(handler)
            if not m:
                raise TableError(f"{where}: handler '{handler}' is not '-', 'sys_NAME' or 'sys_NAME(ARGS)'")
            fn = m.group(1)
            if m.group(2) is not None:
                if fn in protos:
                    raise TableError(f"{where}: {fn} is declared twice (later uses name it alone)")
                protos[fn] = parse_params(m.group(2), where)
            else:
                aliases.append((fn, where))
        rows.append((len(rows), None if name == "-" else name, fn))
    names = [r[1] for r in rows if r[1]]
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        raise TableError(f"{path}: names used twice: {dups}")
    for fn, where in aliases:
        if fn not in protos:
            raise TableError(f"{where}: {fn} has no prototype on any line")
    if not rows:
        raise TableError(f"{path}: no system calls")
    return rows, protos


def prototype(fn, params):
    args = ", ".join(f"{t} {n}" for t, n in params) or "void"
    return f"long {fn}({args})"


def arg_expr(ctype, reg):
    if ctype == USER_PTR:
        return f"USER_PTR(tf->{reg})"
    return f"({ctype})tf->{reg}"


def header(rows, protos, src):
    out = [f"/* gen/syscalls.h - GENERATED from {src} by tools/gensyscalls.py: do not edit. */",
           "#ifndef GEN_SYSCALLS_H", "#define GEN_SYSCALLS_H", "",
           "#include <stddef.h>", "#include <stdint.h>", '#include "mm/usercopy.h"', ""]
    out += [f"#define __NR_{name} {nr}" for nr, name, _ in rows if name]
    out += ["", f"#define NR_SYSCALLS {len(rows)}", ""]
    out += [prototype(fn, params) + ";" for fn, params in sorted(protos.items())]
    out += ["", "#endif", ""]
    return "\n".join(out)


def source(rows, protos, src):
    out = [f"/* syscall_table.c - GENERATED from {src} by tools/gensyscalls.py: do not edit. */",
           '#include "gen/syscalls.h"', '#include "kernel/syscall.h"', '#include "kernel/trap.h"', ""]
    for fn, params in sorted(protos.items()):
        call = ", ".join(arg_expr(t, ARG_REGS[i]) for i, (t, _) in enumerate(params))
        unused = "" if params else "\n\t(void)tf;"
        out += [f"static long entry_{fn}(const struct trapframe *tf)", "{" + unused,
                f"\treturn {fn}({call});", "}", ""]
    out.append("const struct syscall_entry syscall_table[NR_SYSCALLS] = {")
    for nr, name, fn in rows:
        target = f"entry_{fn}" if fn else "NULL"
        out.append(f'\t[{nr}] = {{ "{name or UNUSED_NAME}", {target} }},')
    out += ["};", ""]
    return "\n".join(out)


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    try:
        rows, protos = parse(argv[1])
    except TableError as e:
        sys.exit(f"gensyscalls: {e}")
    with open(argv[2], "w") as f:
        f.write(header(rows, protos, argv[1]))
    with open(argv[3], "w") as f:
        f.write(source(rows, protos, argv[1]))


if __name__ == "__main__":
    main(sys.argv)
