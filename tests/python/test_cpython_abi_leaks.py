"""Reference leaks in the CPython ABI, which has no HPy debug mode: each
function is called many times, and neither the interpreter's allocated
blocks nor the reference counts of its arguments may grow with the number
of calls. (In the universal ABI, the debug mode's LeakDetector checks every
test instead.)"""

import gc
import sys

import pytest

from conftest import ABI

if ABI != "cpython":
    # Skipped before the module defines its Python subclass, which PyPy refuses.
    pytest.skip("the HPy debug mode checks the universal ABI", allow_module_level=True)

import hello  # noqa: E402
from floatarray import Array  # noqa: E402

CALLS = 2000


def fails(function, *args):
    try:
        function(*args)
    except Exception:
        pass


CASES = {
    "greet": lambda: hello.greet("World", "Hi"),
    "add": lambda: hello.add(2, 3),
    "add overflow": lambda: fails(hello.add, 2**63 - 1, 1),
    "repeat keywords": lambda: hello.repeat("ab", times=3, sep="-"),
    "word_counts": lambda: hello.word_counts("a b a"),
    "summarize": lambda: hello.summarize(1, 2, 3, x=1, y=2),
    "apply": lambda: hello.apply(len, [1, 2, 3]),
    "greet bad argument": lambda: fails(hello.greet, 1),
    "instances": lambda: Array([1.0, 2.0]).tolist(),
    "instance slots": lambda: (Array([1.0, 2.0]) + Array([3.0, 4.0]))[0],
    "bad constructor argument": lambda: fails(Array, ["a"]),
}


class Mine(Array):
    """A Python subclass of an HPy type: its instances die through
    CPython's `subtype_dealloc`, then the HPy type's `tp_dealloc`."""


CASES["Python subclass instances"] = lambda: Mine.arange(3).tolist()


def allocated_blocks_after(case, calls):
    for _ in range(calls):
        case()
    gc.collect()
    return sys.getallocatedblocks()


@pytest.mark.parametrize("name", CASES)
def test_no_blocks_leak_per_call(name):
    case = CASES[name]
    allocated_blocks_after(case, 50)  # warm up caches and interned strings
    before = allocated_blocks_after(case, 0)
    after = allocated_blocks_after(case, CALLS)
    assert after - before < CALLS // 10, f"{name}: {after - before} blocks over {CALLS} calls"


def test_a_leak_is_seen():
    """The check finds a leak of one object per call: a list kept alive."""
    kept = []
    before = allocated_blocks_after(lambda: None, 0)
    after = allocated_blocks_after(lambda: kept.append(hello.word_counts("a")), CALLS)
    assert after - before >= CALLS


def test_arguments_and_results_keep_their_reference_counts():
    argument = object()

    def identity(value):
        return value

    before = sys.getrefcount(argument)
    for _ in range(CALLS):
        assert hello.apply(identity, argument) is argument
    assert sys.getrefcount(argument) == before


@pytest.mark.parametrize("cls", [Array, Mine])
def test_instances_release_their_type(cls):
    """Each instance holds a reference to its (heap) type, which its
    `tp_dealloc` gives back."""
    cls.arange(1)
    gc.collect()
    before = sys.getrefcount(cls)
    instances = [cls.arange(1) for _ in range(100)]
    assert sys.getrefcount(cls) == before + 100
    del instances
    gc.collect()
    assert sys.getrefcount(cls) == before
