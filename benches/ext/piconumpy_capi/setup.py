"""Builds piconumpy_capi, the C API twin of examples/piconumpy, for the
running Python (the piconumpy benchmark builds it with this file on
CPython, and with the C compiler directly on PyPy).

    python setup.py build_ext --inplace
"""

from setuptools import Extension, setup

setup(
    name="piconumpy_capi",
    version="0.1.0",
    ext_modules=[Extension("piconumpy_capi", sources=["piconumpy_capi.c"], extra_compile_args=["-O2"])],
    py_modules=[],
)
