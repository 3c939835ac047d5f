"""The PyO3 class and the hpy functions of `pyo3_interop` share objects.

Runs in the CPython ABI only (the interop API needs it); reference leaks are
checked with `sys.getrefcount` and `sys.getallocatedblocks`, since HPy's debug
mode does not exist in this ABI.
"""

import gc
import sys

import pytest

import pyo3_interop as m


def test_module_is_a_plain_cpython_extension():
    assert m.__file__.endswith(".so") and ".cpython-" in m.__file__
    assert "hpy" not in sys.modules


def test_hpy_makes_a_pyo3_object():
    tally = m.new_tally(5)
    assert type(tally) is m.Tally
    assert tally.count == 5


def test_hpy_changes_a_pyo3_object():
    tally = m.Tally()
    assert m.bump(tally, 2) == 2
    assert m.bump(tally, by=3) == 5
    assert tally.count == 5
    assert m.total([tally, m.new_tally(10)]) == 15


def test_hpy_list_goes_to_pyo3():
    assert m.total_of_new([1, 2, 3]) == 6
    assert m.total_of_new([]) == 0


def test_wrong_object_raises_type_error():
    with pytest.raises(TypeError, match="Tally"):
        m.bump(object(), 1)
    with pytest.raises(TypeError, match="bump"):
        m.bump(m.Tally(), "one")


def _blocks_after(calls, function):
    for _ in range(100):
        function()
    gc.collect()
    before = sys.getallocatedblocks()
    for _ in range(calls):
        function()
    gc.collect()
    return sys.getallocatedblocks() - before


def test_no_reference_leaks():
    tally = m.Tally()
    refs = sys.getrefcount(tally), sys.getrefcount(m.Tally)
    for _ in range(1000):
        m.bump(tally, 1)
        m.total([tally])
    assert (sys.getrefcount(tally), sys.getrefcount(m.Tally)) == refs
    calls = 10_000
    assert _blocks_after(calls, lambda: m.new_tally(1)) < calls // 10
    assert _blocks_after(calls, lambda: m.total_of_new([1, 2])) < calls // 10
    assert _blocks_after(calls, lambda: m.bump(tally, 1)) < calls // 10
