"""How a CPython-ABI module loads into the interpreters of a process: its
`Global`s are statics of the process, so on CPython 3.12 and later the module
declares (slot `Py_mod_multiple_interpreters`) that it cannot be loaded into
an interpreter with its own GIL. (A universal module is loaded by the `hpy`
package, which decides that for every HPy module.)"""

import sys

import pytest

from conftest import ABI

if ABI != "cpython":
    pytest.skip("the universal ABI's modules are loaded by the hpy package", allow_module_level=True)


@pytest.mark.skipif(sys.version_info < (3, 12), reason="the slot exists on CPython 3.12 and later")
def test_refused_in_an_isolated_subinterpreter():
    import _xxsubinterpreters as interpreters

    interpreter = interpreters.create(isolated=True)
    try:
        with pytest.raises(interpreters.RunFailedError, match="does not support loading in subinterpreters"):
            interpreters.run_string(interpreter, "import hello")
        # A module of the standard library still loads there.
        interpreters.run_string(interpreter, "import math")
    finally:
        interpreters.destroy(interpreter)
