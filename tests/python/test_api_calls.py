"""Calls and iteration from safe Rust (tests/extensions/api/src/calls.rs)."""

import pytest

import api


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
