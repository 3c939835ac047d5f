"""The columns of the report: one implementation, loaded one way."""

import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str  # on the command line and in file names
    title: str  # in the table
    module: str  # the extension module's name
    hpy: bool  # a universal HPy module (loaded with hpy.universal)
    debug: bool = False  # loaded in HPy's debug mode
    pypy: bool = False  # run on PyPy (its modules in `ext-pypy`)


COLUMNS = [
    Column("capi", "C API", "bench_capi", hpy=False),
    Column("c-hpy", "C HPy", "bench_c_hpy", hpy=True),
    Column("pyo3", "PyO3", "bench_pyo3", hpy=False),
    Column("rust-hpy", "Rust HPy", "bench_rust_hpy", hpy=True),
    # The same two sources built for HPy's CPython ABI: plain CPython
    # extensions (`<module><EXT_SUFFIX>`, `PyInit_<module>`), no hpy runtime.
    Column("c-hpy-cpy", "C HPy (CPython ABI)", "bench_c_hpy", hpy=False),
    Column("rust-hpy-cpy", "Rust HPy (CPython ABI)", "bench_rust_hpy", hpy=False),
    Column("c-hpy-debug", "C HPy debug", "bench_c_hpy", hpy=True, debug=True),
    Column("rust-hpy-debug", "Rust HPy debug", "bench_rust_hpy", hpy=True, debug=True),
    Column("pypy-capi", "C API (cpyext)", "bench_capi", hpy=False, pypy=True),
    Column("pypy-c-hpy", "C HPy", "bench_c_hpy", hpy=True, pypy=True),
    Column("pypy-pyo3", "PyO3 (cpyext)", "bench_pyo3", hpy=False, pypy=True),
    Column("pypy-rust-hpy", "Rust HPy", "bench_rust_hpy", hpy=True, pypy=True),
]

BY_KEY = {c.key: c for c in COLUMNS}


def load(column, ext_dir):
    """Imports the column's module from `ext_dir`, where build.py put it."""
    if column.hpy:
        import hpy.universal

        path = str(ext_dir / f"{column.module}.hpy0.so")
        spec = importlib.util.spec_from_file_location(column.module, path)
        return hpy.universal.load(column.module, path, spec, debug=column.debug)
    [path] = [p for p in ext_dir.glob(f"{column.module}.*.so") if not p.name.endswith(".hpy0.so")]
    spec = importlib.util.spec_from_file_location(column.module, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
