"""Calls and iteration from safe Rust (tests/extensions/api/src/calls.rs)."""

import builtins
import threading

import pytest

import api
from conftest import MODE, PYPY


def record(*args, **kwargs):
    return args, kwargs


def test_positional_calls():
    x = object()
    none, values, owned, borrowed = api.call_positional(record, x)
    assert none == ((), {})
    assert values == ((1, "a", x), {})
    assert owned == borrowed == ((x, x), {})
    with pytest.raises(TypeError):
        api.call_positional(len, x)  # len() takes exactly one argument


def test_keyword_calls_in_every_form():
    x = object()
    results = api.call_keywords(record, x, {"sep": "-", "end": x})
    expected = ((1,), {"sep": "-", "end": x})
    assert results[:5] == [expected] * 5
    assert results[5] == ((1,), {})
    assert results[6] == ((), {})


def test_keyword_errors():
    def positional_only(a, /):
        return a

    with pytest.raises(TypeError):
        api.call_keywords(positional_only, 1, {})
    with pytest.raises(TypeError, match="keywords must be strings"):
        api.call_keywords(record, 1, {1: 2})
    with pytest.raises(ZeroDivisionError):
        api.call_keywords(lambda *a, **k: 1 / 0, 1, {})


def test_call_with_a_tuple_and_a_dict():
    assert api.call_tuple_dict(record, (1, 2), {"k": 3}) == ((1, 2), {"k": 3})
    assert api.call_tuple_dict(record, (), None) == ((), {})
    assert api.call_tuple_dict(max, ([3, 1],), {"key": lambda v: -v}) == 1
    with pytest.raises(TypeError, match="requires args to be a tuple"):
        api.call_tuple_dict(record, [1], None)
    with pytest.raises(TypeError, match="requires kw to be a dict"):
        api.call_tuple_dict(record, (), [("k", 1)])


class Receiver:
    def method(self, arg, **kwargs):
        return self, arg, kwargs

    def variadic(self, *args, **kwargs):
        return self, args, kwargs


def test_method_calls():
    r = Receiver()
    by_text, by_object, with_kw, tuple_dict = api.call_methods(r, "method", 5, {"k": 1})
    assert by_text == by_object == (r, 5, {})
    assert with_kw == tuple_dict == (r, 5, {"k": 1})
    assert api.call_methods("a-b", "split", "-", {})[:2] == (["a", "b"], ["a", "b"])
    with pytest.raises(AttributeError):
        api.call_methods(r, "missing", 1, {})
    with pytest.raises(TypeError):
        api.call_methods(r, "method", 1, {"arg": 2})  # multiple values for 'arg'


def test_callable_check():
    assert api.is_callable(len) and api.is_callable(Receiver) and api.is_callable(Receiver().method)
    assert not api.is_callable(1) and not api.is_callable("len")


def test_iteration():
    assert api.iterate([1, 2, 3]) == [1, 2, 3]
    assert api.iterate("ab") == ["a", "b"]
    assert api.iterate({"k": 1}) == ["k"]
    assert api.iterate(i * i for i in range(4)) == [0, 1, 4, 9]
    assert api.iterate(()) == []

    class OldStyle:  # iterable through __getitem__ only
        def __getitem__(self, index):
            if index > 2:
                raise IndexError
            return index

    assert api.iterate(OldStyle()) == [0, 1, 2]
    with pytest.raises(TypeError, match="not iterable"):
        api.iterate(5)


def test_iteration_stops_at_an_error():
    def failing():
        yield 1
        yield 2
        raise KeyError("stop here")

    with pytest.raises(KeyError, match="stop here"):
        api.iterate(failing())
    assert api.iterate_until_error(failing()) == ([1, 2], True)
    assert api.iterate_until_error(iter([1])) == ([1], False)

    class CustomStop:
        def __iter__(self):
            return self

        def __next__(self):
            raise StopIteration("done")

    assert api.iterate(CustomStop()) == []


def same_type_error(function, *args):
    """The message of the TypeError that `function(*args)` raises."""
    with pytest.raises(TypeError) as info:
        function(*args)
    return str(info.value)


