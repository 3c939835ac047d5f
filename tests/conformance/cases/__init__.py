"""Every conformance case, one module per area of the HPy context.

``members()`` reads the context's functions and handles from the ABI table
(``hpy-sys/abi/hpy-0.9.0.abi``), so that the harness can check that every
one of them has a case.
"""

from harness import CASES

from . import constants, containers, errors, numbers, objects, runtime, strings, types  # noqa: F401
from .table import members


def all_cases():
    functions, handles = members()
    covered = {c.function for c in CASES}
    missing = [m for m in functions + handles if m not in covered]
    if missing:
        raise SystemExit(f"conformance: no case for {', '.join(missing)}")
    ids = [c.id for c in CASES]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SystemExit(f"conformance: duplicate case ids {duplicates}")
    order = {m: i for i, m in enumerate(functions + handles)}
    return sorted(CASES, key=lambda c: order.get(c.function, len(order)))


def by_id():
    return {c.id: c for c in CASES}
