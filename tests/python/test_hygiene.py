"""The `hygiene` extension: macro output compiled without a prelude, with
shadowing names and the `hpy` crate renamed (`crate = "renamed_hpy"`),
behaves like any other extension."""

import gc

import pytest

import hygiene
from conftest import PYPY, reenters


def test_functions_with_every_kind_of_parameter():
    assert hygiene.add(1) == 3
    assert hygiene.add(1, 2, 3, 4) == 5
    assert hygiene.add(1, b=5, scale=2, x=1, y=2) == 16
    with pytest.raises(TypeError, match="add"):
        hygiene.add()


def test_exec_exceptions_and_globals():
    assert hygiene.ANSWER == 42
    assert issubclass(hygiene.HygieneError, ValueError)
    assert hygiene.check(False) is None
    with pytest.raises(hygiene.HygieneError, match="failed"):
        hygiene.check(True)
    marker = object()
    assert hygiene.remember(marker) is None
    assert hygiene.remember(None) is marker
    assert hygiene.remember(None) is None


def test_class_methods_and_accessors():
    counter = hygiene.Counter(10, step=5)
    assert counter.advance() == 15
    assert counter.value == 15
    counter.value = 2
    counter.step = 3
    assert counter.advance() == 5
    assert counter.step == 3
    assert hygiene.Counter.zero().value == 0
    assert hygiene.Counter.KIND == "counter"


@reenters  # the class method calls the class
def test_class_method_and_subclass():
    assert hygiene.Counter.starting_at(7).value == 7
    if PYPY:
        # A class with a destructor: PyPy 7.3.19 would abort when it
        # finalizes a Python subclass's instance, so the crate refuses it.
        with pytest.raises(TypeError, match="not supported on PyPy"):
            type("Sub", (hygiene.Counter,), {})
        return

    class Sub(hygiene.Counter):
        pass

    assert type(Sub.starting_at(1)) is Sub


def test_class_slots():
    a, b = hygiene.Counter(3), hygiene.Counter(4)
    assert repr(a) == "Counter(3)"
    assert a == hygiene.Counter(3) and a != b
    assert a < b and not b < a
    assert hash(a) == 3
    assert (a + 2).value == 5
    assert len(b) == 4
    assert b[2] == 8
    with pytest.raises(IndexError, match="negative"):
        b[-1]
    assert bool(a) and not bool(hygiene.Counter(0))
    assert a(3) == 9


def test_fields_are_traversed():
    counter = hygiene.Counter()
    counter.hold(counter)  # a cycle through the Rust object
    assert counter.held() is counter
    held = [1, 2]
    other = hygiene.Counter()
    other.hold(held)
    assert other.held() is held
    del counter
    gc.collect()


def test_results_by_type_and_reserved_names():
    counter = hygiene.Counter(1)
    same = counter
    counter += 2
    assert counter is same and counter.value == 3
    assert hygiene.reserved(1) == 8
    assert hygiene.reserved(1, 2, 3, 4, __hpy_ctx=10, __hpy_result=100) == 115
    assert hygiene.reserved(__hpy_a0=1, __hpy_a1=0) == 1

