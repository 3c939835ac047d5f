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

import api  # noqa: E402
import classes  # noqa: E402
import hello  # noqa: E402
import metaclass  # noqa: E402
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




def linked_nodes():
    a, b = classes.Node("a"), classes.Node("b")
    a.link(b)
    b.link(a)  # a cycle through fields, which the GC breaks
    a.set_pair(1, "two")


def capsule_round_trip():
    capsule = api.capsule_new(7, True)
    api.capsule_get(capsule, False, "api.counted")


def global_round_trip():
    api.global_swap(object())
    api.global_swap(None)


# The rest of the backend, through the test extensions: builders, trackers,
# capsules, globals, calls, containers, fields, inheritance, metaclasses.
CASES.update(
    {
        "list and tuple builders": lambda: api.build(20),
        "tracker closed": lambda: api.track(5, "extra", False),
        "tracker kept": lambda: api.track(5, "extra", True),
        "capsule": capsule_round_trip,
        "global": global_round_trip,
        "call with keywords": lambda: api.call_keywords(lambda *a, **k: (a, k), 1, {"sep": "-"}),
        "call methods": lambda: api.call_methods("a-b", "split", "-", {}),
        "dict and tuple": lambda: (api.dict_make((1, 2), "key"), api.tuple_make(1, "b")),
        "fields and GC": linked_nodes,
        "Rust base": lambda: classes.Dog("Rex", 3),
        # Builtin bases free what they own in their own tp_dealloc.
        "list base": lambda: classes.Stack([1, 2]),
        "str base": lambda: classes.Text("text", "en"),
        "int base": lambda: classes.TaggedInt(2**70, "big"),
        "float base": lambda: classes.Celsius(21.5),
        "tuple base": lambda: classes.Pair(1, 2),
        "metaclass instances": lambda: metaclass.WithMeta(),
    }
)


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
