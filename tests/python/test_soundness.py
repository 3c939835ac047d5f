"""What safe Rust cannot break (tests/extensions/classes): panics whatever
their payload, over-aligned payloads, Fields, globals."""

import gc

import pytest

import classes as c
from conftest import PYPY


def test_panic_payloads_that_panic_when_dropped_are_survived():
    before = c.bombs_exploded()
    with pytest.raises(BaseException) as info:
        c.panic_with_bomb()
    assert type(info.value).__name__ == "PanicException"
    assert "non-string payload" in str(info.value)
    # tp_destroy: the value's Drop panics with a bomb.
    bomb = c.DropBomb()
    del bomb
    # tp_traverse: the GC's traversal and HPy's clear panic with bombs.
    wire = c.TraverseBomb()
    wire.arm()
    gc.collect()
    del wire
    gc.collect()
    assert c.bombs_exploded() >= before + 3


@pytest.mark.skipif(PYPY, reason="PyPy aligns payloads to 8 bytes: such classes are refused there")
def test_payloads_are_aligned_as_their_values_need():
    class Sub(c.Aligned):
        pass

    objects = [cls(i) for i in range(50) for cls in (c.Aligned, Sub)]
    assert all(o.check() == (0, i // 2) for i, o in enumerate(objects))


@pytest.mark.skipif(not PYPY, reason="the refusal is PyPy's only")
def test_over_aligned_classes_are_refused_on_pypy():
    with pytest.raises(TypeError, match="needs more than 8-byte alignment"):
        c.Aligned(1)


def test_only_globals_a_module_lists_are_usable():
    token = object()
    c.keep(token)
    assert c.kept() is token
    c.keep(None)
    with pytest.raises(BaseException) as info:
        c.store_in_unlisted_global(token)
    assert type(info.value).__name__ == "PanicException"
    assert "not listed by any module" in str(info.value)
