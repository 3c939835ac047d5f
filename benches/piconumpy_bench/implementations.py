"""The implementations of piconumpy's array that the benchmark compares,
and how a worker loads each one."""

import importlib
import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True)
class Implementation:
    key: str  # on the command line and in file names
    title: str  # in the report


PURE_PYTHON = Implementation("purepy", "pure Python (list-based class)")
C_API = Implementation("capi", "C API")
C_HPY = Implementation("c-hpy", "C HPy (universal)")
RUST_HPY = Implementation("rust-hpy", "Rust HPy (universal)")

ALL = [PURE_PYTHON, C_API, C_HPY, RUST_HPY]
BY_KEY = {i.key: i for i in ALL}

# The file names the build gives the two extensions in an `ext` folder.
CAPI_MODULE = "piconumpy_capi"
CHPY_MODULE = "piconumpy_chpy"
RUST_MODULE = "piconumpy"
UNIVERSAL = {RUST_HPY.key: RUST_MODULE, C_HPY.key: CHPY_MODULE}


def load(key, ext_dir):
    """The module of implementation `key`; its extensions are in `ext_dir`."""
    if key == PURE_PYTHON.key:
        return importlib.import_module("piconumpy_bench.purepy")
    if key in UNIVERSAL:
        import hpy.universal

        name = UNIVERSAL[key]
        path = str(ext_dir / f"{name}.hpy0.so")
        spec = importlib.util.spec_from_file_location(name, path)
        return hpy.universal.load(name, path, spec, debug=False)
    if key == C_API.key:
        [path] = [p for p in ext_dir.glob(f"{CAPI_MODULE}.*.so") if not p.name.endswith(".hpy0.so")]
        spec = importlib.util.spec_from_file_location(CAPI_MODULE, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    raise ValueError(f"unknown implementation {key!r}; the implementations are {', '.join(BY_KEY)}")
