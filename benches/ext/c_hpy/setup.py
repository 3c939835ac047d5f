"""Builds bench_c_hpy as a universal HPy module with hpy.devel.

    python setup.py --hpy-abi=universal build_ext --inplace

hpy.devel (from the `hpy` package, installed beside setuptools) provides the
`hpy_ext_modules` keyword and compiles its runtime helpers (argument
parsing, type helpers) into the module, with the same flags as the module.
"""

from setuptools import Extension, setup

setup(
    name="bench_c_hpy",
    version="0.1.0",
    hpy_ext_modules=[
        Extension("bench_c_hpy", sources=["bench_c_hpy.c"], extra_compile_args=["-O2"]),
    ],
    py_modules=[],
)
