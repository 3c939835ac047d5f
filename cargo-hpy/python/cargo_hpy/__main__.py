"""``python -m cargo_hpy ...`` (and the ``cargo-hpy`` script) runs the cargo-hpy program."""

import os
import subprocess
import sys

from cargo_hpy import _program


def main():
    args = [_program()] + sys.argv[1:]
    if os.name == "posix":
        os.execv(args[0], args)
    sys.exit(subprocess.call(args))


if __name__ == "__main__":
    main()
