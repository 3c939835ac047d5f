"""Compare two HPy universal context headers member by member.

    python compare_ctx.py REFERENCE/autogen_ctx.h OTHER/autogen_ctx.h

Lists the members of `struct _HPyContext_s` in declaration order (name and
kind: handle or function pointer) from each header and prints every position
where the two differ. Exit status 0 when the order and kinds match.
"""

import re
import sys

FUNC = re.compile(r"\(\s*\*\s*(\w+)\s*\)\s*\(")
FIELD = re.compile(r"(\w+)\s*;\s*$")


def members(path):
    text = open(path, encoding="utf-8").read()
    body = text[text.index("struct _HPyContext_s {"):]
    body = body[body.index("{") + 1:body.index("};")]
    out = []
    for line in body.splitlines():
        line = line.split("//")[0].strip()
        if not line or line.startswith("#"):
            continue
        func = FUNC.search(line)
        if func:
            out.append((func.group(1), "fn"))
            continue
        field = FIELD.search(line)
        if field:
            kind = line.split()[0]
            out.append((field.group(1), kind))
    return out


def main(ref_path, other_path):
    ref, other = members(ref_path), members(other_path)
    header = 3  # name, _private, abi_version
    print(f"reference: {len(ref)} fields ({len(ref) - header} members), other: {len(other)} fields")
    diffs = 0
    for i in range(max(len(ref), len(other))):
        a = ref[i] if i < len(ref) else None
        b = other[i] if i < len(other) else None
        if a is None or b is None or a[0] != b[0]:
            diffs += 1
            print(f"field {i} (ID {i - header}, offset {8 * i}): {a} vs {b}")
    kinds = {}
    for name, kind in other:
        kinds[kind] = kinds.get(kind, 0) + 1
    print("member kinds in other:", kinds)
    print("same order" if diffs == 0 else f"{diffs} positions differ")
    return 0 if diffs == 0 else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
