"""The context's members, read from the ABI table (``hpy-sys/abi/hpy-0.9.0.abi``)."""

import os

TABLE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "hpy-sys", "abi", "hpy-0.9.0.abi")


def members():
    """``(functions, handles)``: the public names of the context functions
    and the C fields of the handles, in ID order."""
    functions, handles = [], []
    in_context = False
    with open(TABLE, encoding="utf-8") as table:
        for line in table:
            line = line.split("#", 1)[0].strip()
            if line.startswith("["):
                in_context = line == "[context]"
            elif in_context and line:
                kind, _id, name = line.split()[:3]
                (functions if kind == "fn" else handles).append(name if kind == "fn" else "h_" + name)
    return functions, handles