def test_iteration_looks_special_methods_up_on_the_type_as_python_does():
    class Disabled:
        __iter__ = None

        def __getitem__(self, index):
            return index

    class NonIterator:
        def __iter__(self):
            return 5

    class Meta(type):
        def __iter__(cls):
            return iter(["from the metaclass"])

    class WithMeta(metaclass=Meta):
        pass

    class Base:
        def __iter__(self):
            return iter("ab")

    class Derived(Base):
        pass

    on_instance = Derived()
    on_instance.__iter__ = lambda: iter("ignored")  # Python ignores it too
    plain = WithMeta()
    plain.__iter__ = lambda: iter("ignored")
    for obj in (Disabled(), NonIterator(), plain, 5):
        assert same_type_error(api.iterate, obj) == same_type_error(iter, obj)
    assert same_type_error(api.iterate, NonIterator()).startswith("iter() returned non-iterator")
    assert api.iterate(WithMeta) == list(WithMeta) == ["from the metaclass"]
    assert api.iterate(on_instance) == list(on_instance) == ["a", "b"]

    class StopsWithStopIteration:
        def __getitem__(self, index):
            if index == 2:
                raise StopIteration
            return index

    assert api.iterate(StopsWithStopIteration()) == list(StopsWithStopIteration()) == [0, 1]


@pytest.mark.parametrize("value", [None, len, lambda obj: iter([99])])
def test_iteration_does_not_depend_on_builtins_iter(value):
    original = builtins.iter
    try:
        if value is None:
            del builtins.iter
        else:
            builtins.iter = value
        result = api.iterate([1, 2]), api.iterate(x for x in "xy"), api.iterate({"k": 0})
    finally:
        builtins.iter = original
    assert result == ([1, 2], ["x", "y"], ["k"])


def in_a_thread_with_a_small_stack(function, *args):
    """Runs `function(*args)` in a thread with a 512 KiB stack, where a
    stack buffer for 100,000 handles (800 KB) would crash the interpreter."""
    result = {}

    def run():
        try:
            result["value"] = function(*args)
        except BaseException as error:  # re-raised in the caller
            result["error"] = error

    previous = threading.stack_size(512 * 1024)
    try:
        thread = threading.Thread(target=run)
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


# Enough handles to overflow a stack buffer; PyPy's debug mode keeps its
# handles in a list that makes each close linear (100_000 take minutes).
MANY = 10_000 if PYPY and MODE == "debug" else 100_000


@pytest.mark.parametrize("n", [0, 3, 255, 256, 257, MANY])
def test_calls_and_tuples_with_many_arguments(n):
    expected = tuple(range(n))
    with_kw, without, items = in_a_thread_with_a_small_stack(api.call_many, record, n, ["a", "b"])
    assert with_kw == (expected, {"a": 0, "b": 1})
    assert without == (expected, {})
    assert items == expected
    r = Receiver()
    r_with_kw, r_without, _ = in_a_thread_with_a_small_stack(api.call_many, r, n, ["k"], "variadic")
    assert r_with_kw == (r, expected, {"k": 0})
    assert r_without == (r, expected, {})


def test_many_keyword_arguments():
    names = [f"k{i}" for i in range(300)]
    with_kw, without, _ = api.call_many(record, 2, names)
    assert with_kw == ((0, 1), {name: i for i, name in enumerate(names)})
    r = Receiver()
    assert api.call_many(r, 0, names, "variadic")[0] == (r, (), dict(zip(names, range(300))))
    with pytest.raises(TypeError, match="call_kw\\(\\) got multiple values for keyword argument 'k7'"):
        api.call_many(record, 0, names + ["k7"])
    with pytest.raises(TypeError, match="got multiple values for keyword argument 'k0'"):
        api.call_many(r, 0, names + ["k0"], "variadic")
    with pytest.raises(AttributeError, match="missing"):
        api.call_many(r, 1000, [], "missing")
    with pytest.raises(TypeError):
        api.call_many(len, 1000, [])  # len() takes exactly one argument
