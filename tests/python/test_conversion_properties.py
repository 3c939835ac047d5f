"""Properties of the conversions (hypothesis), through
tests/extensions/conversions: every integer width at and past its edges,
floats, strings from every plane (lone surrogates too), bytes, nested
containers: each value round-trips exactly, or raises the documented
exception. Deterministic (derandomized) and bounded, so that each mode
takes seconds."""

import math
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conversions as c
from test_conversions import INTS, Index

# The autouse fixture of conftest.py (the leak detector, the trace check)
# wraps all the examples of a test at once, as intended.
PROPERTIES = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

EDGES = sorted({sign * (2**k + d) for k in (7, 8, 15, 16, 31, 32, 63, 64, 127, 128) for d in (-1, 0, 1)
                for sign in (1, -1)})


@st.composite
def width_and_int(draw):
    """A width, and an integer at, near or far past its bounds."""
    name = draw(st.sampled_from(sorted(INTS)))
    low, high = INTS[name]
    value = draw(
        st.one_of(
            st.sampled_from(EDGES + [low, high, low - 1, high + 1, 0]),
            st.integers(low - 300, low + 300),
            st.integers(high - 300, high + 300),
            st.integers(),
            st.integers(-(2**300), 2**300),
        )
    )
    return name, value


@PROPERTIES
@given(width_and_int(), st.booleans())
def test_integers_round_trip_or_raise_overflow_error(case, through_index):
    name, value = case
    low, high = INTS[name]
    f = getattr(c, "rt_" + name)
    argument = Index(value) if through_index else value
    if low <= value <= high:
        result = f(argument)
        assert result == value and type(result) is int
    else:
        with pytest.raises(OverflowError, match=rf"^rt_{name}\(\) argument 'x' is out of range for {name}$"):
            f(argument)


def f32_of(x):
    """`x` rounded to the nearest f32, as Rust's `as f32` does (infinite
    beyond its range)."""
    try:
        return struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def same_float(a, b):
    return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))


@PROPERTIES
@given(st.one_of(st.floats(), st.integers(-(2**1100), 2**1100), st.sampled_from([2**1024, -(2**1024), 2**53 + 1])))
def test_floats_round_trip_exactly_or_raise_overflow_error(x):
    try:
        exact = float(x)
    except OverflowError:
        for f in (c.rt_f64, c.rt_f32):
            with pytest.raises(OverflowError):
                f(x)
        return
    assert same_float(c.rt_f64(x), exact)
    assert same_float(c.rt_f32(x), f32_of(exact))


SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)
# Characters from every plane, lone surrogates included, and long texts.
CHARACTERS = st.one_of(st.characters(), st.characters(min_codepoint=0x10000), SURROGATES)
TEXTS = st.one_of(
    st.lists(CHARACTERS, max_size=40).map("".join),
    st.builds(lambda text, n: text * n, st.lists(CHARACTERS, min_size=1, max_size=4).map("".join), st.integers(1, 3000)),
)
CLEAN_TEXTS = st.text(max_size=20)


def first_surrogate(text):
    return next((i for i, ch in enumerate(text) if 0xD800 <= ord(ch) <= 0xDFFF), None)


@PROPERTIES
@given(TEXTS)
def test_strings_round_trip_or_raise_unicode_encode_error(text):
    at = first_surrogate(text)
    for f in (c.rt_str, c.rt_string, c.rt_cow):
        if at is None:
            assert f(text) == text
        else:
            with pytest.raises(UnicodeEncodeError) as info:
                f(text)
            assert info.value.start == at and info.value.end == at + 1
            assert "argument 'x'" in info.value.reason


@PROPERTIES
@given(st.lists(CHARACTERS, max_size=3).map("".join))
def test_chars_round_trip_or_raise(text):
    # The text is read (as UTF-8) before its length is checked.
    if first_surrogate(text) is not None:
        with pytest.raises(UnicodeEncodeError):
            c.rt_char(text)
    elif len(text) != 1:
        with pytest.raises(TypeError, match=rf"must be a unicode character, not a string of length {len(text)}$"):
            c.rt_char(text)
    else:
        assert c.rt_char(text) == text


@PROPERTIES
@given(st.binary(max_size=3000), st.lists(st.integers(-300, 300), max_size=20))
def test_bytes_round_trip_and_byte_lists_convert_or_overflow(data, items):
    assert c.rt_bytes(data) == data and c.rt_byte_vec(data) == data
    bad = next((i for i, item in enumerate(items) if not 0 <= item <= 255), None)
    if bad is None:
        assert c.rt_byte_vec(items) == bytes(items)
    else:
        with pytest.raises(OverflowError, match=rf"argument 'x' item {bad} is out of range for u8$"):
            c.rt_byte_vec(items)


I64 = st.integers(-(2**63), 2**63 - 1)


@PROPERTIES
@given(st.lists(st.lists(st.none() | CLEAN_TEXTS, max_size=5), max_size=5), st.booleans())
def test_nested_sequences_round_trip_as_lists(nested, as_tuples):
    argument = tuple(tuple(inner) for inner in nested) if as_tuples else nested
    assert c.rt_nested(argument) == nested


@PROPERTIES
@given(st.lists(st.one_of(I64, st.integers()), max_size=12))
def test_integer_lists_round_trip_or_name_the_item(items):
    bad = next((i for i, item in enumerate(items) if not -(2**63) <= item < 2**63), None)
    if bad is None:
        assert c.rt_vec(items) == items
    else:
        with pytest.raises(OverflowError, match=rf"item {bad} is out of range for i64$"):
            c.rt_vec(items)


@PROPERTIES
@given(st.lists(I64, max_size=6))
def test_arrays_need_their_length(items):
    if len(items) == 3:
        assert c.rt_array(items) == items
    else:
        with pytest.raises(ValueError, match=rf"must have 3 items, not {len(items)}$"):
            c.rt_array(items)


@PROPERTIES
@given(
    st.tuples(I64, CLEAN_TEXTS, st.booleans()),
    st.dictionaries(CLEAN_TEXTS, I64, max_size=8),
    st.dictionaries(I64, st.lists(CLEAN_TEXTS, max_size=3), max_size=8),
    st.none() | I64,
)
def test_tuples_maps_and_options_round_trip(triple, by_name, by_number, option):
    assert c.rt_tuple(triple) == triple
    assert c.rt_hashmap(by_name) == by_name
    assert c.rt_btreemap(by_number) == by_number
    assert c.rt_option(option) == option
    for anything in (triple, by_name, option):
        assert c.rt_handle(anything) is anything
