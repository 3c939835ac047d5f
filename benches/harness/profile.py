"""Self cost per function of the loops callgrind.py keeps, per iteration.

    python -m harness.profile target/bench/callgrind/rust-hpy.add.out [N]
    python -m harness.profile A.out B.out [N]     (two profiles side by side)

`callgrind_annotate --inclusive=yes FILE` gives the inclusive view; its
self-cost view misreads these per-loop parts (it charges everything to
`__libc_start_main`), hence this reader. N is the loop count (10000).
"""

import collections
import sys


def self_costs(path):
    """{function: instructions spent in it, not in its callees}."""
    costs = collections.Counter()
    function = None
    after_call = False
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("fn="):
                function = line[3:].strip()
            elif line.startswith("calls="):
                after_call = True  # the next cost line is the call's inclusive cost
            elif line[:1].isdigit() or line[:1] in "+-*":
                fields = line.split()
                if after_call:
                    after_call = False
                elif len(fields) >= 2:
                    costs[function] += int(fields[1])
    return costs


def main(argv):
    files = [a for a in argv if not a.isdigit()]
    n = int(next((a for a in argv if a.isdigit()), 10000))
    tables = [self_costs(f) for f in files]
    names = sorted(set().union(*tables), key=lambda k: -max(t[k] for t in tables))
    print("".join(f"{f.rsplit('/', 1)[-1]:>22}" for f in files) + "  function")
    for name in names:
        values = [t[name] / n for t in tables]
        if max(values) >= 0.5:
            print("".join(f"{v:22.1f}" for v in values) + "  " + name)
    print("".join(f"{sum(t.values()) / n:22.1f}" for t in tables) + "  TOTAL")


if __name__ == "__main__":
    main(sys.argv[1:])
