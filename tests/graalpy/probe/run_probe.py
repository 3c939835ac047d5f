"""Load ctx_probe.hpy0.so in one HPy mode and print what it sees.

    python run_probe.py PATH/ctx_probe.hpy0.so [universal|debug|trace]
"""

import importlib.util
import sys

import hpy.universal as u

path = sys.argv[1]
mode_name = sys.argv[2] if len(sys.argv) > 2 else "universal"
mode = {"universal": u.MODE_UNIVERSAL, "debug": u.MODE_DEBUG, "trace": u.MODE_TRACE}[mode_name]
print("implementation:", sys.implementation.name, sys.version.split()[0])
print("hpy version:", u.get_version())
spec = importlib.util.spec_from_file_location("ctx_probe", path)
mod = u.load("ctx_probe", path, spec, debug=False, mode=mode)
print("mode:", mode_name)
for key, value in mod.layout().items():
    print(f"  {key}: {value}")
failed = 0
for fn, ok, detail in mod.calls():
    failed += not ok
    print(f"  {'ok  ' if ok else 'FAIL'} {fn}: {detail}")
print("calls failed:", failed)
