"""Builds bench_capi, the CPython C API reference, for the running Python.

    python setup.py build_ext --inplace
"""

from setuptools import Extension, setup

setup(
    name="bench_capi",
    version="0.1.0",
    ext_modules=[Extension("bench_capi", sources=["bench_capi.c"], extra_compile_args=["-O2"])],
    py_modules=[],
)
