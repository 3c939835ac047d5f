"""Every conversion both ways, through tests/extensions/conversions: each
`rt_<type>(x)` converts x to the Rust type and back."""

import builtins

import pytest

import conversions as c

INTS = {
    "i8": (-(2**7), 2**7 - 1),
    "i16": (-(2**15), 2**15 - 1),
    "i32": (-(2**31), 2**31 - 1),
    "i64": (-(2**63), 2**63 - 1),
    "i128": (-(2**127), 2**127 - 1),
    "isize": (-(2**63), 2**63 - 1),
    "u8": (0, 2**8 - 1),
    "u16": (0, 2**16 - 1),
    "u32": (0, 2**32 - 1),
    "u64": (0, 2**64 - 1),
    "u128": (0, 2**128 - 1),
    "usize": (0, 2**64 - 1),
}


class Index:
    """An object that is not an int but can be used as one."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


@pytest.mark.parametrize("name", INTS)
def test_integers_round_trip_at_their_bounds(name):
    low, high = INTS[name]
    f = getattr(c, "rt_" + name)
    for value in (low, high, 0, 1, high // 3, Index(high)):
        assert f(value) == int(getattr(value, "value", value))
    assert f(True) == 1


@pytest.mark.parametrize("name", INTS)
def test_integers_out_of_range_raise_overflow_error_naming_the_argument(name):
    low, high = INTS[name]
    f = getattr(c, "rt_" + name)
    for value in (low - 1, high + 1, -(2**200), 2**200):
        with pytest.raises(OverflowError, match=rf"^rt_{name}\(\) argument 'x' is out of range for {name}$"):
            f(value)


@pytest.mark.parametrize("name", INTS)
def test_integers_reject_other_types(name):
    f = getattr(c, "rt_" + name)
    for value, type_name in ((1.5, "float"), ("1", "str"), (None, "NoneType")):
        with pytest.raises(TypeError, match=rf"^rt_{name}\(\) argument 'x' must be int, not {type_name}$"):
            f(value)


def test_index_errors_propagate():
    class Broken:
        def __index__(self):
            raise KeyError("broken __index__")

    with pytest.raises(KeyError, match="broken __index__"):
        c.rt_i64(Broken())


def test_floats():
    assert c.rt_f64(1.5) == 1.5
    assert c.rt_f64(3) == 3.0
    assert c.rt_f64(float("inf")) == float("inf")
    assert c.rt_f64(float("nan")) != c.rt_f64(float("nan"))
    assert c.rt_f32(0.1) == pytest.approx(0.1, rel=1e-7)
    assert c.rt_f32(0.1) != 0.1
    with pytest.raises(TypeError, match=r"^rt_f64\(\) argument 'x' must be real number, not str$"):
        c.rt_f64("1.0")
    with pytest.raises(OverflowError):
        c.rt_f64(2**2000)


def test_bool_accepts_only_bools():
    assert c.rt_bool(True) is True
    assert c.rt_bool(False) is False
    with pytest.raises(TypeError, match=r"^rt_bool\(\) argument 'x' must be bool, not int$"):
        c.rt_bool(1)


@pytest.mark.parametrize("f", [c.rt_str, c.rt_string, c.rt_cow])
def test_strings(f):
    for text in ("", "ascii", "é", "日本語 😀", "nul\0inside", "x" * 1000, "é" * 1000):
        assert f(text) == text
    with pytest.raises(TypeError, match=r"argument 'x' must be str, not bytes$"):
        f(b"bytes")
    with pytest.raises(UnicodeEncodeError) as info:
        f("ab\udc80cd")
    assert info.value.start == 2 and info.value.end == 3
    assert info.value.reason.startswith("surrogates not allowed")
    assert "argument 'x'" in info.value.reason


def test_char():
    for ch in ("a", "é", "😀"):
        assert c.rt_char(ch) == ch
    with pytest.raises(TypeError, match=r"^rt_char\(\) argument 'x' must be a unicode character, not a string of length 2$"):
        c.rt_char("ab")
    with pytest.raises(TypeError, match="not a string of length 0"):
        c.rt_char("")


def test_bytes():
    for data in (b"", b"\x00\xff", bytes(range(256)) * 4):
        assert c.rt_bytes(data) == data
        assert c.rt_byte_vec(data) == data
    assert c.rt_byte_vec([1, 2, 255]) == b"\x01\x02\xff"
    with pytest.raises(TypeError, match=r"^rt_bytes\(\) argument 'x' must be bytes, not str$"):
        c.rt_bytes("text")
    with pytest.raises(TypeError, match="must be bytes, not bytearray"):
        c.rt_bytes(bytearray(b"x"))
    with pytest.raises(OverflowError, match=r"^rt_byte_vec\(\) argument 'x' item 0 is out of range for u8$"):
        c.rt_byte_vec([256])


def test_option_and_unit():
    assert c.rt_option(None) is None
    assert c.rt_option(5) == 5
    with pytest.raises(TypeError, match="must be int, not str"):
        c.rt_option("5")
    assert c.unit() is None


def test_sequences():
    assert c.rt_vec([1, 2, 3]) == [1, 2, 3]
    assert c.rt_vec((4, 5)) == [4, 5]
    assert c.rt_vec(range(3)) == [0, 1, 2]
    assert c.rt_vec([]) == []
    assert c.rt_nested([[None, "a"], []]) == [[None, "a"], []]
    assert c.rt_array([7, 8, 9]) == [7, 8, 9]
    with pytest.raises(TypeError, match=r"^rt_vec\(\) argument 'x' item 1 must be int, not str$"):
        c.rt_vec([1, "a"])
    with pytest.raises(TypeError, match=r"^rt_vec\(\) argument 'x' must be a sequence, not str$"):
        c.rt_vec("abc")
    with pytest.raises(TypeError, match="must be a sequence, not int"):
        c.rt_vec(3)
    with pytest.raises(ValueError, match=r"^rt_array\(\) argument 'x' must have 3 items, not 2$"):
        c.rt_array([1, 2])


@pytest.mark.parametrize("value", [{0: 7, 1: 8}, {1, 2}, frozenset(), b"ab", "ab"])
def test_sequences_refuse_dicts_sets_bytes_and_str(value):
    with pytest.raises(TypeError, match=rf"argument 'x' must be a sequence, not {type(value).__name__}$"):
        c.rt_vec(value)


MISSING = object()


def with_builtin(name, value, function, *args):
    """Calls `function(*args)` with `builtins.<name>` replaced by `value`
    (deleted for MISSING), for as short a time as possible; returns the
    result or the exception raised."""
    original = getattr(builtins, name)
    if value is MISSING:
        delattr(builtins, name)
    else:
        setattr(builtins, name, value)
    try:
        return function(*args)
    except Exception as error:
        return error
    finally:
        setattr(builtins, name, original)


@pytest.mark.parametrize("name", ["set", "frozenset", "iter"])
@pytest.mark.parametrize("value", [5, object, MISSING])
def test_sequences_do_not_depend_on_the_builtins_namespace(name, value):
    assert with_builtin(name, value, c.rt_vec, [1, 2]) == [1, 2]
    assert with_builtin(name, value, c.rt_vec, range(2)) == [0, 1]
    for refused in ({1}, frozenset([1]), set(), {"k": 1}.keys()):
        error = with_builtin(name, value, c.rt_vec, refused)
        assert isinstance(error, TypeError)
        assert str(error) == f"rt_vec() argument 'x' must be a sequence, not {type(refused).__name__}"


def test_sequences_are_types_with_getitem():
    class Sized:  # a length but no items by index, like a set
        def __len__(self):
            return 0

    with pytest.raises(TypeError, match=r"argument 'x' must be a sequence, not Sized$"):
        c.rt_vec(Sized())
    sized = Sized()
    sized.__getitem__ = lambda i: i  # on the instance: not a sequence, as for Python
    with pytest.raises(TypeError, match=r"must be a sequence, not Sized$"):
        c.rt_vec(sized)

    class Items(Sized):
        def __getitem__(self, i):
            raise IndexError(i)

    assert c.rt_vec(Items()) == []


def test_sequence_length_errors_propagate_and_are_not_trusted():
    class BadLen:
        def __len__(self):
            raise KeyError("from __len__")

        def __getitem__(self, i):
            return i

    with pytest.raises(KeyError, match="from __len__"):
        c.rt_vec(BadLen())

    class HugeLen:
        def __len__(self):
            return 2**40

        def __getitem__(self, i):
            if i >= 3:
                raise IndexError(i)
            return i

    with pytest.raises(IndexError):
        c.rt_vec(HugeLen())


def test_tuples():
    assert c.rt_tuple((1, "a", True)) == (1, "a", True)
    with pytest.raises(TypeError, match=r"^rt_tuple\(\) argument 'x' must be tuple, not list$"):
        c.rt_tuple([1, "a", True])
    with pytest.raises(ValueError, match=r"must be a tuple of length 3, not 2$"):
        c.rt_tuple((1, "a"))
    with pytest.raises(TypeError, match=r"argument 'x' item 2 must be bool, not int$"):
        c.rt_tuple((1, "a", 0))
    assert c.sum_pairs([(1, "a"), (2, "b")]) == (3, "ab")


def test_dicts():
    assert c.rt_hashmap({"a": 1, "b": 2}) == {"a": 1, "b": 2}
    assert c.rt_hashmap({}) == {}
    assert list(c.rt_btreemap({2: ["x"], 1: []}).items()) == [(1, []), (2, ["x"])]
    with pytest.raises(TypeError, match=r"^rt_hashmap\(\) argument 'x' key must be str, not int$"):
        c.rt_hashmap({1: 1})
    with pytest.raises(TypeError, match=r"argument 'x' value must be int, not str$"):
        c.rt_hashmap({"a": "b"})
    with pytest.raises(TypeError, match="must be dict, not list"):
        c.rt_hashmap([("a", 1)])


def test_handles_are_the_objects_themselves():
    marker = object()
    assert c.rt_handle(marker) is marker
    assert c.rt_owned_handle(marker) is marker


def test_context_constants_and_types():
    assert c.constants() == (None, True, False, NotImplemented)
    none, true, false, not_implemented = c.constants()
    assert none is None and true is True and false is False and not_implemented is NotImplemented
    types = c.builtin_types()
    assert all(a is b for a, b in zip(types, [int, float, str, list, bytes]))
