"""Argument parsing: each function of tests/extensions/signatures is called
beside a Python function with the same signature; results and errors
(type and message) must be the same."""

import inspect

import pytest

import signatures as ext
from conftest import CONTEXT_NAMES, MODE, pypy_bug


def no_args():
    return "none"


def pos_or_kw(a, b):
    return (a, b)


def positional_only(a, b, c=3, /):
    return (a, b, c)


def mixed(a, b=2, /, c=3, *, d, e=5):
    return (a, b, c, d, e)


def keyword_only(*, a, b=2):
    return (a, b)


def star_args(a, *args, b=0):
    return (a, list(args), b)


def star_kwargs(a, /, **kwargs):
    return (a, kwargs)


def everything(*args, **kwargs):
    return (args, kwargs or None)


def optional(a, b=None, c=None):
    return (a, b, c)


# Positional-only functions use HPy's VARARGS convention (METH_FASTCALL):
# CPython itself rejects keywords for them, as for its own builtins.
POSITIONAL_ONLY = {"positional_only"}


REFERENCE = [no_args, pos_or_kw, positional_only, mixed, keyword_only, star_args, star_kwargs, everything, optional]

CALLS = [
    ((), {}),
    ((1,), {}),
    ((1, 2), {}),
    ((1, 2, 3), {}),
    ((1, 2, 3, 4), {}),
    ((1, 2, 3, 4, 5, 6), {}),
    ((), {"a": 1}),
    ((), {"a": 1, "b": 2}),
    ((1,), {"b": 2}),
    ((1,), {"a": 2}),
    ((1, 2), {"c": 3}),
    ((1, 2), {"d": 4}),
    ((1,), {"d": 4, "e": 6}),
    ((1, 2, 3), {"d": 4}),
    ((1, 2, 3, 4), {"d": 4}),
    ((1,), {"b": 2, "d": 4}),
    ((), {"d": 4}),
    ((1,), {"zzz": 1}),
    ((1,), {"a": 1, "zzz": 2}),
    ((1, 2), {"a": 3, "b": 4}),
    ((), {"b": 2}),
    ((1, 2, 3), {"b": 1}),
]


def outcome(function, args, kwargs):
    try:
        return ("ok", function(*args, **kwargs))
    except TypeError as e:
        return ("TypeError", str(e))


@pytest.mark.parametrize("reference", REFERENCE, ids=lambda f: f.__name__)
def test_same_results_and_errors_as_python(reference):
    extension = getattr(ext, reference.__name__)
    for args, kwargs in CALLS:
        expected = outcome(reference, args, kwargs)
        if reference is no_args and expected[0] == "TypeError":
            continue  # METH_NOARGS: CPython's own message for builtins
        if reference.__name__ in POSITIONAL_ONLY and kwargs:
            expected = ("TypeError", f"signatures.{reference.__name__}() takes no keyword arguments")
            got = outcome(extension, args, kwargs)
            assert got[0] == "TypeError" and got[1].endswith("takes no keyword arguments"), got
            continue
        assert outcome(extension, args, kwargs) == expected, (reference.__name__, args, kwargs)


def test_one_positional_argument_uses_cpythons_own_checks():
    assert ext.one_positional(5) == 5
    with pytest.raises(TypeError, match="takes exactly one argument"):
        ext.one_positional()
    with pytest.raises(TypeError, match="takes no keyword arguments"):
        ext.one_positional(x=1)


def test_no_args():
    assert ext.no_args() == "none"
    with pytest.raises(TypeError, match="takes no arguments"):
        ext.no_args(1)


def test_everything_passes_tuples_and_dicts_through():
    assert ext.everything(1, "a", k=[]) == ((1, "a"), {"k": []})
    assert ext.everything() == ((), None)


def test_keyword_names_that_are_not_utf8():
    assert ext.everything(**{"\ud800": 1}) == ((), {"\ud800": 1})
    with pytest.raises(TypeError, match=r"pos_or_kw\(\) got an unexpected keyword argument"):
        ext.pos_or_kw(1, 2, **{"\ud800": 1})


def test_raw_identifiers_and_renaming():
    assert ext.raw_names("t") == "t/x"
    assert ext.raw_names(type="t", match="m") == "t/m"
    assert ext.renamed() == CONTEXT_NAMES[MODE]
    assert not hasattr(ext, "with_a_rust_name")


def test_defaults_are_applied():
    assert ext.defaults(1) == (1, -1, 2.5, "q'uote", True, None)
    assert ext.defaults(1, 2, c=0.5, d="d", e=False, f=7) == (1, 2, 0.5, "d", False, 7)


@pytest.mark.no_hpy_calls
@pypy_bug("inspect.signature cannot read HPy functions")
def test_text_signatures():
    for reference in REFERENCE:
        assert inspect.signature(getattr(ext, reference.__name__)) == inspect.signature(reference), reference
    assert str(inspect.signature(ext.defaults)) == "(a, /, b=-1, *, c=2.5, d=\"q'uote\", e=True, f=None)"
    assert str(inspect.signature(ext.raw_names)) == "(type, match='x')"
    assert str(inspect.signature(ext.one_positional)) == "(x, /)"


# Parameters routed by their type, whatever it is called (tests/extensions/signatures/src/routes.rs).


def test_path_parameters_convert_from_str():
    assert ext.path_parts("/tmp/data.txt") == ("data.txt", False)
    assert ext.path_parts("/tmp/data.txt", "/tmp") == ("data.txt", True)
    with pytest.raises(TypeError, match=r"path_parts\(\) argument 'path' must be str, not int"):
        ext.path_parts(3)


def test_user_types_taken_by_reference_convert():
    assert ext.color("red") == ("red", (255, 0, 0), None)
    assert ext.color("green", "red") == ("green", (0, 255, 0), "red")
    with pytest.raises(ValueError, match='unknown colour "blue"'):
        ext.color("blue")


def test_aliases_of_class_borrows_and_views():
    a, b = ext.Meter(1.5), ext.Meter(2.0)
    assert ext.total(a, b, [1, 2, 3]) == 1.5 + 3.0 + 3
    assert b.value() == 3.0
    assert a.plus(b) == 4.5
    with pytest.raises(TypeError, match=r"total\(\) argument 'a' must be Meter, not float"):
        ext.total(1.0, b, [])
    with pytest.raises(TypeError, match=r"total\(\) argument 'items' must be list, not tuple"):
        ext.total(a, b, ())
    with pytest.raises(TypeError, match=r"plus\(\) argument 'other' must be Meter, not int"):
        a.plus(1)


def test_results_receivers_and_operands_are_told_by_type():
    with pytest.raises(ValueError, match="a tally is not negative"):
        ext.Tally(-1)
    t = ext.Tally(2)
    same = t
    t += 3  # returns `Done`, an alias of `HPyResult<()>`: the object itself
    assert t is same and t.count() == 5
    assert (t + ext.Tally(1)).count() == 6
    assert t - ext.Meter(1.5) == 3.5
    assert "red" not in t and "red" in ext.Tally(255)
    assert 255 not in ext.Tally(255)  # not a colour: `NotImplemented`, so `False`
    assert "blue" not in t  # the conversion's error: not a colour either
    with pytest.raises(TypeError):
        t + 1
    with pytest.raises(TypeError):
        t - 1
    assert ext.UserResult(7).value() == 7

