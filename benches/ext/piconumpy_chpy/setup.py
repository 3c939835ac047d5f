"""Builds piconumpy_chpy, the C HPy twin of examples/piconumpy, as a
universal HPy module with hpy.devel (the piconumpy benchmark builds it with
this file on CPython, and with the C compiler against PyPy's own HPy
headers on PyPy).

    python setup.py --hpy-abi=universal build_ext --inplace
"""

from setuptools import Extension, setup

setup(
    name="piconumpy_chpy",
    version="0.1.0",
    hpy_ext_modules=[
        Extension("piconumpy_chpy", sources=["piconumpy_chpy.c"], extra_compile_args=["-O2"]),
    ],
    py_modules=[],
)
